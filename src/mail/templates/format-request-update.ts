import { z } from 'zod';
import { formatDate } from '../../i18n/format.ts';
import { keysUnder } from '../../i18n/index.ts';
import { html, lines } from './html.ts';
import { finishedMail, style, textHeading } from './layout.ts';
import { defineTemplate } from './template.ts';
import { factsHtml, factsText, formatRequestMailBase, requestMailParts } from './format-request-mail.ts';

/** Sent to the requester (when they gave an email address) when staff fulfil or decline the request. */
export const formatRequestUpdatePayload = z.object({
  update: z.enum(['fulfilled', 'declined']),
  ...formatRequestMailBase,
  /** How and when it was sent (fulfilled), or why it cannot be (declined). */
  body: z.string().min(1),
  /** The day it was sent (fulfilled), as a calendar date. */
  sentOn: z.iso.date().optional(),
});

export type FormatRequestUpdatePayload = z.input<typeof formatRequestUpdatePayload>;

export default defineTemplate({
  name: 'formatRequestUpdate',
  payload: formatRequestUpdatePayload,
  render(p, { language, t }) {
    const k = keysUnder('formats.mail.update');
    const heads = { subject: k(`subject.${p.update}`), heading: k(`heading.${p.update}`), intro: k(`intro.${p.update}`) };
    const { vars, subject, heading, intro, facts } = requestMailParts(p, heads, language, t);
    const bodyLabel = t(k(`bodyLabel.${p.update}`), vars);
    const sent = p.update === 'fulfilled' && p.sentOn ? t(k('sentOn'), { ...vars, date: formatDate(p.sentOn, language) }) : null;
    const footer = t('formats.mail.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      ${sent ? html`<p style="${style.p}">${sent}</p>` : ''}
      <h2 style="${style.h2}">${bodyLabel}</h2>
      <p style="${style.p}" dir="auto">${lines(p.body)}</p>
      <h2 style="${style.h2}">${t(k('requestHeading'))}</h2>
      ${factsHtml(facts)}`;

    const textLines = [
      heading,
      '',
      intro,
      ...(sent ? ['', sent] : []),
      '',
      textHeading(bodyLabel),
      p.body.trim(),
      '',
      textHeading(t(k('requestHeading'))),
      ...factsText(facts, t),
    ];
    return finishedMail({ language, subject, body, textLines, footer });
  },
});
