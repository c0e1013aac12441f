import type { Translate } from '../i18n/index.ts';
import { addressParts } from './standard-fields.ts';
import { buildSubmissionSchema, type SubmissionSchema } from './submission-schema.ts';
import type { FormField, FormInput, FormValues } from './types.ts';

/** One problem to show: `key` is the id of the input it belongs to (`postalAddress.postcode`). */
export interface FieldError {
  key: string;
  message: string;
}

export type ValidationResult = { ok: true; data: FormValues } | { ok: false; errors: FieldError[] };

// Building a schema is cheap, but forms are submitted far more often than they change.
const cache = new WeakMap<readonly FormField[], Map<Translate, SubmissionSchema>>();

/**
 * Validates one submission against the form's questions. On success, `data` holds the
 * answers to keep (hidden questions and empty optional answers dropped); otherwise one
 * localised message per question (per part of an address), in question order.
 */
export function validateSubmission(fields: readonly FormField[], input: FormInput, t: Translate): ValidationResult {
  let byTranslator = cache.get(fields);
  if (!byTranslator) cache.set(fields, (byTranslator = new Map()));
  let built = byTranslator.get(t);
  if (!built) byTranslator.set(t, (built = buildSubmissionSchema(fields, t)));

  const result = built.schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ key, message: issue.message });
  }
  return { ok: false, errors };
}

export interface ParsedForm {
  /** Answers by question key: text, checkbox values, address parts, ids of files kept from an earlier attempt. */
  values: FormInput;
  /** Files chosen in each file question (empty file inputs left out). */
  files: Record<string, File[]>;
}

/**
 * Reads a posted form into answers: text trimmed with line endings normalised to `\n`,
 * every value of a checkbox question, the parts of an address (`key.line1`, `key.town`...),
 * and for file questions the chosen files apart from the text values, which are the ids of
 * files uploaded on an earlier attempt and kept (posted as hidden inputs of the same name).
 * Keys the form does not ask are ignored.
 */
export function parseFormBody(formData: FormData, fields: readonly FormField[]): ParsedForm {
  const values: FormInput = {};
  const files: Record<string, File[]> = {};
  for (const field of fields) {
    const entries = formData.getAll(field.key);
    const texts = entries.filter((entry): entry is string => typeof entry === 'string').map(clean);
    switch (field.type) {
      case 'address': {
        const address: Record<string, string> = {};
        for (const { part } of addressParts) {
          const text = clean(stringOf(formData.get(`${field.key}.${part}`)));
          if (text) address[part] = text;
        }
        if (Object.keys(address).length) values[field.key] = address;
        break;
      }
      case 'file': {
        const chosen = entries.filter((entry): entry is File => typeof entry !== 'string' && (entry.size > 0 || entry.name !== ''));
        if (chosen.length) files[field.key] = chosen;
        const kept = texts.filter(Boolean);
        if (kept.length) values[field.key] = kept;
        break;
      }
      case 'checkbox': {
        const chosen = texts.filter(Boolean);
        if (chosen.length) values[field.key] = field.options?.length ? chosen : chosen[0]!;
        break;
      }
      default: {
        const text = texts[0];
        if (text) values[field.key] = text;
      }
    }
  }
  return { values, files };
}

function stringOf(entry: FormDataEntryValue | null): string {
  return typeof entry === 'string' ? entry : '';
}

function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}
