const MINUTE_MS = 60_000;

/**
 * The whole days, hours and minutes from `from` until `until`, for "3 days and 4 hours left".
 * Elapsed time: a day is 24 hours, so the count is the same on either side of a DST change.
 * Rounded down to the minute (never promises more time than is left); zero once `until` has passed.
 */
export function timeLeft(from: Date, until: Date): { days: number; hours: number; minutes: number; totalMinutes: number } {
  const totalMinutes = Math.max(0, Math.floor((until.getTime() - from.getTime()) / MINUTE_MS));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    totalMinutes,
  };
}
