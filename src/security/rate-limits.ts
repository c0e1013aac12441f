import { createHmac } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { hitRateLimit, rateLimits, type Db } from '../db/index.ts';
import { env } from '../env.ts';
import { normaliseClientAddress } from './client-address.ts';
import { siteSecret } from './secret.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One limit: at most `limit` counted attempts in each fixed window of `windowMs`. */
export interface LimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

const rule = (limit: number, windowMs: number): LimitRule => ({ limit, windowMs });

/**
 * Every rate limit of the site, in one table. Keys name what is counted: `client` limits
 * count a (hashed, normalised) client address, `reference` and `account` limits count a
 * thing someone else may own. A limit on something the victim owns must never be the
 * only thing standing between an attacker and locking the owner out: each has a per-client
 * sibling that trips first for the attacker, and the owner keeps a way in that it does not
 * block (the status page's email link, the staff set-password link).
 */
export const rateLimitTable = {
  /** Status page, wrong codes or malformed references from one client, across all references. */
  trackSignInPerClient: rule(20, HOUR),
  /** Status page, wrong codes for one reference from anyone: 5 an hour makes a 60-bit code unguessable. Does not block the email link. */
  trackSignInPerReference: rule(5, HOUR),
  /** Status page, email links asked by one client, across all references. */
  trackLinkPerClient: rule(20, HOUR),
  /** Status page, email links actually sent for one reference (only asking with the case's address counts): keeps a mailbox from being flooded. */
  trackLinkPerReference: rule(5, HOUR),
  /** Staff sign-in, wrong passwords from one client for one account: the attacker's client is locked out of that account, not the owner. */
  staffSignInPerAccountClient: rule(5, 15 * MINUTE),
  /** Staff sign-in, wrong passwords from one client across all accounts. */
  staffSignInPerClient: rule(30, 15 * MINUTE),
  /** Staff sign-in, wrong passwords for one account from everyone: only a distributed attack reaches it; the set-password link still works. */
  staffSignInPerAccount: rule(100, HOUR),
  /** Draft preview, tries of the preview secret from one client. */
  previewPerClient: rule(10, 15 * MINUTE),
} as const;

export type LimitName = keyof typeof rateLimitTable;

/** Public form posts (complaint, compliment, accessible format) per client, each kind its own counter: SUBMIT_RATE_LIMIT in 10 minutes. */
export const publicFormLimit = (): LimitRule => rule(env().SUBMIT_RATE_LIMIT, 10 * MINUTE);

/**
 * A client's address as it is stored: normalised (IPv6 to its /64, IPv4-mapped to IPv4)
 * and keyed with the site secret, so that no table holds an address, nor a plain hash of
 * one that could be reversed by hashing every address.
 */
export function clientHash(address: string): string {
  return createHmac('sha256', siteSecret()).update(normaliseClientAddress(address), 'utf8').digest('base64url').slice(0, 22);
}

/** The rate-limit key of a client for one purpose, e.g. `submit:client:<hash>`. */
export const clientLimitKey = (purpose: string, address: string) => `${purpose}:client:${clientHash(address)}`;

/** A secret-keyed digest of anything else that should not sit in clear in a key (an email address). */
export const keyDigest = (value: string) => createHmac('sha256', siteSecret()).update(value, 'utf8').digest('base64url').slice(0, 22);

/** A slot taken in a rate-limit window, to give back when the attempt turns out well. */
export interface Reservation {
  key: string;
  windowStart: Date;
}

export type ReserveResult = { ok: true; taken: Reservation[] } | { ok: false; retryAfterSeconds: number };

/**
 * Takes one slot in each limit, in order, stopping at the first that is full. Taking the
 * slot before the attempt (rather than counting failures after it) keeps concurrent
 * guesses within the limit: each is counted in one atomic upsert before it is checked, so
 * 200 guesses at once get 5 tries, not 200.
 */
export async function reserve(db: Db, hits: readonly { key: string; limit: LimitRule }[], now: Date): Promise<ReserveResult> {
  const taken: Reservation[] = [];
  for (const { key, limit } of hits) {
    const result = await hitRateLimit(db, { key, limit: limit.limit, windowMs: limit.windowMs, now });
    taken.push({ key, windowStart: new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs) });
    if (!result.ok) {
      // The slots already taken were not used: give them back, so a refusal by a later limit costs nothing.
      await release(db, taken);
      return { ok: false, retryAfterSeconds: result.retryAfterSeconds };
    }
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

/** Counts one request of a client against a limit of the table (or another rule); true when it may go on. */
export async function hitClientLimit(db: Db, purpose: string, address: string, limit: LimitRule, now = new Date()) {
  return hitRateLimit(db, { key: clientLimitKey(purpose, address), limit: limit.limit, windowMs: limit.windowMs, now });
}
