import type { z } from 'zod';
import type { Locale, Translate } from '../../i18n/index.ts';

/** What a template produces: the three parts of a message. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderContext {
  /** The interface language the mail is written in: the case's, or the nearest the site speaks (cy → en). */
  language: Locale;
  /**
   * The case's own language (any BCP 47 tag: cy, fr-BE): the organisation's words are
   * chosen in it, and marked with it where it is not `language`.
   */
  contentLanguage: string;
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
