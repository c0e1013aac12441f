import { z } from 'zod';
import { durationInWords, formatDateTime } from '../../i18n/format.ts';
import { dir, keysUnder } from '../../i18n/index.ts';
import { caseMailBase, instantSchema, labelledWith } from './case-mail.ts';
import { contactsHtml, contactsText, type MailContact } from './contacts.ts';
import { html } from './html.ts';
import { link, finishedMail, style, textHeading } from './layout.ts';
import { defineTemplate } from './template.ts';

/** An alternative dispute resolution body as the letter names it. */
export const adrBodySchema = z.object({
  name: z.string().min(1),
  /** The name in each language content has it in: the letter uses the case's language when it is there. */
  names: z.record(z.string(), z.string().min(1)).optional(),
  website: z.url({ protocol: /^https?$/ }).optional(),
  email: z.string().min(1).optional(),
  phones: z.array(z.string().min(1)).optional(),
  /** Postal address, one line per entry. */
  address: z.array(z.string()).optional(),
  /** How long the complainant has to go to it (from the content's `applyWithin`). */
  applyWithin: z.object({ amount: z.number(), amountMax: z.number().optional(), unit: z.string() }).optional(),
});

/**
 * The "ADR letter": the complainant may now take the complaint to an independent body
 * (Ofcom's rules require one when the waiting period is up and at deadlock). Queued once per case by the scheduler.
 */
export const adrLetterPayload = z.object({
  ...caseMailBase,
  /**
   * Why now: the waiting period since the complaint has passed (`period`; `weeks` in letters
   * queued before periods other than weeks existed), the organisation issued a deadlock letter,
   * or it has given its final response.
   */
  reason: z.enum(['period', 'weeks', 'deadlock', 'finalResponse']),
  /** The waiting period as the code says it ("60 days", "8 weeks"), for reason `period`. */
  after: z.object({ amount: z.number().positive(), unit: z.string().min(1) }).optional(),
  /** The number of weeks (older letters, reason `weeks`). */
  weeks: z.number().int().positive().optional(),
  /** When the complaint was received. */
  receivedAt: instantSchema.optional(),
  bodies: z.array(adrBodySchema).min(1),
});

export type AdrLetterPayload = z.input<typeof adrLetterPayload>;
export type AdrBody = z.input<typeof adrBodySchema>;

function contactsOf(body: z.output<typeof adrBodySchema>): MailContact[] {
  return [
    ...(body.website ? [{ kind: 'website', value: body.website }] : []),
    ...(body.email ? [{ kind: 'email', value: body.email }] : []),
    ...(body.phones ?? []).map((value) => ({ kind: 'phone', value })),
    ...(body.address?.length ? [{ kind: 'post', value: body.address.join('\n') }] : []),
  ];
}

export default defineTemplate({
  name: 'adrLetter',
  payload: adrLetterPayload,
  render(p, { language, contentLanguage, t }) {
    const k = keysUnder('mail.adrLetter');
    // The body's name in the case's own language (cy) when content has it, marked as such.
    const nameOf = (adr: (typeof p.bodies)[number]) => {
      const lang = [contentLanguage, language].find((l) => adr.names?.[l]);
      return { text: lang ? adr.names![lang]! : adr.name, lang: lang && lang !== language ? lang : undefined };
    };
    const received = p.receivedAt ? formatDateTime(new Date(p.receivedAt), language, p.timeZone, false) : '';
    // The period in the code's own unit: "60 days" stays 60 days, never "9 weeks".
    const period = p.after ? durationInWords(p.after, t) : t('unit.weeks', { count: p.weeks ?? 8 });
    const vars = { organisation: p.organisationName, reference: p.reference, date: received, weeks: period, period };
    const subject = t(k('subject'), vars);
    const heading = t(k('heading'), vars);
    const why =
      p.reason === 'deadlock'
        ? t(k('whyDeadlock'), vars)
        : p.reason === 'finalResponse'
          ? t(k('whyFinalResponse'), vars)
          : t(k(p.receivedAt ? 'whyWeeksSince' : 'whyWeeks'), vars);
    const right = t(k('right'), vars);
    const free = t(k('free'), vars);
    const bodiesHeading = t(k(p.bodies.length > 1 ? 'bodiesHeadingMany' : 'bodiesHeading'), vars);
    const within = (body: (typeof p.bodies)[number]) =>
      body.applyWithin ? t(k('applyWithin'), { ...vars, duration: durationInWords(body.applyWithin, t) }) : null;
    const labelled = labelledWith(t);
    const statusIntro = t(k('statusIntro'), vars);
    const statusLinkText = t('mail.caseUpdate.statusLink', vars);
    const footer = t('mail.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${why}</p>
      <p style="${style.p}">${right}</p>
      <p style="${style.p}">${free}</p>
      <h2 style="${style.h2}">${bodiesHeading}</h2>
      ${p.bodies.map(
        (adr) =>
          html`<div style="${style.box}">
            <p style="${style.p}">
              ${(({ text, lang }) => (lang ? html`<strong lang="${lang}" dir="${dir(lang)}">${text}</strong>` : html`<strong>${text}</strong>`))(nameOf(adr))}
            </p>
            ${within(adr) ? html`<p style="${style.p}">${within(adr)}</p>` : ''} ${contactsHtml(contactsOf(adr), t, style.p)}
          </div> `,
      )}
      <p style="${style.p}">${statusIntro}<br />${link(p.statusUrl, statusLinkText)}</p>`;

    const textLines = [
      heading,
      '',
      why,
      '',
      right,
      '',
      free,
      '',
      textHeading(bodiesHeading),
      ...p.bodies.flatMap((adr) => ['', nameOf(adr).text, ...(within(adr) ? [within(adr)!] : []), contactsText(contactsOf(adr), labelled, t)]),
      '',
      statusIntro,
      p.statusUrl,
    ];

    return finishedMail({ language, subject, body, textLines, footer });
  },
});
