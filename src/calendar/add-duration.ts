import { addDays, daysInMonth, formatLocalDate, parseLocalDate } from './local-date.ts';
import { isBusinessDay } from './business-day.ts';
import { openingIntervals } from './opening-intervals.ts';
import { addWorkingHours } from './working-hours.ts';
import { instantFromWall, localParts, wallTime, zonedTime } from './zoned-time.ts';
import type { DurationUnit, OrgCalendar } from './types.ts';

const HOUR_MS = 3_600_000;
// Ten years of business days; more means a calendar with no business days at all.
const MAX_DAYS = 3_660;

/**
 * The deadline `amount` units after `start`, computed in the organisation's time zone.
 *
 * - `hours`: plain elapsed hours (48 hours from noon BST on Saturday 24 October 2026 is 11:00 GMT
 *   on Monday).
 * - `workingHours`: only time inside businessHours periods on business days counts; Monday to
 *   Friday 09:00-17:00 when the organisation has no businessHours. Counting from outside those
 *   hours begins at the next opening; a count that ends exactly at closing time returns the
 *   closing instant (27 working hours from Monday 08:30 on an 08:30-17:30 week is Wednesday 17:30,
 *   not Thursday 08:30).
 * - `businessDays`: the end of the Nth business day after the start's local date; the start day
 *   never counts, even when it is a business day. The end is the latest closing time of the
 *   businessHours periods on that day, or 23:59:59.999 local without businessHours.
 * - `calendarDays`: 23:59:59.999 local on the Nth calendar day after the start's local date
 *   ("within 15 days" of 1 June is the end of 16 June).
 * - `weeks`: 7N local calendar days later at the same local wall time (so across a DST change the
 *   elapsed time is an hour more or less than 7N x 24 hours).
 * - `months`: N calendar months later at the same local wall time, clamped to the end of a
 *   shorter month (31 January + 1 month = 28 February).
 *
 * A wall time that falls in a DST gap moves forward by the gap; one that happens twice takes the
 * earlier. `amount` 0 returns the start for hours, weeks and months and the end of the start's
 * day for the day units. Throws a RangeError for a negative amount, a fractional amount of a
 * day, week or month unit, or a calendar without business days.
 */
export function addDuration(start: Date, amount: number, unit: DurationUnit, cal: OrgCalendar): Date {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`Duration amount must be a non-negative number, got ${amount}`);
  }
  if (unit !== 'hours' && unit !== 'workingHours' && !Number.isInteger(amount)) {
    throw new RangeError(`Duration in ${unit} must be a whole number, got ${amount}`);
  }
  switch (unit) {
    case 'hours':
      return new Date(start.getTime() + amount * HOUR_MS);
    case 'workingHours':
      return addWorkingHours(start, amount, cal);
    case 'businessDays':
      return addBusinessDays(start, amount, cal);
    case 'calendarDays':
      return endOfLocalDay(addDays(localParts(start, cal.timeZone).date, amount), cal.timeZone);
    case 'weeks':
      return addLocalDays(start, 7 * amount, cal.timeZone);
    case 'months':
      return addMonths(start, amount, cal.timeZone);
    default:
      throw new RangeError(`Unknown duration unit "${unit as string}"`);
  }
}

/** The last millisecond of a local date: just before the next day starts (23:59:59.999 on most days). */
function endOfLocalDay(localDate: string, timeZone: string): Date {
  return new Date(zonedTime(localDate, '24:00', timeZone).getTime() - 1);
}

function addBusinessDays(start: Date, days: number, cal: OrgCalendar): Date {
  let date = localParts(start, cal.timeZone).date;
  for (let counted = 0, scanned = 0; counted < days;) {
    date = addDays(date, 1);
    if (isBusinessDay(date, cal)) counted++;
    if (++scanned > MAX_DAYS) throw new RangeError('No business days found within ten years: check businessHours and closures');
  }
  const closing = cal.businessHours ? openingIntervals(date, cal.businessHours, cal.timeZone).at(-1)?.end : undefined;
  // A closing time of '24:00' is the start of the next day; the deadline is the moment before it.
  const endOfDay = endOfLocalDay(date, cal.timeZone);
  return closing === undefined || closing > endOfDay.getTime() ? endOfDay : new Date(closing);
}

function addLocalDays(start: Date, days: number, timeZone: string): Date {
  const wall = wallTime(start, timeZone);
  return instantFromWall({ ...wall, ...parseLocalDate(addDays(formatLocalDate(wall), days)) }, timeZone);
}

function addMonths(start: Date, months: number, timeZone: string): Date {
  const wall = wallTime(start, timeZone);
  const index = wall.month - 1 + months;
  const year = wall.year + Math.floor(index / 12);
  const month = (index % 12) + 1;
  return instantFromWall({ ...wall, year, month, day: Math.min(wall.day, daysInMonth(year, month)) }, timeZone);
}
