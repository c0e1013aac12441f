import { createHash, randomBytes } from 'node:crypto';

/**
 * What every session of Redress shares, for members of staff (src/auth/staff-session.ts) and
 * for complainants on one case (src/cases/case-session.ts): the token, what is stored of it,
 * how long it lasts and the cookie that carries it. Plain functions on purpose: the design
 * is the one the Lucia authors now publish as a guide rather than a library
 * (docs/decisions/009-sessions-without-lucia.md), and each session table stays the caller's.
 */

/**
 * A random token for a session or a single-purpose link (sign-in, access by email, set
 * password): `bytes` random bytes (at least 16, i.e. 128 bits) in base64url. The client gets
 * the token; the database gets only `hashToken(token)`.
 */
export function generateToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new Error(`A token needs at least 16 random bytes (128 bits), not ${bytes}.`);
  return randomBytes(bytes).toString('base64url');
}

/**
 * The SHA-256 of a token, hex: what is stored and looked up. A token has 128 bits or more
 * of randomness, so a fast hash is enough: a leaked table gives no usable token, and a
 * lookup stays one index hit.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether a value could be a token of ours (base64url, 16 to 48 bytes' worth): anything else
 * is refused before it costs a query.
 */
export const plausibleToken = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{22,64}$/.test(token);

/**
 * How long a kind of session lasts. `absoluteMs` from its start, however busy; with
 * `idleMs`, also that long after the last use, slid forward as it is used (without it, the
 * session simply ends `absoluteMs` after it began).
 */
export interface SessionLifetime {
  absoluteMs: number;
  idleMs?: number;
}

/** When a session started `now` ends unless it is used again. */
export function firstExpiry(lifetime: SessionLifetime, now: Date): Date {
  const idleEnd = lifetime.idleMs === undefined ? Number.POSITIVE_INFINITY : now.getTime() + lifetime.idleMs;
  return new Date(Math.min(idleEnd, now.getTime() + lifetime.absoluteMs));
}

export type SessionExpiry =
  | { ok: false }
  /** `renewed`: `expiresAt` moved forward; store it and send the cookie again with it. */
  | { ok: true; expiresAt: Date; renewed: boolean };

/**
 * Whether a stored session is still alive at `now`, and its expiry after this use. It ends
 * at its stored expiry and at `absoluteMs` after it began. An idle timeout slides forward
 * only once less than half of it is left, so a busy member of staff causes a write every
 * quarter of an hour, not on every request; the expiry never passes the absolute end.
 */
export function checkExpiry(lifetime: SessionLifetime, session: { createdAt: Date; expiresAt: Date }, now: Date): SessionExpiry {
  const absoluteEnd = session.createdAt.getTime() + lifetime.absoluteMs;
  const at = now.getTime();
  if (session.expiresAt.getTime() <= at || absoluteEnd <= at) return { ok: false };
  if (lifetime.idleMs === undefined || at < session.expiresAt.getTime() - lifetime.idleMs / 2) {
    return { ok: true, expiresAt: new Date(Math.min(session.expiresAt.getTime(), absoluteEnd)), renewed: false };
  }
  return { ok: true, expiresAt: new Date(Math.min(at + lifetime.idleMs, absoluteEnd)), renewed: true };
}

/**
 * Whether cookies get `Secure`: when this request came over https (directly, or through a
 * trusted proxy that says so: src/http/forwarded.ts) or the site's public origin is https.
 * Behind a TLS-terminating proxy the second still holds if TRUSTED_PROXIES is not set yet.
 */
export const secureCookie = (requestUrl: URL, publicBaseUrl: string): boolean => requestUrl.protocol === 'https:' || publicBaseUrl.startsWith('https:');

/** The attributes of a session cookie, as Astro's `cookies.set` and `cookies.delete` take them. */
export interface SessionCookieAttributes {
  path: string;
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  expires?: Date;
}

/**
 * A session cookie's attributes: httpOnly (no script reads it), SameSite=Lax and Secure on
 * https. Lax rather than Strict: a link from a mail (a case for staff, a sign-in link for a
 * complainant) is a cross-site navigation that must arrive signed in; cross-site form posts
 * are refused by Astro's origin check, not by the cookie. Without `expires` the attributes
 * are those to delete it with (the same path and flags, or a browser keeps it).
 */
export function sessionCookieAttributes(cookie: { path: string; requestUrl: URL; publicBaseUrl: string; expires?: Date }): SessionCookieAttributes {
  return {
    path: cookie.path,
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(cookie.requestUrl, cookie.publicBaseUrl),
    ...(cookie.expires ? { expires: cookie.expires } : {}),
  };
}
