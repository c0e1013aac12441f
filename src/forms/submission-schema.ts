import { z } from 'zod';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { labelled, lowerFirst } from './label.ts';
import { addressParts } from './standard-fields.ts';
import type { Address, Condition, FormField, FormValue, FormValues, MessageKind } from './types.ts';

/** A problem in the form definition itself (not in an answer), for the logs and the editors. */
export interface SchemaWarning {
  key: string;
  message: string;
}

export interface SubmissionSchema {
  /**
   * Parses the answers (`FormInput`: `{ [key]: string | string[] | Address }`) into the answers to keep:
   * trimmed, hidden questions and empty optional answers dropped. Each invalid answer gives
   * one issue whose path is the question's key (`[key, part]` for a part of an address)
   * and whose message is the localised text to show, in question order.
   */
  schema: z.ZodType<FormValues, unknown>;
  warnings: SchemaWarning[];
}

// Limits for questions whose content sets none, so that no answer is unbounded.
const defaultMaxLength: Partial<Record<FormField['type'], number>> = {
  text: 500,
  textarea: 10000,
  email: 254,
  tel: 30,
};

const emailPattern = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$/u;
const telPattern = /^[0-9+\-() ]+$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Compiled {
  field: FormField;
  /** Checks a non-empty, normalised answer. */
  value: z.ZodType<FormValue, FormValue>;
  /** The message when a required answer is missing. */
  requiredMessage: string;
}

/**
 * Builds the zod schema of a form from its questions, so that a question added in Sanity
 * is validated with no code change: required (also when another answer makes it so),
 * pattern (the whole value), maximum length, options, email, phone and date formats,
 * addresses, file counts and show-if. Messages come from `t` and say what to do.
 * A pattern that is not a valid regular expression is ignored and reported in `warnings`.
 */
export function buildSubmissionSchema(fields: readonly FormField[], t: Translate): SubmissionSchema {
  const warnings: SchemaWarning[] = [];
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (const field of fields) {
    if (field.showIf && !byKey.has(field.showIf.field)) {
      warnings.push({ key: field.key, message: `showIf refers to ${field.showIf.field}, which is not a question of this form; the question is always shown.` });
    }
    if ((field.type === 'select' || field.type === 'radio') && !field.options?.length) {
      warnings.push({ key: field.key, message: `A ${field.type} question needs options; any answer is accepted.` });
    }
  }
  const compiled = fields.map((field) => compile(field, t, warnings));

  const schema = z.unknown().transform((raw, ctx): FormValues => {
    const input: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const values = new Map<string, FormValue>();
    for (const field of fields) {
      const value = normalise(field, input[field.key]);
      if (value !== undefined) values.set(field.key, value);
    }
    const shown = visibility(fields, byKey, values);
    const answered = (key: string) => shown(key) && values.has(key);
    const holds = (condition: Condition) => shown(condition.field) && matches(values.get(condition.field), condition.equals);

    const out: FormValues = {};
    let failed = false;
    const fail = (message: string, path: string[]) => {
      failed = true;
      ctx.addIssue({ code: 'custom', message, path });
    };
    for (const { field, value: check, requiredMessage } of compiled) {
      // A question whose condition is not met is neither validated nor kept.
      if (!shown(field.key)) continue;
      const value = values.get(field.key);
      if (field.type === 'address') {
        const address = checkAddress(field, value as Address | undefined, isRequired(field), t, fail);
        if (address) out[field.key] = address;
        continue;
      }
      if (value === undefined) {
        if (isRequired(field)) fail(requiredMessage, [field.key]);
        else if (field.requiredUnless && !answered(field.requiredUnless) && !partnerAsked(field.requiredUnless)) {
          fail(message(field, 'eitherOr', t), [field.key]);
        }
        continue;
      }
      const result = check.safeParse(value);
      if (result.success) out[field.key] = result.data;
      else fail(result.error.issues[0]?.message ?? requiredMessage, [field.key]);
    }
    return failed ? z.NEVER : out;

    function isRequired(field: FormField): boolean {
      return field.required || (field.requiredIf ?? []).some(holds);
    }

    // "Email or phone": when the phone is required anyway, its own message says enough.
    function partnerAsked(key: string): boolean {
      const partner = byKey.get(key);
      return Boolean(partner && shown(key) && isRequired(partner));
    }
  });
  return { schema, warnings };
}

function compile(field: FormField, t: Translate, warnings: SchemaWarning[]): Compiled {
  const requiredMessage = message(field, 'required', t);
  const maxLength = field.maxLength ?? defaultMaxLength[field.type];
  const text = () => {
    let schema = z.string();
    if (maxLength) {
      const tooLong = message(field, 'tooLong', t, { count: maxLength });
      // Characters as people count them (code points), not UTF-16 units.
      schema = schema.refine((s) => [...s].length <= maxLength, { error: tooLong, abort: true });
    }
    return schema;
  };

  let value: z.ZodType<FormValue, FormValue>;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const pattern = field.pattern ? compilePattern(field, warnings) : undefined;
      value = pattern ? text().regex(pattern, { error: field.patternMessage || message(field, 'pattern', t) }) : text();
      break;
    }
    case 'email':
      value = text().regex(emailPattern, { error: message(field, 'format', t) });
      break;
    case 'tel': {
      const format = message(field, 'format', t);
      value = text()
        .regex(telPattern, { error: format, abort: true })
        .refine(
          (s) => {
            const digits = s.replace(/\D/g, '').length;
            return digits >= 6 && digits <= 20;
          },
          { error: format },
        );
      break;
    }
    case 'date':
      value = z.string().refine(isRealDate, { error: message(field, 'date', t) });
      break;
    case 'select':
    case 'radio': {
      const options = field.options?.map((option) => option.value) ?? [];
      value = options.length ? z.enum(options as [string, ...string[]], { error: message(field, 'option', t) }) : text();
      break;
    }
    case 'checkbox': {
      const options = field.options?.map((option) => option.value) ?? [];
      value = options.length ? z.array(z.enum(options as [string, ...string[]], { error: message(field, 'option', t) })) : z.string().transform(() => 'yes');
      break;
    }
    case 'file': {
      const maxFiles = field.maxFiles ?? 1;
      value = z.array(z.string()).max(maxFiles, { error: message(field, 'tooManyFiles', t, { count: maxFiles }) });
      break;
    }
    case 'address':
      // Checked part by part in checkAddress.
      value = z.any();
      break;
  }
  return { field, value, requiredMessage };
}

function compilePattern(field: FormField, warnings: SchemaWarning[]): RegExp | undefined {
  const source = `^(?:${field.pattern})$`;
  for (const flags of ['u', '']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // try without the unicode flag, which is stricter about escapes
    }
  }
  warnings.push({ key: field.key, message: `The pattern ${JSON.stringify(field.pattern)} is not a valid regular expression; it is ignored.` });
  return undefined;
}

/** Answers as the checks expect them: trimmed text, arrays without blanks, `undefined` when empty. */
function normalise(field: FormField, raw: unknown): FormValue | undefined {
  switch (field.type) {
    case 'address': {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
      const source = raw as Record<string, unknown>;
      const address: Record<string, string> = {};
      for (const { part } of addressParts) {
        const text = cleanText(source[part]);
        if (text) address[part] = text;
      }
      return Object.keys(address).length ? (address as unknown as Address) : undefined;
    }
    case 'checkbox':
      if (field.options?.length) {
        const list = [...new Set(toList(raw))];
        return list.length ? list : undefined;
      }
      return cleanText(toList(raw)[0]) || undefined;
    case 'file': {
      const list = toList(raw);
      return list.length ? list : undefined;
    }
    default:
      return cleanText(Array.isArray(raw) ? raw[0] : raw) || undefined;
  }
}

function toList(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return list
    .filter((item): item is string => typeof item === 'string')
    .map((item) => cleanText(item))
    .filter(Boolean);
}

function cleanText(raw: unknown): string {
  return typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').normalize('NFC').trim() : '';
}

function visibility(fields: readonly FormField[], byKey: Map<string, FormField>, values: Map<string, FormValue>) {
  const memo = new Map<string, boolean>();
  const shown = (key: string, seen = new Set<string>()): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const field = byKey.get(key);
    let result = true;
    if (field?.showIf && byKey.has(field.showIf.field)) {
      // A loop of conditions in content can never be met.
      result = !seen.has(key) && shown(field.showIf.field, new Set([...seen, key])) && matches(values.get(field.showIf.field), field.showIf.equals);
    }
    memo.set(key, result);
    return result;
  };
  for (const field of fields) shown(field.key);
  return (key: string) => shown(key);
}

function matches(value: FormValue | undefined, equals: string): boolean {
  if (typeof value === 'string') return value === equals;
  if (Array.isArray(value)) return value.includes(equals);
  return false;
}

function isRealDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkAddress(
  field: FormField,
  value: Address | undefined,
  required: boolean,
  t: Translate,
  fail: (message: string, path: string[]) => void,
): Address | undefined {
  if (!value && !required) return undefined;
  const parts = (value ?? {}) as Partial<Record<string, string>>;
  let ok = true;
  for (const entry of addressParts) {
    const { part, label, maxLength } = entry;
    const text = parts[part];
    if (!text) {
      // Checking `required` on the entry itself narrows `part` to the parts that have a message.
      if (entry.required) {
        ok = false;
        fail(labelled(t, `form.error.address.${entry.part}`, field.label, field.labelLang), [field.key, part]);
      }
    } else if ([...text].length > maxLength) {
      ok = false;
      const partName = lowerFirst(t(label), field.labelLang);
      fail(labelled(t, 'form.error.address.tooLong', field.label, field.labelLang, { part: partName, count: maxLength }), [field.key, part]);
    }
  }
  return ok ? (parts as unknown as Address) : undefined;
}

/**
 * The one message for a kind of problem with an answer: the standard field's own message
 * when it has one, else a generic one that names the question.
 */
export function message(field: FormField, kind: MessageKind, t: Translate, vars: Record<string, number> = {}): string {
  const own = field.messages?.[kind];
  if (own) return t(own, { label: field.label, ...vars });
  const label = field.label;
  const named = (key: MessageKey, extra: Record<string, number> = {}, keepCase = false) => labelled(t, key, label, field.labelLang, extra, keepCase);
  // A label that is a question is quoted whole: "Answer the question: Are you ...?"
  const question = /[?؟]\s*$/.test(label);
  const choose = () => (question ? named('form.error.answer', {}, true) : named('form.error.select'));
  // A question shown by an earlier answer often has a label that only reads after that
  // answer ("If yes, who for?", "Other:"): its message quotes it whole rather than build a
  // sentence around it.
  if (field.showIf && (kind === 'required' || kind === 'eitherOr'))
    return named(field.type === 'file' ? 'form.error.fileShown' : 'form.error.answerShown', {}, true);
  switch (kind) {
    case 'required':
    case 'eitherOr':
      switch (field.type) {
        case 'select':
        case 'radio':
          return choose();
        case 'checkbox':
          return field.options?.length ? choose() : named('form.error.confirm', {}, true);
        case 'file':
          return named('form.error.file');
        default:
          return question ? named('form.error.answer', {}, true) : named('form.error.enter');
      }
    case 'option':
      return choose();
    case 'tooLong':
      return named(question ? 'form.error.tooLongAnswer' : 'form.error.tooLong', { count: vars.count ?? 0 }, question);
    case 'pattern':
      return named('form.error.pattern');
    case 'format':
      return named(field.type === 'tel' ? 'form.error.tel' : 'form.error.email');
    case 'date':
      return named('form.error.date');
    case 'tooManyFiles':
      return named('form.upload.tooMany', { count: vars.count ?? 1 });
  }
}
