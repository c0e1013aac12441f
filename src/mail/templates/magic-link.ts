import { z } from 'zod';
import { html } from './html.ts';
import { link, finishedMail, style } from './layout.ts';
import { defineTemplate } from './template.ts';

/** Sent when a complainant asks for a sign-in link with their reference and email address. */
export const magicLinkPayload = z.object({
  reference: z.string().min(1),
  /** The single-use sign-in link (http or https only): a secret, removed from the outbox once delivered. */
  link: z.url({ protocol: /^https?$/ }),
  /** How long the link works. */
  expiresInMinutes: z.number().int().positive(),
  /** More payload keys to remove after delivery; `link` is always one of them. */
  secretKeys: z
    .array(z.string())
    .optional()
    .transform((keys) => [...new Set([...(keys ?? []), 'link'])]),
});

export type MagicLinkPayload = z.input<typeof magicLinkPayload>;

export default defineTemplate({
  name: 'magicLink',
  payload: magicLinkPayload,
  render(p, { language, t }) {
    const vars = { reference: p.reference };
    const subject = t('mail.magicLink.subject', vars);
    const heading = t('mail.magicLink.heading', vars);
    const intro = t('mail.magicLink.intro', vars);
    const button = t('mail.magicLink.button', vars);
    const expiry = t('mail.magicLink.expiry', { count: p.expiresInMinutes });
    const notYou = t('mail.magicLink.notYou', vars);
    const footer = t('mail.magicLink.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      <p style="${style.p}">${link(p.link, button)}</p>
      <p style="${style.p}">${expiry}</p>
      <p style="${style.p}">${notYou}</p>`;

    const textLines = [heading, '', intro, '', p.link, '', expiry, '', notYou];
    return finishedMail({ language, subject, body, textLines, footer });
  },
});
