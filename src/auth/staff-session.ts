import { and, eq, sql } from 'drizzle-orm';
import { rateLimits, staffSessions, staffUsers, type Db } from '../db/index.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { clientHash, keyDigest, rateLimitTable, release, reserve } from '../security/rate-limits.ts';
import { normaliseEmail } from './email.ts';
import { MAX_PASSWORD_LENGTH, verifyDummy, verifyPassword } from './password.ts';
import { checkExpiry, firstExpiry, generateToken, hashToken, plausibleToken, type SessionLifetime } from './session.ts';
import { asMemberships, membershipRowsOfUser, membershipsOf } from './staff.ts';
import type { StaffUser } from './types.ts';

/** A session ends after this long without a request (slid forward while it is used)... */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** ...and this long after sign-in, however busy. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
const staffLifetime: SessionLifetime = { idleMs: IDLE_TIMEOUT_MS, absoluteMs: ABSOLUTE_TIMEOUT_MS };

/**
 * The staff session cookie: its value is the token, whose SHA-256 is the `staff_sessions`
 * row's id; sent only to /staff (site/lib/staff-session.ts sets it).
 */
export const staffSessionCookie = { name: 'redress_staff', path: '/staff' } as const;

/** Wrong passwords from one client for one account before that client must wait, and how long at most. */
export const LOCKOUT_THRESHOLD = rateLimitTable.staffSignInPerAccountClient.limit;
export const LOCKOUT_MS = rateLimitTable.staffSignInPerAccountClient.windowMs;

export interface SignIn {
  email: string;
  password: string;
  /** The client's address: attempts are limited per client and per account and client (stored hashed). */
  clientKey: string;
  now: Date;
}

export type SignInResult =
  | { ok: true; session: { token: string; expiresAt: Date }; user: StaffUser }
  | { ok: false; reason: 'invalid' }
  /** This client tried this account too often: try again after `retryAfterSeconds`. */
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }
  /** Too many failed attempts from this client, whatever the account. */
  | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number };

/**
 * Signs a member of staff in with email and password. Wrong email and wrong password give
 * the same answer in about the same time (an unknown email is verified against a dummy
 * hash and limited like a real account).
 *
 * Every attempt first takes a slot in three limits (src/security/rate-limits.ts), each an
 * atomic upsert, before the password is verified: 5 per account from one client, 30 per
 * client, 100 per account from everyone. So 200 guesses sent at once get 5 tries, and the
 * right password after them is refused too. The lock falls on the client that guesses, not
 * on the account: its owner signs in from their own machine meanwhile (and a set-password
 * link always works). A success gives its slots back. On success the session token (for
 * the cookie) is returned; the database keeps only its SHA-256.
 */
export async function signInStaff(db: Db, { email: typed, password, clientKey, now }: SignIn): Promise<SignInResult> {
  const email = normaliseEmail(typed);
  const account = keyDigest(email ?? typed.trim().toLowerCase());
  const client = clientHash(clientKey);
  const reserved = await reserve(
    db,
    [
      { key: `staff-signin:account-client:${account}:${client}`, limit: rateLimitTable.staffSignInPerAccountClient },
      { key: `staff-signin:client:${client}`, limit: rateLimitTable.staffSignInPerClient },
      { key: `staff-signin:account:${account}`, limit: rateLimitTable.staffSignInPerAccount },
    ],
    now,
  );
  if (!reserved.ok) {
    // Whether the account exists is not said: an unknown one is "locked" the same way.
    const clientFull = await isFull(db, `staff-signin:client:${client}`, rateLimitTable.staffSignInPerClient, now);
    return { ok: false, reason: clientFull ? 'rateLimited' : 'locked', retryAfterSeconds: reserved.retryAfterSeconds };
  }
  const [user] = email ? await db.select().from(staffUsers).where(eq(staffUsers.email, email)) : [];
  const candidate = password.slice(0, MAX_PASSWORD_LENGTH * 4);

  if (!user || !user.passwordHash || user.disabledAt) {
    await verifyDummy(candidate);
    return { ok: false, reason: 'invalid' };
  }
  if (!(await verifyPassword(user.passwordHash, candidate))) return { ok: false, reason: 'invalid' };

  await release(db, reserved.taken);
  const token = generateToken();
  const expiresAt = firstExpiry(staffLifetime, now);
  await db.insert(staffSessions).values({ id: hashToken(token), userId: user.id, expiresAt, createdAt: now });
  return {
    ok: true,
    session: { token, expiresAt },
    user: { id: user.id, email: user.email, name: user.name, memberships: await membershipsOf(db, user.id) },
  };
}

/** Whether a limit's current window is already full (read only). */
async function isFull(db: Db, key: string, limit: { limit: number; windowMs: number }, now: Date): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
  return (row?.count ?? 0) >= limit.limit;
}

export interface ValidSession {
  user: StaffUser;
  session: {
    /** The stored id (the token's hash), not the token. */
    id: string;
    /** When the session ends unless used again (never after the absolute limit). */
    expiresAt: Date;
    /** True when the expiry was just pushed forward: send the cookie again with it. */
    fresh: boolean;
  };
}

const staffSessionById = preparedPerDatabase((db) =>
  db
    .select({
      createdAt: staffSessions.createdAt,
      expiresAt: staffSessions.expiresAt,
      user: { id: staffUsers.id, email: staffUsers.email, name: staffUsers.name, disabledAt: staffUsers.disabledAt },
      // In the same statement: every back-office page asks for them.
      memberships: membershipRowsOfUser,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(eq(staffSessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('redress_staff_session'),
);

/**
 * The member of staff a session token belongs to, or null when it is unknown, idle for 30
 * minutes, older than 12 hours, or its account is disabled (such sessions are deleted).
 * The idle expiry slides forward when less than half of it is left (`fresh`).
 */
export async function validateStaffSession(db: Db, token: string, now: Date): Promise<ValidSession | null> {
  if (!plausibleToken(token)) return null;
  const id = hashToken(token);
  const [row] = await staffSessionById(db).execute({ id });
  if (!row) return null;
  const expiry = checkExpiry(staffLifetime, row, now);
  if (!expiry.ok || row.user.disabledAt) {
    await db.delete(staffSessions).where(eq(staffSessions.id, id));
    return null;
  }
  if (expiry.renewed) await db.update(staffSessions).set({ expiresAt: expiry.expiresAt }).where(eq(staffSessions.id, id));
  const { user } = row;
  return {
    user: { id: user.id, email: user.email, name: user.name, memberships: asMemberships(row.memberships) },
    session: { id, expiresAt: expiry.expiresAt, fresh: expiry.renewed },
  };
}

/** Ends the session of this token (signing out); unknown tokens are ignored. */
export async function signOutStaff(db: Db, token: string): Promise<void> {
  if (!plausibleToken(token)) return;
  await db.delete(staffSessions).where(eq(staffSessions.id, hashToken(token)));
}
