import { parseLocalDate, weekdayOf } from './local-date.ts';
import { publicHoliday } from './public-holiday.ts';
import type { OrgCalendar, Weekday } from './types.ts';

const MON_TO_FRI: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Whether a local date (YYYY-MM-DD) falls in one of the organisation's own closures (inclusive). */
export function isClosure(localDate: string, cal: OrgCalendar): boolean {
  parseLocalDate(localDate);
  // YYYY-MM-DD strings sort as dates do.
  return (cal.closures ?? []).some(({ from, to }) => from <= localDate && localDate <= to);
}

/**
 * Whether a local date (YYYY-MM-DD) is a business day of the organisation: a weekday on which its
 * businessHours have a period (Monday to Friday when it has none), not a public holiday of its
 * country and region, and not in one of its closures.
 *
 * A public holiday is never a business day, even when businessHours.closedOnPublicHolidays is
 * false: deadlines in business days count the days the law counts. That flag only decides
 * whether a place is open on the day (see openingStatus).
 */
export function isBusinessDay(localDate: string, cal: OrgCalendar): boolean {
  const weekday = weekdayOf(localDate);
  const workingWeek = cal.businessHours ? cal.businessHours.periods.some((p) => p.days.includes(weekday)) : MON_TO_FRI.includes(weekday);
  return workingWeek && publicHoliday(localDate, cal) === null && !isClosure(localDate, cal);
}
