import type { AstroGlobal } from 'astro';
import type { SubmitResult } from '#src/cases/submit.ts';
import { errorPage } from './error-page.ts';
import { env } from '#src/env.ts';
import { postedForm } from './request-body.ts';
import { signValue, verifySignedValue } from '#src/security/signed-value.ts';
import type { FormField } from '#src/forms/types.ts';
import { receiveSubmission, type FormState } from './complaint-submission.ts';
import type { OrganisationPage } from './organisation-page.ts';
import { secureCookie } from './cookies.ts';

const COOKIE = 'redress_confirmation';

/**
 * After a submission, the confirmation page needs the access code, which exists in plain
 * text only now. It travels in a short-lived, httpOnly, SameSite=Strict cookie limited to
 * the organisation's complain pages, never in the URL (URLs end up in logs and history).
 * A repeated submission has no code to show: the page then says where to find it.
 */
export function confirmationCookie(astro: AstroGlobal, base: string, result: SubmitResult) {
  const value = result.duplicate ? `${result.caseId}.` : `${result.caseId}.${result.accessCode}`;
  astro.cookies.set(COOKIE, signValue(COOKIE, value), {
    path: `${base}/complain`,
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(astro.url),
    maxAge: 30 * 60,
  });
}

/** The case and access code the confirmation cookie carries, or null. */
export function readConfirmation(astro: AstroGlobal): { caseId: string; accessCode: string | null } | null {
  // Signed by this server: a cookie someone wrote themselves (a case id they learnt) reads as none.
  const raw = verifySignedValue(COOKIE, astro.cookies.get(COOKIE)?.value) ?? '';
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

/**
 * The POST half of a complaint or compliment page: a Response when the request is done
 * (redirect to the confirmation, 429, a quietly dropped bot), else the form state to show
 * again with its errors (the page then answers 400).
 */
export async function answerCaseForm(
  astro: AstroGlobal,
  options: { page: OrganisationPage; kind: 'complaint' | 'compliment'; fields: readonly FormField[]; formPath: string },
): Promise<Response | FormState> {
  const { lang, pageLang, t } = astro.locals;
  const base = `/${pageLang}/${options.page.org.slug}`;
  const received = await receiveSubmission({
    form: postedForm(astro),
    clientAddress: astro.clientAddress,
    page: options.page,
    lang,
    language: pageLang,
    t,
    kind: options.kind,
    fields: options.fields,
    publicBaseUrl: env().PUBLIC_BASE_URL,
  });
  if (received.kind === 'rateLimited') return rateLimitedPage(astro, received.retryAfterSeconds);
  if (received.kind === 'ignored') return astro.redirect(options.formPath, 303);
  if (received.kind === 'created') {
    confirmationCookie(astro, base, received.result);
    return astro.redirect(`${base}/complain/confirmation`, 303);
  }
  astro.response.status = 400;
  return received.state;
}
