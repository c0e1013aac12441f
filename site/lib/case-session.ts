import type { AstroGlobal } from 'astro';
import { sessionCookieAttributes } from '#src/auth/session.ts';
import { caseSessionCookie } from '#src/cases/access.ts';
import { env } from '#src/env.ts';

// The complainant's session cookie for one case: its name, path and attributes are decided in
// the core (src/cases/case-session.ts, src/auth/session.ts); only Astro's side is here.

const attributes = (astro: Pick<AstroGlobal, 'url'>, reference: string, expires?: Date) =>
  sessionCookieAttributes({ path: caseSessionCookie(reference).path, requestUrl: astro.url, publicBaseUrl: env().PUBLIC_BASE_URL, expires });

export function setCaseSession(astro: AstroGlobal, reference: string, session: { token: string; expiresAt: Date }) {
  astro.cookies.set(caseSessionCookie(reference).name, session.token, attributes(astro, reference, session.expiresAt));
}

export function caseSessionToken(astro: Pick<AstroGlobal, 'cookies'>, reference: string): string | null {
  return astro.cookies.get(caseSessionCookie(reference).name)?.value ?? null;
}

export function clearCaseSession(astro: AstroGlobal, reference: string) {
  astro.cookies.delete(caseSessionCookie(reference).name, attributes(astro, reference));
}
