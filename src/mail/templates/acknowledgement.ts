import { z } from 'zod';
import { contactListSchema, contactsHtml, contactsText } from './contacts.ts';
import { html } from './html.ts';
import { link, finishedMail, style, textHeading } from './layout.ts';
import { defineTemplate } from './template.ts';
import { dueDate, instantSchema, timeZoneSchema } from './case-mail.ts';

const timeZone = timeZoneSchema;
const instant = instantSchema;

/** Sent when a complaint or compliment is recorded, in the same transaction as the case. */
export const acknowledgementPayload = z.object({
  kind: z.enum(['complaint', 'compliment']),
  reference: z.string().min(1),
  /** Shown once here and on the confirmation page; removed from the outbox after delivery. */
  accessCode: z.string().min(1).optional(),
  /** The case's status page on this site (http or https only). */
  statusUrl: z.url({ protocol: /^https?$/ }),
  organisationName: z.string().min(1),
  /** The organisation's IANA time zone: dates are shown in it. */
  timeZone,
  /** When the organisation will have acknowledged the complaint (ISO 8601). */
  acknowledgeBy: instant.optional(),
  /** When the organisation will have answered it (ISO 8601). */
  answerBy: instant.optional(),
  contacts: contactListSchema,
  /** More payload keys to remove after delivery. */
  secretKeys: z.array(z.string()).optional(),
});

export type AcknowledgementPayload = z.input<typeof acknowledgementPayload>;

/** "Central European Time", "heure normale d’Europe centrale"... or the zone's ID. */
function timeZoneName(zone: string, language: string, at: Date): string {
  const part = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

export default defineTemplate({
  name: 'acknowledgement',
  payload: acknowledgementPayload,
  render(p, { language, t }) {
    const vars = { organisation: p.organisationName, reference: p.reference };
    const subject = t(`mail.acknowledgement.subject.${p.kind}`, vars);
    const heading = t(`mail.acknowledgement.heading.${p.kind}`, vars);
    const intro = t(`mail.acknowledgement.intro.${p.kind}`, vars);
    const date = (iso: string) => dueDate(iso, language, p.timeZone);
    const labelled = (label: string, value: string) => t('mail.labelled', { label, value });
    const next: string[] = [];
    if (p.acknowledgeBy) next.push(t('mail.acknowledgement.acknowledgeBy', { ...vars, date: date(p.acknowledgeBy) }));
    if (p.answerBy) next.push(t('mail.acknowledgement.answerBy', { ...vars, date: date(p.answerBy) }));
    const firstDate = p.acknowledgeBy ?? p.answerBy;
    const zoneNote = firstDate ? t('mail.acknowledgement.timeZone', { ...vars, timeZone: timeZoneName(p.timeZone, language, new Date(firstDate)) }) : null;
    const noDates = t(`mail.acknowledgement.nextNoDates.${p.kind}`, vars);
    const contactsHeading = t('mail.acknowledgement.contactsHeading', vars);
    const statusLinkText = t('mail.acknowledgement.statusLink', vars);
    const footer = t('mail.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      <div style="${style.box}">
        <dl style="margin:0;">
          <dt style="${style.dt}">${t('mail.acknowledgement.reference')}</dt>
          <dd style="${style.dd}" dir="ltr">${p.reference}</dd>
          ${
            p.accessCode
              ? html`<dt style="${style.dt}">${t('mail.acknowledgement.accessCode')}</dt>
                  <dd style="${style.dd}" dir="ltr">${p.accessCode}</dd>`
              : ''
          }
        </dl>
        ${p.accessCode ? html`<p style="margin:0;">${t('mail.acknowledgement.accessCodeHint', vars)}</p>` : ''}
      </div>
      <p style="${style.p}">${t('mail.acknowledgement.statusIntro', vars)}<br />${link(p.statusUrl, statusLinkText)}</p>
      <h2 style="${style.h2}">${t('mail.acknowledgement.nextHeading')}</h2>
      ${
        next.length
          ? html`<ul style="${style.list}">
                ${next.map((item) => html`<li>${item}</li>`)}
              </ul>
              ${zoneNote ? html`<p style="${style.p}">${zoneNote}</p>` : ''}`
          : html`<p style="${style.p}">${noDates}</p>`
      }
      ${
        p.contacts.length
          ? html`<h2 style="${style.h2}">${contactsHeading}</h2>
              ${contactsHtml(p.contacts, t, style.p, language)}`
          : ''
      }`;

    const textLines = [
      heading,
      '',
      intro,
      '',
      labelled(t('mail.acknowledgement.reference'), p.reference),
      ...(p.accessCode ? [labelled(t('mail.acknowledgement.accessCode'), p.accessCode), t('mail.acknowledgement.accessCodeHint', vars)] : []),
      '',
      t('mail.acknowledgement.statusIntro', vars),
      p.statusUrl,
      '',
      textHeading(t('mail.acknowledgement.nextHeading')),
      ...(next.length ? [...next.map((item) => `- ${item}`), ...(zoneNote ? ['', zoneNote] : [])] : [noDates]),
      ...(p.contacts.length ? ['', textHeading(contactsHeading), contactsText(p.contacts, labelled, t)] : []),
    ];

    return finishedMail({ language, subject, body, textLines, footer });
  },
});
