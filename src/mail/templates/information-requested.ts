import { z } from 'zod';
import { keysUnder } from '../../i18n/index.ts';
import { caseMailBase, dueDate, instantSchema, timeZoneName } from './case-mail.ts';
import { html, lines } from './html.ts';
import { link, finishedMail, style, textHeading } from './layout.ts';
import { defineTemplate } from './template.ts';

/** Sent when the handler needs something from the complainant before going on. */
export const informationRequestedPayload = z.object({
  ...caseMailBase,
  /** What is needed, in the handler's words. */
  body: z.string().min(1),
  /** True when the organisation's deadline waits while it waits for the reply. */
  clockPaused: z.boolean().optional(),
  /** The organisation's answer deadline as it stands now, when there is one to tell. */
  answerBy: instantSchema.optional(),
});

export type InformationRequestedPayload = z.input<typeof informationRequestedPayload>;

export default defineTemplate({
  name: 'informationRequested',
  payload: informationRequestedPayload,
  render(p, { language, t }) {
    const vars = { organisation: p.organisationName, reference: p.reference };
    const k = keysUnder('mail.informationRequested');
    const subject = t(k('subject'), vars);
    const heading = t(k('heading'), vars);
    const intro = t(k('intro'), vars);
    const needed = t(k('neededHeading'), vars);
    const howHeading = t(k('howHeading'), vars);
    const how = [t(k('howStatusPage'), vars), t(k('howAttachments'), vars), t(k('howCode'), vars)];
    const clock = p.clockPaused ? t(k('clockPaused'), vars) : null;
    const answer = p.answerBy && !p.clockPaused ? t(k('answerBy'), { ...vars, date: dueDate(p.answerBy, language, p.timeZone) }) : null;
    const zoneNote = answer ? t('mail.caseUpdate.timeZone', { ...vars, timeZone: timeZoneName(p.timeZone, language, new Date(p.answerBy!)) }) : null;
    const statusLinkText = t(k('replyLink'), vars);
    const footer = t('mail.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      <h2 style="${style.h2}">${needed}</h2>
      <div style="${style.box}"><p style="margin:0;">${lines(p.body)}</p></div>
      <h2 style="${style.h2}">${howHeading}</h2>
      <ul style="${style.list}">
        ${how.map((item) => html`<li>${item}</li>`)}
      </ul>
      <p style="${style.p}">${link(p.statusUrl, statusLinkText)}</p>
      ${clock ? html`<p style="${style.p}">${clock}</p>` : ''} ${answer ? html`<p style="${style.p}">${answer}</p>` : ''}
      ${zoneNote ? html`<p style="${style.p}">${zoneNote}</p>` : ''}`;

    const textLines = [
      heading,
      '',
      intro,
      '',
      textHeading(needed),
      p.body.trim(),
      '',
      textHeading(howHeading),
      ...how.map((item) => `- ${item}`),
      '',
      p.statusUrl,
      ...(clock ? ['', clock] : []),
      ...(answer ? ['', answer] : []),
      ...(zoneNote ? [zoneNote] : []),
    ];

    return finishedMail({ language, subject, body, textLines, footer });
  },
});
