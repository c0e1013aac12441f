import { formatLocalDate, parseLocalDate, weekdayOf } from './local-date.ts';
import type { LocalParts } from './types.ts';

/** A wall-clock reading: local date and time, no zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const TIME = /^(\d{2}):(\d{2})$/;

// Creating an Intl.DateTimeFormat is slow compared with using one; deadlines call this in loops.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws a RangeError for an unknown zone: bad configuration should fail loudly.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in an IANA time zone (never the server's zone). */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Expected a valid Date, got Invalid Date');
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    // Intl stops at seconds; zone offsets are whole seconds, so the milliseconds carry over unchanged.
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

function wallAsUtcMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  return wallAsUtcMs(wallTime(new Date(ms), timeZone)) - ms;
}

/**
 * The instant at which the zone's clocks show a wall time.
 *
 * A wall time that never happens (the spring-forward gap) is moved forward by the length of the gap,
 * as Temporal's 'compatible' disambiguation does: 01:30 on 29 March 2026 in London is 02:30 BST.
 * A wall time that happens twice (the autumn fall-back) resolves to the earlier instant:
 * 01:30 on 25 October 2026 in London is 01:30 BST (00:30 UTC), not 01:30 GMT.
 */
export function instantFromWall(wall: WallTime, timeZone: string): Date {
  const asUtc = wallAsUtcMs(wall);
  // No zone changes its offset twice within two days, so the offsets a day either side
  // are the only ones that can apply to this wall time.
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const candidates = [asUtc - before, asUtc - after].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + offsetAt(candidate, timeZone) === asUtc) return new Date(candidate);
  }
  // In the gap: read the wall time with the offset in force before the change, which lands after it.
  return new Date(asUtc - before);
}

/**
 * Parses a local time 'HH:MM' into hour and minute. '24:00' (end of day) is accepted only when
 * `allowEndOfDay` is set, for closing times. Throws a RangeError for anything else.
 */
export function parseTime(time: string, allowEndOfDay = false): { hour: number; minute: number } {
  const match = TIME.exec(time);
  if (match) {
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    if ((hour < 24 && minute < 60) || (allowEndOfDay && hour === 24 && minute === 0)) return { hour, minute };
  }
  throw new RangeError(`Expected a time as HH:MM, got "${time}"`);
}

/**
 * The year an instant falls in, in an IANA time zone. Zone offsets are under a day, so away
 * from New Year the UTC year is the answer; only the two days around it ask Intl (a page
 * asks this of every date it shows, and formatToParts is the costly part of that).
 */
export function zonedYear(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const year = instant.getUTCFullYear();
  if (ms - Date.UTC(year, 0, 1) > 86_400_000 && Date.UTC(year + 1, 0, 1) - ms > 86_400_000) return year;
  return wallTime(instant, timeZone).year;
}

/**
 * The local date, weekday, hour and minute of an instant in an IANA time zone.
 * Uses Intl with the given zone, so the result does not depend on the server's TZ.
 */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const w = wallTime(instant, timeZone);
  const date = formatLocalDate(w);
  return { date, weekday: weekdayOf(date), hour: w.hour, minute: w.minute };
}

/**
 * The instant at which it is `time` ('HH:MM', or '24:00' for the end of the day) on `localDate`
 * (YYYY-MM-DD) in `timeZone`, correct across DST changes.
 *
 * In the spring-forward gap the time moves forward by the gap (01:30 London on 29 March 2026 is
 * 02:30 BST); when the time happens twice in the autumn the earlier one is taken (01:30 London on
 * 25 October 2026 is 01:30 BST). '24:00' is the start of the next day.
 */
export function zonedTime(localDate: string, time: string, timeZone: string): Date {
  // Opening hours ask the same few (day, time, zone) questions on every page: remember them.
  const key = `${localDate}|${time}|${timeZone}`;
  const known = zonedTimes.get(key);
  if (known !== undefined) return new Date(known);
  const { year, month, day } = parseLocalDate(localDate);
  const { hour, minute } = parseTime(time, true);
  // setUTCHours(24) rolls over to the next day, which is what '24:00' means.
  const instant = instantFromWall({ year, month, day, hour, minute, second: 0, millisecond: 0 }, timeZone);
  if (zonedTimes.size >= 50_000) zonedTimes.clear();
  zonedTimes.set(key, instant.getTime());
  return instant;
}

const zonedTimes = new Map<string, number>();
