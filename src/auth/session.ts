import { and, eq, sql } from 'drizzle-orm';
import { staffUsers, type Db } from '../db/index.ts';
import { generateToken, hashToken } from '../cases/access-code.ts';
import { clientLimitKey, release, reserve } from '../cases/access-limits.ts';
import { normaliseEmail } from './email.ts';
import { ABSOLUTE_TIMEOUT_MS, staffLucia } from './lucia.ts';
import { MAX_PASSWORD_LENGTH, verifyDummy, verifyPassword } from './password.ts';
import { membershipsOf, plausibleToken } from './staff.ts';
import type { StaffUser } from './types.ts';

/** Wrong passwords in a row before an account is locked, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Failed sign-ins from one client (across all accounts) before it must wait. */
export const CLIENT_LIMIT = { limit: 30, windowMs: 15 * 60_000 } as const;

export interface SignIn {
  email: string;
  password: string;
  /** The client's address: failed attempts are limited per client too (stored hashed). */
  clientKey: string;
  now: Date;
}

export type SignInResult =
  | { ok: true; session: { token: string; expiresAt: Date }; user: StaffUser }
  | { ok: false; reason: 'invalid' }
  /** The account is locked after too many wrong passwords: try again after `retryAfterSeconds`. */
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }
  /** Too many failed attempts from this client, whatever the account. */
  | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number };

/**
 * Signs a member of staff in with email and password. Wrong email and wrong password give
 * the same answer in about the same time (an unknown email is verified against a dummy
 * hash, and is "locked" after as many failures as a real account). After 5 wrong passwords
 * in a row the account is locked for 15 minutes, even for the right password. Failures are
 * also limited per client. On success the session token (for the cookie) is returned; the
 * database keeps only its SHA-256.
 */
export async function signInStaff(db: Db, { email: typed, password, clientKey, now }: SignIn): Promise<SignInResult> {
  const reserved = await reserve(db, [{ key: clientLimitKey('staff-signin', clientKey), limit: CLIENT_LIMIT }], now);
  if (!reserved.ok) return { ok: false, reason: 'rateLimited', retryAfterSeconds: reserved.retryAfterSeconds };
  const email = normaliseEmail(typed);
  const [user] = email ? await db.select().from(staffUsers).where(eq(staffUsers.email, email)) : [];
  const candidate = password.slice(0, MAX_PASSWORD_LENGTH * 4);

  if (!user || !user.passwordHash || user.disabledAt) {
    await verifyDummy(candidate);
    return unknownAccountFailure(db, email ?? typed.trim().toLowerCase(), now);
  }
  const matches = await verifyPassword(user.passwordHash, candidate);
  if (user.lockedUntil && user.lockedUntil > now) {
    return { ok: false, reason: 'locked', retryAfterSeconds: secondsUntil(user.lockedUntil, now) };
  }
  if (!matches) {
    // One atomic update, so that concurrent wrong guesses are each counted.
    const lockAt = sql`${staffUsers.failedAttempts} + 1 >= ${LOCKOUT_THRESHOLD}`;
    const [after] = await db
      .update(staffUsers)
      .set({
        failedAttempts: sql`case when ${lockAt} then 0 else ${staffUsers.failedAttempts} + 1 end`,
        lockedUntil: sql`case when ${lockAt} then ${new Date(now.getTime() + LOCKOUT_MS).toISOString()}::timestamptz else ${staffUsers.lockedUntil} end`,
      })
      .where(eq(staffUsers.id, user.id))
      .returning({ lockedUntil: staffUsers.lockedUntil });
    if (after?.lockedUntil && after.lockedUntil > now) return { ok: false, reason: 'locked', retryAfterSeconds: secondsUntil(after.lockedUntil, now) };
    return { ok: false, reason: 'invalid' };
  }

  await db.update(staffUsers).set({ failedAttempts: 0, lockedUntil: null }).where(and(eq(staffUsers.id, user.id)));
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

/** An unknown (or passwordless, or disabled) account fails like a real one, lockout included. */
async function unknownAccountFailure(db: Db, email: string, now: Date): Promise<SignInResult> {
  const key = `staff-signin:email:${hashToken(email).slice(0, 32)}`;
  const counted = await reserve(db, [{ key, limit: { limit: LOCKOUT_THRESHOLD - 1, windowMs: LOCKOUT_MS } }], now);
  return counted.ok ? { ok: false, reason: 'invalid' } : { ok: false, reason: 'locked', retryAfterSeconds: counted.retryAfterSeconds };
}

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

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
