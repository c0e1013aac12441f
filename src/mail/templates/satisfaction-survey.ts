import { z } from 'zod';
import { keysUnder } from '../../i18n/index.ts';
import { caseMailBase } from './case-mail.ts';
import { html } from './html.ts';
import { link, finishedMail, style } from './layout.ts';
import { defineTemplate } from './template.ts';

/** Sent after closure when the organisation asks its complainants to rate how it went. */
export const satisfactionSurveyPayload = z.object({
  ...caseMailBase,
  /** Where the complainant rates the handling (on their status page). */
  ratingUrl: z.url({ protocol: /^https?$/ }),
  /** The organisation's ratings in the reader's language ("Gold", "Green"...), to show what is asked. */
  ratings: z.array(z.string().min(1)).optional(),
});

export type SatisfactionSurveyPayload = z.input<typeof satisfactionSurveyPayload>;

export default defineTemplate({
  name: 'satisfactionSurvey',
  payload: satisfactionSurveyPayload,
  render(p, { language, t }) {
    const k = keysUnder('mail.satisfactionSurvey');
    const vars = { organisation: p.organisationName, reference: p.reference };
    const subject = t(k('subject'), vars);
    const heading = t(k('heading'), vars);
    const intro = t(k('intro'), vars);
    const choices = p.ratings?.length ? t(k('choices'), { ...vars, ratings: p.ratings.join(', ') }) : null;
    const unhappy = t(k('unhappy'), vars);
    const linkText = t(k('rateLink'), vars);
    const footer = t('mail.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      ${choices ? html`<p style="${style.p}">${choices}</p>` : ''}
      <p style="${style.p}">${link(p.ratingUrl, linkText)}</p>
      <p style="${style.p}">${unhappy}</p>`;

    const textLines = [heading, '', intro, ...(choices ? ['', choices] : []), '', linkText, p.ratingUrl, '', unhappy];

    return finishedMail({ language, subject, body, textLines, footer });
  },
});
