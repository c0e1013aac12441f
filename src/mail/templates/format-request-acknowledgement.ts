import { z } from 'zod';
import { keysUnder } from '../../i18n/index.ts';
import { html, lines } from './html.ts';
import { finishedMail, style, textHeading } from './layout.ts';
import { defineTemplate } from './template.ts';
import { factsHtml, factsText, formatRequestMailBase, requestMailParts } from './format-request-mail.ts';

/** Sent to the requester (when they gave an email address), in the same transaction as the request. */
export const formatRequestAcknowledgementPayload = z.object({
  ...formatRequestMailBase,
  /** The organisation's own words about the format asked for, when it has some. */
  commitment: z.string().min(1).optional(),
});

export type FormatRequestAcknowledgementPayload = z.input<typeof formatRequestAcknowledgementPayload>;

export default defineTemplate({
  name: 'formatRequestAcknowledgement',
  payload: formatRequestAcknowledgementPayload,
  render(p, { language, t }) {
    const k = keysUnder('formats.mail.acknowledgement');
    const { vars, subject, heading, intro, facts } = requestMailParts(p, { subject: k('subject'), heading: k('heading'), intro: k('intro') }, language, t);
    const next = [t(k(`next.${p.delivery}`), vars), t(k('nextMail'), vars)];
    const commitmentHeading = t(k('commitmentHeading'), vars);
    const footer = t('formats.mail.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      ${factsHtml(facts)}
      <h2 style="${style.h2}">${t(k('nextHeading'))}</h2>
      ${next.map((line) => html`<p style="${style.p}">${line}</p> `)}
      ${
        p.commitment
          ? html`<h2 style="${style.h2}">${commitmentHeading}</h2>
              <p style="${style.p}" dir="auto">${lines(p.commitment)}</p>`
          : ''
      }`;

    const textLines = [
      heading,
      '',
      intro,
      '',
      ...factsText(facts, t),
      '',
      textHeading(t(k('nextHeading'))),
      ...next.flatMap((line, i) => (i ? ['', line] : [line])),
      ...(p.commitment ? ['', textHeading(commitmentHeading), p.commitment.trim()] : []),
    ];
    return finishedMail({ language, subject, body, textLines, footer });
  },
});
