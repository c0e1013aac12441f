import type { z } from 'zod';
import { canonicalLanguageTag, interfaceLocale, translator } from '../../i18n/index.ts';
import acknowledgement from './acknowledgement.ts';
import adrLetter from './adr-letter.ts';
import caseUpdate from './case-update.ts';
import formatRequestAcknowledgement from './format-request-acknowledgement.ts';
import formatRequestNotification from './format-request-notification.ts';
import formatRequestUpdate from './format-request-update.ts';
import informationRequested from './information-requested.ts';
import magicLink from './magic-link.ts';
import satisfactionSurvey from './satisfaction-survey.ts';
import type { MailTemplate, RenderedMail } from './template.ts';

/**
 * Every mail the site sends, by name. A new kind of mail (status update, request for
 * information, ADR letter, magic link) is one file in this folder that default-exports
 * `defineTemplate({ name, payload, render })`, plus its line here and its `mail.<name>.*`
 * strings in the four locale files; test/mail checks that no template file is left out.
 */
export const templates = {
  acknowledgement,
  adrLetter,
  caseUpdate,
  informationRequested,
  satisfactionSurvey,
  magicLink,
  formatRequestAcknowledgement,
  formatRequestNotification,
  formatRequestUpdate,
} as const satisfies Record<string, MailTemplate>;

export type TemplateName = keyof typeof templates;
/** What `enqueueMail` takes for a template (before defaults are applied). */
export type PayloadOf<Name extends TemplateName> = z.input<(typeof templates)[Name]['payload']>;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

/** Thrown for an unknown template or a payload its schema rejects: a bug, never retried. */
export class MailPayloadError extends Error {
  override name = 'MailPayloadError';
}

/**
 * Checks a payload against its template's schema and returns it with defaults applied.
 * The message names the template and the fields, never their values (which may be personal).
 */
export function validatePayload(template: string, payload: unknown): Record<string, unknown> {
  if (!isTemplateName(template)) throw new MailPayloadError(`unknown mail template "${template}"`);
  const parsed = templates[template].payload.safeParse(payload);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)'))].join(', ');
    throw new MailPayloadError(`invalid payload for mail template "${template}": ${fields}`);
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * Renders a queued mail in the reader's language (the nearest the site speaks, else
 * English: cy → en, fr-BE → fr), with the organisation's words in the case's own language
 * where the payload carries them: subject, HTML and plain text. Throws MailPayloadError on a bad payload.
 */
export function renderMail(template: string, language: string, payload: unknown): RenderedMail {
  const data = validatePayload(template, payload);
  const locale = interfaceLocale(language);
  const definition = templates[template as TemplateName] as MailTemplate;
  return definition.render(data, { language: locale, contentLanguage: canonicalLanguageTag(language) ?? locale, t: translator(locale) });
}

export type { MailTemplate, RenderContext, RenderedMail } from './template.ts';
export { defineTemplate } from './template.ts';
export type { AcknowledgementPayload } from './acknowledgement.ts';
export type { AdrLetterPayload, AdrBody } from './adr-letter.ts';
export type { CaseUpdatePayload } from './case-update.ts';
export type { InformationRequestedPayload } from './information-requested.ts';
export type { SatisfactionSurveyPayload } from './satisfaction-survey.ts';
export type { MagicLinkPayload } from './magic-link.ts';
export type { FormatRequestAcknowledgementPayload } from './format-request-acknowledgement.ts';
export type { FormatRequestNotificationPayload } from './format-request-notification.ts';
export type { FormatRequestUpdatePayload } from './format-request-update.ts';
