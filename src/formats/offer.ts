import type { Translate } from '../i18n/index.ts';

/** The formats an organisation can list in its content (`accessibleFormats[].format`). */
export const contentFormats = ['braille', 'largePrint', 'audio', 'easyRead', 'otherLanguage'] as const;
export type ContentFormat = (typeof contentFormats)[number];

/**
 * What a request can ask for: a format the organisation lists, its free posted copy, or
 * "another format you need" described in words. `other` is always offered: a disabled
 * person may need an adjustment the organisation never thought to list.
 */
export type RequestFormat = ContentFormat | 'postedCopy' | 'other';
export const requestFormats = [...contentFormats, 'postedCopy', 'other'] as const satisfies readonly RequestFormat[];

export const subjects = ['code', 'caseLetter'] as const;
export type RequestSubject = (typeof subjects)[number];

export const deliveries = ['post', 'email'] as const;
export type Delivery = (typeof deliveries)[number];

/** Formats that are things on paper: they can only be posted. */
const postOnly = new Set<RequestFormat>(['braille', 'largePrint', 'postedCopy']);

/** The ways a format can reach the requester. */
export function deliveriesFor(format: RequestFormat): readonly Delivery[] {
  return postOnly.has(format) ? ['post'] : deliveries;
}

/** Formats for which the requester says in words which language or what format. */
export const needsDetails = (format: RequestFormat) => format === 'otherLanguage' || format === 'other';

/** The part of an organisation's content that says what it offers. */
export interface OfferContent {
  accessibleFormats?: ReadonlyArray<{ format?: string | null }> | null;
  freePostedCopy?: { available?: boolean | null } | null;
}

/**
 * The choices of the request form, in the organisation's order: the formats it lists (each
 * once, unknown values left out), its free posted copy when it has one, then `other`.
 */
export function offeredFormats(content: OfferContent): RequestFormat[] {
  const listed = (content.accessibleFormats ?? [])
    .map((entry) => entry.format)
    .filter((format): format is ContentFormat => (contentFormats as readonly (string | null | undefined)[]).includes(format));
  return [...new Set<RequestFormat>(listed), ...(content.freePostedCopy?.available ? (['postedCopy'] as const) : []), 'other'];
}

const isContentFormat = (format: RequestFormat): format is ContentFormat => (contentFormats as readonly string[]).includes(format);

export function isRequestFormat(value: unknown): value is RequestFormat {
  return typeof value === 'string' && (requestFormats as readonly string[]).includes(value);
}

/** A format's name in the reader's language ("Braille", "A free printed copy by post"). */
export function formatLabel(format: RequestFormat, t: Translate): string {
  return isContentFormat(format) ? t(`format.${format}`) : t(`formats.format.${format}`);
}

export function isRequestSubject(value: unknown): value is RequestSubject {
  return typeof value === 'string' && (subjects as readonly string[]).includes(value);
}

/**
 * What a request asks for, in words: the complaints code, or a letter about a case (with its
 * reference). A subject the site does not know (a stored row from elsewhere) is shown as stored.
 */
export function requestSubjectText(request: { subject: string; caseReference?: string | null }, t: Translate): string {
  const { subject, caseReference } = request;
  if (subject === 'caseLetter' && caseReference) return t('formats.mail.fact.caseLetter', { reference: caseReference });
  return isRequestSubject(subject) ? t(`formats.field.subject.${subject}`) : subject;
}
