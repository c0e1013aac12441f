import type { Weekday } from './types.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
// Index = Date#getUTCDay(), which starts on Sunday.
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A calendar date without a time zone. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/**
 * Splits a local date `YYYY-MM-DD` into numbers.
 * Throws a RangeError for a malformed or impossible date (a bug or bad configuration, not user input).
 */
export function parseLocalDate(localDate: string): DateParts {
  const match = DATE.exec(localDate);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new RangeError(`Expected a date as YYYY-MM-DD, got "${localDate}"`);
}

/** Formats year, month (1-12) and day as `YYYY-MM-DD`. */
export function formatLocalDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Number of days in a month (1-12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Calendar arithmetic runs on UTC midnights, which have no DST, so it is the same on any server.
function toUtcMs(localDate: string): number {
  const { year, month, day } = parseLocalDate(localDate);
  const ms = new Date(0);
  ms.setUTCFullYear(year, month - 1, day);
  return ms.getTime();
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatLocalDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** The local date `days` calendar days after (or, if negative, before) `localDate`. */
export function addDays(localDate: string, days: number): string {
  return fromUtcMs(toUtcMs(localDate) + days * DAY_MS);
}

/** The weekday of a local date. */
export function weekdayOf(localDate: string): Weekday {
  return WEEKDAYS[new Date(toUtcMs(localDate)).getUTCDay()]!;
}
