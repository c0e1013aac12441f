import { createHash } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { hitRateLimit, rateLimits, type Db } from '../db/index.ts';

const HOUR = 60 * 60_000;

/** One limit: at most `limit` counted attempts in each fixed window of `windowMs`. */
export interface LimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

const rule = (limit: number, windowMs: number): LimitRule => ({ limit, windowMs });

/**
 * How many attempts to get into a case are allowed. Sign-in counts only failed attempts
 * (a success gives its slot back); a magic-link request counts every time, because its
 * answer never says whether it matched (and a mailbox must not be flooded).
 */
export const accessLimits = {
  /** Wrong codes for one reference: 5 in an hour, so guessing a 60-bit code is hopeless. */
  signInPerReference: rule(5, HOUR),
  /** Wrong codes or malformed references from one client, across all references. */
  signInPerClient: rule(20, HOUR),
  /** Sign-in links asked for one reference. */
  magicLinkPerReference: rule(5, HOUR),
  /** Sign-in links asked by one client, across all references. */
  magicLinkPerClient: rule(20, HOUR),
} as const;

/** A slot taken in a rate-limit window, to give back when the attempt turns out well. */
export interface Reservation {
  key: string;
  windowStart: Date;
}

export type ReserveResult = { ok: true; taken: Reservation[] } | { ok: false; retryAfterSeconds: number };

/**
 * The rate-limit key of a client (an IP address, usually): hashed, so that the table
 * holds no address in clear.
 */
export function clientLimitKey(purpose: string, clientKey: string): string {
  return `${purpose}:client:${createHash('sha256').update(clientKey, 'utf8').digest('base64url').slice(0, 22)}`;
}

/**
 * Takes one slot in each limit, in order, stopping at the first that is full. Taking the
 * slot before the attempt (rather than counting failures after it) keeps concurrent
 * guesses within the limit: each is counted in one atomic upsert before it is checked.
 */
export async function reserve(db: Db, hits: readonly { key: string; limit: LimitRule }[], now: Date): Promise<ReserveResult> {
  const taken: Reservation[] = [];
  for (const { key, limit } of hits) {
    const result = await hitRateLimit(db, { key, limit: limit.limit, windowMs: limit.windowMs, now });
    if (!result.ok) return { ok: false, retryAfterSeconds: result.retryAfterSeconds };
    taken.push({ key, windowStart: new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs) });
  }
  return { ok: true, taken };
}

/** Gives back slots taken by `reserve` (a successful sign-in is not a failed attempt). */
export async function release(db: Db, taken: readonly Reservation[]): Promise<void> {
  for (const { key, windowStart } of taken) {
    await db
      .update(rateLimits)
      .set({ count: sql`${rateLimits.count} - 1` })
      .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart), gt(rateLimits.count, 0)));
  }
}
