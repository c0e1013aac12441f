import type { AstroCookies } from 'astro';
import { sessionCookieAttributes, staffSessionCookie } from '#src/auth/index.ts';
import { env } from '#src/env.ts';

// The member of staff's session cookie: its name, path and attributes are decided in
// src/auth (with the complainant's); only setting, reading and clearing it through Astro is here.

interface CookieContext {
  url: URL;
  cookies: AstroCookies;
}

const attributes = (context: CookieContext, expires?: Date) =>
  sessionCookieAttributes({ path: staffSessionCookie.path, requestUrl: context.url, publicBaseUrl: env().PUBLIC_BASE_URL, expires });

/** Sets (or refreshes) the session cookie until `expiresAt`. */
export function setStaffSession(context: CookieContext, session: { token: string; expiresAt: Date }) {
  context.cookies.set(staffSessionCookie.name, session.token, attributes(context, session.expiresAt));
}

export function staffSessionToken(context: Pick<CookieContext, 'cookies'>): string | null {
  return context.cookies.get(staffSessionCookie.name)?.value ?? null;
}

export function clearStaffSession(context: CookieContext) {
  context.cookies.delete(staffSessionCookie.name, attributes(context));
}

/** Pages a signed-out visitor may see; every other /staff page sends them to sign in. */
export function isPublicStaffPath(pathname: string): boolean {
  return pathname === '/staff/sign-in' || pathname.startsWith('/staff/set-password/');
}

/** Whether a path belongs to the back office (and so gets the staff session and no-store). */
export const isStaffPath = (pathname: string) => pathname === '/staff' || pathname.startsWith('/staff/');
