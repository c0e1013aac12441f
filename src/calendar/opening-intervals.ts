import { weekdayOf } from './local-date.ts';
import { parseTime, zonedTime } from './zoned-time.ts';
import type { OpeningHours } from './types.ts';

/** A half-open span of time [start, end) in milliseconds since the epoch. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * The instants a place is open on a local date by its weekly periods alone (holidays and closures
 * are the caller's business), sorted, with overlapping or touching periods merged so that no
 * time is counted twice. Throws a RangeError for a period that closes before it opens: periods
 * past midnight are written as two periods ('22:00'-'24:00' and '00:00'-'02:00').
 */
export function openingIntervals(localDate: string, hours: OpeningHours, timeZone: string): Interval[] {
  const weekday = weekdayOf(localDate);
  const spans: Interval[] = [];
  for (const period of hours.periods) {
    if (!period.days.includes(weekday)) continue;
    const opens = parseTime(period.opens);
    const closes = parseTime(period.closes, true);
    if (closes.hour * 60 + closes.minute <= opens.hour * 60 + opens.minute) {
      throw new RangeError(`Opening period ${period.opens}-${period.closes} closes before it opens; split a period past midnight at 24:00`);
    }
    const start = zonedTime(localDate, period.opens, timeZone).getTime();
    const end = zonedTime(localDate, period.closes, timeZone).getTime();
    // A period inside a DST gap can shrink to nothing; it opens no time.
    if (end > start) spans.push({ start, end });
  }
  return mergeIntervals(spans);
}

/** Sorts intervals and merges those that overlap or touch. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const span of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
