import type { AstroCookies } from 'astro';
import { secureCookie } from './cookies.ts';

/**
 * The member of staff's session cookie. Its value is a random token whose SHA-256 is the
 * session's id in the database (src/auth). httpOnly, only sent to /staff, Secure on https.
 * SameSite=Lax rather than Strict: a link to a case from a mail must still open signed in;
 * cross-site form posts are refused by Astro's origin check, not by the cookie.
 */
export const staffSessionCookie = 'redress_staff';

interface CookieContext {
  url: URL;
  cookies: AstroCookies;
}

/** Sets (or refreshes) the session cookie until `expiresAt`. */
export function setStaffSession(context: CookieContext, session: { token: string; expiresAt: Date }) {
  context.cookies.set(staffSessionCookie, session.token, {
    path: '/staff',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(context.url),
    expires: session.expiresAt,
  });
}

export function staffSessionToken(context: Pick<CookieContext, 'cookies'>): string | null {
  return context.cookies.get(staffSessionCookie)?.value ?? null;
}

export function clearStaffSession(context: CookieContext) {
  context.cookies.delete(staffSessionCookie, { path: '/staff', httpOnly: true, sameSite: 'lax', secure: secureCookie(context.url) });
}

/** Pages a signed-out visitor may see; every other /staff page sends them to sign in. */
export function isPublicStaffPath(pathname: string): boolean {
  return pathname === '/staff/sign-in' || pathname.startsWith('/staff/set-password/');
}

/** Whether a path belongs to the back office (and so gets the staff session and no-store). */
export const isStaffPath = (pathname: string) => pathname === '/staff' || pathname.startsWith('/staff/');
