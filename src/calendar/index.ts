// The organisation's calendar: local time, public holidays, business days, opening hours and
// deadlines. Pure functions; all time arithmetic happens in the organisation's IANA time zone.
export type { Closure, DurationUnit, LocalParts, OpeningHours, OpeningPeriod, OpeningStatus, OrgCalendar, Weekday } from './types.ts';
export { addDays, daysInMonth, formatLocalDate, parseLocalDate, weekdayOf, type DateParts } from './local-date.ts';
export { instantFromWall, localParts, parseTime, wallTime, zonedTime, zonedYear, type WallTime } from './zoned-time.ts';
export { publicHoliday } from './public-holiday.ts';
export { isBusinessDay, isClosure } from './business-day.ts';
export { mergeIntervals, openingIntervals, type Interval } from './opening-intervals.ts';
export { OPENING_SEARCH_DAYS, openingStatus } from './opening-status.ts';
export { DEFAULT_BUSINESS_HOURS, addWorkingHours } from './working-hours.ts';
export { addDuration } from './add-duration.ts';
