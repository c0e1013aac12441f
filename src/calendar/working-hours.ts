import { addDays } from './local-date.ts';
import { isBusinessDay } from './business-day.ts';
import { openingIntervals } from './opening-intervals.ts';
import { localParts } from './zoned-time.ts';
import type { OpeningHours, OrgCalendar } from './types.ts';

const HOUR_MS = 3_600_000;
// Ten years: beyond that a calendar with no working time at all is misconfigured, not slow.
const MAX_DAYS = 3_660;

/** The working week assumed for an organisation without businessHours: Monday to Friday, 09:00-17:00. */
export const DEFAULT_BUSINESS_HOURS: OpeningHours = {
  periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '17:00' }],
  closedOnPublicHolidays: true,
};

/**
 * The instant after `hours` working hours from `start`: only time inside the organisation's
 * businessHours periods (Monday to Friday 09:00-17:00 when it has none) on its business days
 * (see isBusinessDay) counts. Counting from outside working time begins at the next opening.
 * When the hours run out exactly at a closing time, the result is that closing instant, not the
 * next opening. Working time is real elapsed time, so a period spanning a DST change counts the
 * hours that actually pass. Throws if no working time is found within ten years.
 */
export function addWorkingHours(start: Date, hours: number, cal: OrgCalendar): Date {
  let remaining = hours * HOUR_MS;
  if (remaining === 0) return new Date(start);
  const businessHours = cal.businessHours ?? DEFAULT_BUSINESS_HOURS;
  const t = start.getTime();
  let date = localParts(start, cal.timeZone).date;
  for (let day = 0; day < MAX_DAYS; day++, date = addDays(date, 1)) {
    if (!isBusinessDay(date, cal)) continue;
    for (const span of openingIntervals(date, businessHours, cal.timeZone)) {
      if (span.end <= t) continue;
      const from = Math.max(span.start, t);
      // `<=`: finishing exactly at closing returns the closing instant.
      if (remaining <= span.end - from) return new Date(from + remaining);
      remaining -= span.end - from;
    }
  }
  throw new RangeError('No working time found within ten years: check businessHours and closures');
}
