import { and, eq } from 'drizzle-orm';
import { rateLimits, staffUsers, type Db } from '../db/index.ts';
import { generateToken, hashToken } from '../cases/access-code.ts';
import { clientHash, keyDigest, rateLimitTable, release, reserve } from '../security/rate-limits.ts';
import { normaliseEmail } from './email.ts';
import { ABSOLUTE_TIMEOUT_MS, staffLucia } from './lucia.ts';
import { MAX_PASSWORD_LENGTH, verifyDummy, verifyPassword } from './password.ts';
import { membershipsOf, plausibleToken } from './staff.ts';
import type { StaffUser } from './types.ts';

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
  const { lucia, expiryOf } = staffLucia(db, now);
  const session = await lucia.createSession(user.id, { createdAt: now }, { sessionId: hashToken(token) });
  return {
    ok: true,
    session: { token, expiresAt: expiryOf(session) },
    user: { id: user.id, email: user.email, name: user.name, memberships: await membershipsOf(db, user.id) },
  };
}

/** Whether a limit's current window is already full (read only). */
async function isFull(db: Db, key: string, limit: { limit: number; windowMs: number }, now: Date): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const [row] = await db.select({ count: rateLimits.count }).from(rateLimits).where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
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

/**
 * The member of staff a session token belongs to, or null when it is unknown, idle for 30
 * minutes, older than 12 hours, or its account is disabled (such sessions are deleted).
 * Lucia slides the idle expiry forward when less than half of it is left (`fresh`).
 */
export async function validateStaffSession(db: Db, token: string, now: Date): Promise<ValidSession | null> {
  if (!plausibleToken(token)) return null;
  const { lucia, expiryOf } = staffLucia(db, now);
  const { session, user } = await lucia.validateSession(hashToken(token));
  if (!session) return null;
  const absoluteEnd = session.createdAt.getTime() + ABSOLUTE_TIMEOUT_MS;
  if (user.disabledAt || absoluteEnd <= now.getTime()) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  return {
    user: { id: user.id, email: user.email, name: user.name, memberships: await membershipsOf(db, user.id) },
    session: { id: session.id, expiresAt: new Date(Math.min(expiryOf(session).getTime(), absoluteEnd)), fresh: session.fresh },
  };
}

/** Ends the session of this token (signing out); unknown tokens are ignored. */
export async function signOutStaff(db: Db, token: string): Promise<void> {
  if (!plausibleToken(token)) return;
  await staffLucia(db, new Date()).lucia.invalidateSession(hashToken(token));
}
