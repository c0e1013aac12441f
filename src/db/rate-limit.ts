import { lt, sql } from 'drizzle-orm';
import type { Db } from './connect.ts';
import { rateLimits } from './schema.ts';

export interface RateLimitHit {
  /** What is limited, e.g. `lookup:ref:OPX-2026-...` or `submit:ip:203.0.113.7`. Never personal data in clear. */
  key: string;
  /** Requests allowed in one window. */
  limit: number;
  /** Window length in milliseconds; windows are aligned to the epoch (fixed windows). */
  windowMs: number;
  /** The time of the request (default: now). */
  now?: Date;
}

export type RateLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one request against `key` in the current fixed window and says whether it is
 * allowed. One atomic upsert, so concurrent requests on several servers sharing a
 * PostgreSQL database are each counted exactly once. The first `limit` requests of a
 * window pass; the rest get the seconds until the window ends (for Retry-After).
 */
export async function hitRateLimit(db: Db, { key, limit, windowMs, now = new Date() }: RateLimitHit): Promise<RateLimitResult> {
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`rate limit must be a whole number >= 0, got ${limit}`);
  if (!Number.isInteger(windowMs) || windowMs < 1000) throw new Error(`rate limit window must be whole milliseconds >= 1000, got ${windowMs}`);
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: new Date(windowStart), count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  const count = row!.count;
  if (count <= limit) return { ok: true, remaining: limit - count };
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now.getTime()) / 1000));
  return { ok: false, retryAfterSeconds };
}

/**
 * Deletes the counters of windows that started before `before`; returns how many. Pass a
 * time at least one longest window ago (e.g. now minus a day) so no current window goes.
 */
export async function pruneRateLimits(db: Db, before: Date): Promise<number> {
  const deleted = await db.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ key: rateLimits.key });
  return deleted.length;
}
