import { z } from 'zod';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { deliveries, formatLabel, requestFormats, requestSubjectText, subjects } from '../../formats/offer.ts';
import { instantSchema, labelledWith, timeZoneSchema } from './case-mail.ts';
import { html, lines, type SafeHtml } from './html.ts';
import { style } from './layout.ts';

/** Payload pieces shared by the mails about an accessible-format request. */
export const formatRequestMailBase = {
  /** The request's own reference (AF-XXXX-XXXX). */
  reference: z.string().min(1),
  organisationName: z.string().min(1),
  /** The organisation's IANA time zone: dates are shown in it. */
  timeZone: timeZoneSchema,
  receivedAt: instantSchema,
  subject: z.enum(subjects),
  caseReference: z.string().min(1).optional(),
  format: z.enum(requestFormats),
  details: z.string().min(1).optional(),
  delivery: z.enum(deliveries),
};

type RequestFacts = z.output<z.ZodObject<typeof formatRequestMailBase>>;

/** What was asked, as label/value pairs: reference, date received, what, format, which, delivery. */
function requestFacts(p: RequestFacts, language: string, t: Translate): [string, string][] {
  return [
    [t('formats.mail.fact.reference'), p.reference],
    [t('formats.mail.fact.received'), formatDateTime(new Date(p.receivedAt), language, p.timeZone)],
    [t('formats.mail.fact.what'), requestSubjectText(p, t)],
    [t('formats.mail.fact.format'), formatLabel(p.format, t)],
    ...(p.details ? [[t('formats.mail.fact.details'), p.details] as [string, string]] : []),
    [t('formats.mail.fact.delivery'), t(`formats.field.delivery.${p.delivery}`)],
  ];
}

/**
 * What every mail about a request starts with: the variables, its subject, heading and
 * intro (from the keys in `heads`, each mail's own) and the facts of the request.
 */
export function requestMailParts(p: RequestFacts, heads: Record<'subject' | 'heading' | 'intro', MessageKey>, language: string, t: Translate) {
  const vars = { organisation: p.organisationName, reference: p.reference };
  return { vars, subject: t(heads.subject, vars), heading: t(heads.heading, vars), intro: t(heads.intro, vars), facts: requestFacts(p, language, t) };
}

/** Label/value pairs as a boxed list in HTML. */
export function factsHtml(facts: readonly [string, string][]): SafeHtml {
  return html`<div style="${style.box}">
    <dl style="margin:0;">
      ${facts.map(
        ([label, value]) =>
          html`<dt style="${style.dt}">${label}</dt>
            <dd style="margin:0 0 12px;" dir="auto">${lines(value)}</dd> `,
      )}
    </dl>
  </div>`;
}

/** Label/value pairs as text lines, punctuated the reader's way. */
export function factsText(facts: readonly [string, string][], t: Translate): string[] {
  const labelled = labelledWith(t);
  return facts.map(([label, value]) => labelled(label, value.replace(/\s*\r?\n\s*/g, ', ')));
}
