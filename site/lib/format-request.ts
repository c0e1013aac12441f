import type { AstroGlobal } from 'astro';
import { env } from '#src/env.ts';
import { parseFormBody } from '#src/forms/validate.ts';
import { isLocale } from '#src/i18n/index.ts';
import type { Localised } from '#src/content/index.ts';
import {
  formatRequestFields,
  offeredFormats,
  recordFormatRequest,
  validateFormatRequest,
  type FormatOrganisation,
  type RequestFormat,
} from '#src/formats/index.ts';
import type { FormField } from '#src/forms/types.ts';
import { emptyFormState, openPublicForm, type FormState } from './complaint-submission.ts';
import { rateLimitedPage } from './confirmation.ts';
import type { OrganisationPage } from './organisation-page.ts';
import { database } from './runtime.ts';
import { postedForm } from './request-body.ts';
import { signValue, verifySignedValue } from '#src/security/signed-value.ts';
import { secureCookie } from './cookies.ts';

const COOKIE = 'redress_format_request';

/** An organisation's request form in the page's language: the formats it offers and the questions. */
export interface RequestForm {
  formats: RequestFormat[];
  fields: FormField[];
}

export function requestForm(astro: AstroGlobal, page: OrganisationPage): RequestForm {
  const formats = offeredFormats(page.org);
  return { formats, fields: formatRequestFields(formats, astro.locals.t, astro.locals.lang) };
}

/**
 * What the organisation itself says about a format (its content's description of that
 * format or of its posted copy), in the page's content language; null when it says nothing:
 * the site then promises nothing on its behalf.
 */
export function commitmentFor(page: OrganisationPage, format: string): Localised | null {
  if (format === 'postedCopy') return page.org.freePostedCopy?.available ? page.text(page.org.freePostedCopy.description) : null;
  const listed = (page.org.accessibleFormats ?? []).find((entry) => entry.format === format);
  return listed ? page.text(listed.description) : null;
}

function organisationOf(page: OrganisationPage): FormatOrganisation {
  const org = page.org;
  const first = (org.languages ?? [])[0];
  return {
    id: org._id,
    slug: org.slug ?? '',
    name: org.name ?? '',
    timeZone: page.calendar.timeZone,
    language: isLocale(first) ? first : 'en',
    country: org.country ?? undefined,
    contactMethods: org.contactMethods ?? [],
  };
}

/**
 * The POST half of the request page, the GOV.UK way: rate-limited like the complaint form,
 * a filled honeypot quietly dropped, every answer kept on error with its own message, and a
 * valid request recorded once (the form's key makes a resubmission return the first one),
 * then a 303 to the confirmation. Returns the Response, or the state to show again (400).
 */
export async function answerFormatRequest(astro: AstroGlobal, page: OrganisationPage, form: RequestForm): Promise<Response | FormState> {
  const { pageLang, t } = astro.locals;
  const base = `/${pageLang}/${page.org.slug}/accessible-formats`;
  const { db } = await database();
  const opened = await openPublicForm(db, postedForm(astro), { clientAddress: astro.clientAddress, counter: 'format-request' });
  if (opened.kind === 'rateLimited') return rateLimitedPage(astro, opened.retryAfterSeconds);
  if (opened.kind === 'ignored') return astro.redirect(base, 303);
  const { form: body, idempotencyKey } = opened;
  const { values } = parseFormBody(body, form.fields);
  const validation = validateFormatRequest(form.formats, form.fields, values, t);
  if (!validation.ok) {
    astro.response.status = 400;
    return { ...emptyFormState(), values, errors: validation.errors, idempotencyKey };
  }
  const recorded = await recordFormatRequest(db, {
    organisation: organisationOf(page),
    answers: validation.data,
    language: pageLang,
    idempotencyKey,
    now: new Date(),
    publicBaseUrl: env().PUBLIC_BASE_URL,
    commitment: commitmentFor(page, validation.data.format)?.text ?? null,
  });
  // The id is random (a UUID) and the cookie is httpOnly, SameSite=Strict and limited to these pages.
  astro.cookies.set(COOKIE, signValue(COOKIE, `${recorded.id}.${recorded.duplicate ? 'again' : 'new'}`), {
    path: base,
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(astro.url),
    maxAge: 30 * 60,
  });
  return astro.redirect(`${base}/confirmation`, 303);
}

/** The request the confirmation cookie names, and whether it was sent again; or null. */
export function readRequestCookie(astro: AstroGlobal): { id: string; again: boolean } | null {
  const match = /^([0-9a-f-]{36})\.(new|again)$/.exec(verifySignedValue(COOKIE, astro.cookies.get(COOKIE)?.value) ?? '');
  return match ? { id: match[1]!, again: match[2] === 'again' } : null;
}
