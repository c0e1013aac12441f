import { z } from 'zod';
import type { FieldError } from '#src/forms/validate.ts';
import { isMessageKey, type MessageKey, type Translate } from '#src/i18n/index.ts';

/**
 * The small forms of the case pages (a staff action, a complainant's reply) as zod schemas
 * whose messages are UI-string keys, read from a posted form with GOV.UK's loop in mind:
 * errors keyed `${form}-${field}` (the field's id is `f-${form}-${field}`, so that several
 * forms share a page and the error summary links land), and what was typed kept to refill.
 */

/** A posted text: line ends as typed on any system, no surrounding spaces; absent is empty. */
export const text = z
  .string()
  .default('')
  .transform((value) => value.replace(/\r\n/g, '\n').trim());

/** A text that must not be empty, with the UI-string key of what to say when it is. */
export const required = (message: MessageKey) => text.pipe(z.string().min(1, { error: message }));

export type Posted<Data> = { ok: true; data: Data; values: Record<string, string> } | { ok: false; errors: FieldError[]; values: Record<string, string> };

/** Reads the schema's fields of one form from a post and validates them, in the schema's order. */
export function readPosted<Schema extends z.ZodObject>(form: FormData, name: string, schema: Schema, t: Translate): Posted<z.output<Schema>> {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((field) => [field, stringOf(form.get(field))]));
  const values = Object.fromEntries(Object.entries(raw).map(([field, value]) => [`${name}-${field}`, (value ?? '').replace(/\r\n/g, '\n').trim()]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, values, errors: parsed.error.issues.map((issue) => ({ key: `${name}-${String(issue.path[0])}`, message: uiMessage(issue.message, t) })) };
}

// A schema's messages are UI-string keys; one that is not (zod's own words) is shown as is, to be seen in review.
const uiMessage = (message: string, t: Translate) => (isMessageKey(message) ? t(message) : message);

const stringOf = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : undefined);
