import { z } from 'zod';
import type { Translate } from '../i18n/index.ts';
import { parseReference } from '../cases/reference.ts';
import { buildSubmissionSchema } from '../forms/submission-schema.ts';
import type { Address, FormField, FormInput } from '../forms/types.ts';
import type { FieldError } from '../forms/validate.ts';
import {
  deliveries,
  deliveriesFor,
  formatLabel,
  isRequestFormat,
  needsDetails,
  subjects,
  type Delivery,
  type RequestFormat,
  type RequestSubject,
} from './offer.ts';

/** A valid request, as the store keeps it. */
export interface FormatRequestAnswers {
  subject: RequestSubject;
  /** Canonical form (src/cases/reference.ts) when the request is for a letter about a case. */
  caseReference: string | null;
  format: RequestFormat;
  details: string | null;
  delivery: Delivery;
  name: string;
  email: string | null;
  phone: string | null;
  postalAddress: Address | null;
  notes: string | null;
}

/**
 * The request form of an organisation in the reader's language, as the form machinery of
 * src/forms renders and validates it (site/components/Question.astro). The format question
 * lists what the organisation offers; when it offers nothing but "another format", there is
 * nothing to choose and the question is not asked.
 */
export function formatRequestFields(formats: readonly RequestFormat[], t: Translate, lang: string): FormField[] {
  const field = (f: Omit<FormField, 'labelLang' | 'standard' | 'hintLang'>): FormField => ({
    ...f,
    labelLang: lang,
    ...(f.hint ? { hintLang: lang } : {}),
    standard: true,
  });
  const options = <Value extends string>(values: readonly Value[], label: (value: Value) => string) =>
    values.map((value) => ({ value, label: label(value), lang }));
  const only = formats.length === 1 ? formats[0] : undefined;
  const postOnly = formats.filter((f) => deliveriesFor(f).length === 1).map((f) => formatLabel(f, t));
  const detailsWhen = formats.filter(needsDetails).map((format) => ({ field: 'format', equals: format }));

  return [
    field({
      key: 'subject',
      type: 'radio',
      label: t('formats.field.subject.label'),
      required: true,
      options: options(subjects, (s) => t(`formats.field.subject.${s}`)),
      messages: { required: 'formats.field.subject.errorRequired', option: 'formats.field.subject.errorRequired' },
    }),
    field({
      key: 'caseReference',
      type: 'text',
      label: t('formats.field.caseReference.label'),
      hint: t('formats.field.caseReference.hint'),
      required: true,
      showIf: { field: 'subject', equals: 'caseLetter' },
      maxLength: 40,
      autocomplete: 'off',
      messages: { required: 'formats.field.caseReference.errorRequired' },
    }),
    ...(only
      ? []
      : [
          field({
            key: 'format',
            type: 'radio',
            label: t('formats.field.format.label'),
            required: true,
            options: options(formats, (f) => formatLabel(f, t)),
            messages: { required: 'formats.field.format.errorRequired', option: 'formats.field.format.errorRequired' },
          }),
        ]),
    field({
      key: 'details',
      type: 'textarea',
      label: t(only ? 'formats.field.details.labelOnly' : 'formats.field.details.label'),
      hint: t(only ? 'formats.field.details.hintOnly' : 'formats.field.details.hint'),
      required: Boolean(only && needsDetails(only)),
      ...(only ? {} : { requiredIf: detailsWhen }),
      maxLength: 1000,
      messages: { required: 'formats.field.details.errorRequired' },
    }),
    field({
      key: 'delivery',
      type: 'radio',
      label: t('formats.field.delivery.label'),
      ...(postOnly.length ? { hint: t('formats.field.delivery.hint', { formats: postOnly.join(', ') }) } : {}),
      required: true,
      options: options(deliveries, (d) => t(`formats.field.delivery.${d}`)),
      messages: { required: 'formats.field.delivery.errorRequired', option: 'formats.field.delivery.errorRequired' },
    }),
    field({
      key: 'name',
      type: 'text',
      label: t('field.name.label'),
      required: true,
      maxLength: 200,
      autocomplete: 'name',
      messages: { required: 'field.name.errorRequired' },
    }),
    field({
      key: 'email',
      type: 'email',
      label: t('field.email.label'),
      hint: t('formats.field.email.hint'),
      required: false,
      requiredIf: [{ field: 'delivery', equals: 'email' }],
      maxLength: 254,
      autocomplete: 'email',
      messages: { required: 'formats.field.email.errorRequired', format: 'field.email.errorFormat' },
    }),
    field({
      key: 'postalAddress',
      type: 'address',
      label: t('field.postalAddress.label'),
      hint: t('formats.field.postalAddress.hint'),
      required: false,
      requiredIf: [{ field: 'delivery', equals: 'post' }],
      autocomplete: 'street-address',
    }),
    field({
      key: 'phone',
      type: 'tel',
      label: t('field.phone.label'),
      hint: t('formats.field.phone.hint'),
      required: false,
      maxLength: 30,
      autocomplete: 'tel',
      messages: { format: 'field.phone.errorFormat' },
    }),
    field({ key: 'notes', type: 'textarea', label: t('formats.field.notes.label'), hint: t('formats.field.notes.hint'), required: false, maxLength: 2000 }),
  ];
}

export type FormatRequestValidation = { ok: true; data: FormatRequestAnswers } | { ok: false; errors: FieldError[] };

/**
 * The zod schema of one organisation's request form: every question's own checks (through
 * src/forms), then the rules between answers that a form definition cannot say: a case
 * reference must be shaped like one with a right check symbol (it is never looked up, so
 * the answer says nothing about whether the case exists), and a format on paper cannot
 * go by email. Every problem is reported at once, one per question, in question order.
 */
function formatRequestSchema(formats: readonly RequestFormat[], fields: readonly FormField[], t: Translate) {
  const base = buildSubmissionSchema(fields, t).schema;
  const order = new Map(fields.map((f, i) => [f.key, i]));
  const only = formats.length === 1 ? formats[0] : undefined;

  return z.unknown().transform((raw, ctx): FormatRequestAnswers => {
    const input = (raw && typeof raw === 'object' ? raw : {}) as FormInput;
    const problems = new Map<string, string>();
    const parsed = base.safeParse(input);
    if (!parsed.success) for (const issue of parsed.error.issues) if (!problems.has(issue.path.join('.'))) problems.set(issue.path.join('.'), issue.message);

    const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string).trim() : '');
    let caseReference: string | null = null;
    if (text('subject') === 'caseLetter' && text('caseReference') && !problems.has('caseReference')) {
      const reference = parseReference(text('caseReference'));
      if (reference.ok) caseReference = reference.reference;
      else problems.set('caseReference', t(`formats.field.caseReference.error.${reference.reason}`));
    }
    const format = only ?? text('format');
    if (isRequestFormat(format) && text('delivery') === 'email' && !deliveriesFor(format).includes('email') && !problems.has('delivery')) {
      problems.set('delivery', t('formats.field.delivery.errorPostOnly', { format: formatLabel(format, t) }));
    }

    if (problems.size > 0 || !parsed.success) {
      const rank = (key: string) => order.get(key.split('.')[0]!) ?? fields.length;
      for (const [key, message] of [...problems].sort(([a], [b]) => rank(a) - rank(b))) ctx.addIssue({ code: 'custom', message, path: key.split('.') });
      return z.NEVER;
    }
    const data = parsed.data;
    const value = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
    return {
      subject: data.subject as RequestSubject,
      caseReference,
      format: format as RequestFormat,
      details: value('details'),
      delivery: data.delivery as Delivery,
      name: value('name') ?? '',
      email: value('email'),
      phone: value('phone'),
      postalAddress: (data.postalAddress as Address | undefined) ?? null,
      notes: value('notes'),
    };
  });
}

/** Validates a posted request: the answers to keep, or one localised message per question. */
export function validateFormatRequest(
  formats: readonly RequestFormat[],
  fields: readonly FormField[],
  input: FormInput,
  t: Translate,
): FormatRequestValidation {
  const result = formatRequestSchema(formats, fields, t).safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => ({ key: issue.path.map(String).join('.'), message: issue.message })) };
}
