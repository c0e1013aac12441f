import type { AstroGlobal } from 'astro';
import { secureCookie } from './cookies.ts';

/**
 * The complainant's session cookie for one case. Its name carries the reference so that a
 * person following two cases holds two sessions; its value is a random token whose hash
 * the database binds to that one case. SameSite=Lax, not Strict: the magic link arrives
 * from a mail client, a cross-site navigation that must still carry the new cookie.
 */
export const sessionCookieName = (reference: string) => `redress_case_${reference}`;

export function setCaseSession(astro: AstroGlobal, reference: string, session: { token: string; expiresAt: Date }) {
  astro.cookies.set(sessionCookieName(reference), session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(astro.url),
    expires: session.expiresAt,
  });
}

export function caseSessionToken(astro: Pick<AstroGlobal, 'cookies'>, reference: string): string | null {
  return astro.cookies.get(sessionCookieName(reference))?.value ?? null;
}

export function clearCaseSession(astro: AstroGlobal, reference: string) {
  astro.cookies.delete(sessionCookieName(reference), { path: '/', secure: secureCookie(astro.url) });
}
