import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle';
import { Lucia, TimeSpan, type Adapter, type DatabaseSession } from 'lucia';
import { staffSessions, staffUsers, type Db } from '../db/index.ts';

/** A session ends after this long without a request (lucia slides it forward when used). */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** ...and this long after sign-in, however busy. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;

/**
 * Lucia for one call, on this database, with its clock set to `now`.
 *
 * Lucia reads the real clock (Date.now) to decide whether a session has expired and when to
 * slide it. The rest of Redress takes the time as a parameter (tests pass any instant), so
 * the adapter shifts what lucia sees by (real now − `now`): lucia's decisions are made as at
 * `now`, and what it writes is shifted back. In production the shift is ~0.
 *
 * The site never imports this (nor lucia): the cookie is set by site/lib/staff.ts.
 */
export function staffLucia(db: Db, now: Date) {
  const shiftMs = Date.now() - now.getTime();
  // Lucia only ever writes an expiry of "its now + the idle timeout": written exactly as
  // `now` + the idle timeout, not shifted back from a clock read a few milliseconds later.
  const slidTo = new Date(now.getTime() + IDLE_TIMEOUT_MS);
  const adapter = shiftedAdapter(new DrizzlePostgreSQLAdapter(db, staffSessions, staffUsers), shiftMs, slidTo);
  const lucia = new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_MS, 'ms'),
    sessionCookie: { name: 'redress_staff', attributes: { path: '/staff', sameSite: 'lax' } },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
    getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name, disabledAt: attributes.disabledAt }),
  });
  /** The expiry of a session lucia returns, on our clock (`slidTo` when lucia just set it). */
  const expiryOf = (session: { expiresAt: Date; fresh: boolean }) => (session.fresh ? slidTo : new Date(session.expiresAt.getTime() - shiftMs));
  return { lucia, expiryOf };
}

export type StaffLucia = ReturnType<typeof staffLucia>['lucia'];

function shiftedAdapter(inner: Adapter, shiftMs: number, slidTo: Date): Adapter {
  const out = (session: DatabaseSession): DatabaseSession => ({ ...session, expiresAt: new Date(session.expiresAt.getTime() + shiftMs) });
  return {
    deleteSession: (id) => inner.deleteSession(id),
    deleteUserSessions: (userId) => inner.deleteUserSessions(userId),
    getSessionAndUser: async (id) => {
      const [session, user] = await inner.getSessionAndUser(id);
      return [session ? out(session) : null, user];
    },
    getUserSessions: async (userId) => (await inner.getUserSessions(userId)).map(out),
    setSession: (session) => inner.setSession({ ...session, expiresAt: slidTo }),
    updateSessionExpiration: (id) => inner.updateSessionExpiration(id, slidTo),
    // "Expired" in the shifted clock; the real clock is what matters for housekeeping.
    deleteExpiredSessions: () => inner.deleteExpiredSessions(),
  };
}

declare module 'lucia' {
  interface Register {
    Lucia: StaffLucia;
    DatabaseSessionAttributes: { createdAt: Date };
    DatabaseUserAttributes: { email: string; name: string; disabledAt: Date | null };
  }
}
