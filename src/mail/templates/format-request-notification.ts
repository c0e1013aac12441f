import { z } from 'zod';
import { keysUnder, languageName } from '../../i18n/index.ts';
import { html } from './html.ts';
import { finishedMail, link, style, textHeading } from './layout.ts';
import { defineTemplate } from './template.ts';
import { factsHtml, factsText, formatRequestMailBase, requestMailParts } from './format-request-mail.ts';

/**
 * Sent to the organisation's accessibility contact (or whoever stands in for it, see
 * src/formats/recipients.ts) in its first language: what is asked, how to send it, to whom,
 * and the request in the back office.
 */
export const formatRequestNotificationPayload = z.object({
  ...formatRequestMailBase,
  name: z.string().min(1),
  email: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  /** The postal address on lines. */
  postalAddress: z.string().min(1).optional(),
  notes: z.string().min(1).optional(),
  /** The requester's language. */
  requesterLanguage: z.string().min(2),
  /** The request in the back office (http or https only). */
  staffUrl: z.url({ protocol: /^https?$/ }),
});

export type FormatRequestNotificationPayload = z.input<typeof formatRequestNotificationPayload>;

export default defineTemplate({
  name: 'formatRequestNotification',
  payload: formatRequestNotificationPayload,
  render(p, { language, t }) {
    const k = keysUnder('formats.mail.notification');
    const { vars, subject, heading, intro, facts } = requestMailParts(p, { subject: k('subject'), heading: k('heading'), intro: k('intro') }, language, t);
    const contact: [string, string][] = [
      [t('field.name.label'), p.name],
      ...(p.email ? [[t('field.email.label'), p.email] as [string, string]] : []),
      ...(p.phone ? [[t('field.phone.label'), p.phone] as [string, string]] : []),
      ...(p.postalAddress ? [[t('field.postalAddress.label'), p.postalAddress] as [string, string]] : []),
      [t(k('language')), languageName(p.requesterLanguage, language)],
      ...(p.notes ? [[t('formats.field.notes.label'), p.notes] as [string, string]] : []),
    ];
    const linkText = t(k('staffLink'), vars);
    const footer = t('formats.mail.notification.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      ${factsHtml(facts)}
      <h2 style="${style.h2}">${t(k('contactHeading'))}</h2>
      ${factsHtml(contact)}
      <p style="${style.p}">${t(k('staffIntro'), vars)}<br />${link(p.staffUrl, linkText)}</p>`;

    const textLines = [
      heading,
      '',
      intro,
      '',
      ...factsText(facts, t),
      '',
      textHeading(t(k('contactHeading'))),
      ...factsText(contact, t),
      '',
      t(k('staffIntro'), vars),
      p.staffUrl,
    ];
    return finishedMail({ language, subject, body, textLines, footer });
  },
});
