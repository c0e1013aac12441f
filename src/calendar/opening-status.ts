import { addDays } from './local-date.ts';
import { isClosure } from './business-day.ts';
import { mergeIntervals, openingIntervals, type Interval } from './opening-intervals.ts';
import { publicHoliday } from './public-holiday.ts';
import { localParts } from './zoned-time.ts';
import type { OpeningHours, OpeningStatus, OrgCalendar } from './types.ts';

/** How many days after today openingStatus looks for the next opening. */
export const OPENING_SEARCH_DAYS = 14;

/**
 * Whether a place with these opening hours is open at `now`, in the organisation's time zone.
 *
 * Open: `closesAt` is when the current opening ends (periods that touch, such as '00:00'-'24:00'
 * on consecutive days, count as one opening, so a round-the-clock line reports the end of the
 * search horizon). Closed: `nextOpening` is the next time it opens within today and the next
 * 14 days, or null if none. Days that are public holidays are skipped when
 * `hours.closedOnPublicHolidays` is set; the organisation's closures are always skipped.
 * Opening and closing are half-open: open at 08:30:00, closed at 17:30:00.
 */
export function openingStatus(hours: OpeningHours, cal: OrgCalendar, now: Date): OpeningStatus {
  const today = localParts(now, cal.timeZone).date;
  const spans: Interval[] = [];
  for (let offset = 0; offset <= OPENING_SEARCH_DAYS; offset++) {
    const date = addDays(today, offset);
    if (isClosure(date, cal)) continue;
    if (hours.closedOnPublicHolidays && publicHoliday(date, cal) !== null) continue;
    spans.push(...openingIntervals(date, hours, cal.timeZone));
  }
  const t = now.getTime();
  for (const span of mergeIntervals(spans)) {
    if (span.start <= t && t < span.end) return { open: true, closesAt: new Date(span.end) };
    if (span.start > t) return { open: false, nextOpening: new Date(span.start) };
  }
  return { open: false, nextOpening: null };
}
