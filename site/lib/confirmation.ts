import type { AstroGlobal } from 'astro';
import type { SubmitResult } from '../../src/cases/submit.ts';
import { errorPage } from './error-page.ts';

const COOKIE = 'redress_confirmation';

/**
 * After a submission, the confirmation page needs the access code, which exists in plain
 * text only now. It travels in a short-lived, httpOnly, SameSite=Strict cookie limited to
 * the organisation's complain pages, never in the URL (URLs end up in logs and history).
 * A repeated submission has no code to show: the page then says where to find it.
 */
export function confirmationCookie(astro: AstroGlobal, base: string, result: SubmitResult) {
  const value = result.duplicate ? `${result.caseId}.` : `${result.caseId}.${result.accessCode}`;
  astro.cookies.set(COOKIE, value, {
    path: `${base}/complain`,
    httpOnly: true,
    sameSite: 'strict',
    secure: astro.url.protocol === 'https:',
    maxAge: 30 * 60,
  });
}

/** The case and access code the confirmation cookie carries, or null. */
export function readConfirmation(astro: AstroGlobal): { caseId: string; accessCode: string | null } | null {
  const raw = astro.cookies.get(COOKIE)?.value ?? '';
  const match = /^([0-9a-f-]{36})\.([0-9A-Za-z-]*)$/.exec(raw);
  if (!match) return null;
  return { caseId: match[1]!, accessCode: match[2] || null };
}

/** A localised 429 page that says when to try again. */
export function rateLimitedPage(astro: AstroGlobal, retryAfterSeconds: number): Response {
  const { lang, t } = astro.locals;
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return errorPage(429, lang, t, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) }, { count: minutes });
}
