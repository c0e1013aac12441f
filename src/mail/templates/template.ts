import type { z } from 'zod';
import type { Locale, Translate } from '../../i18n/index.ts';

/** What a template produces: the three parts of a message. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderContext {
  /** The reader's language (one of the site's locales; others fall back to English). */
  language: Locale;
  t: Translate;
}

/**
 * One kind of mail. `payload` validates what is queued, at enqueue time (a bad payload
 * fails in the caller's transaction) and again before rendering. Payload keys named in
 * `payload.secretKeys` (and `accessCode`) are removed from the outbox once delivered.
 */
export interface MailTemplate<Schema extends z.ZodType = z.ZodType> {
  name: string;
  payload: Schema;
  render(payload: z.output<Schema>, context: RenderContext): RenderedMail;
}

/** Declares a template; keeps the payload type tied to its schema. */
export function defineTemplate<Schema extends z.ZodType>(template: MailTemplate<Schema>): MailTemplate<Schema> {
  return template;
}
