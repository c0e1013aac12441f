import { and, eq } from 'drizzle-orm';
import { cases, type Db } from '#src/db/index.ts';
import { parseFormBody, validateSubmission, type FieldError } from '#src/forms/validate.ts';
import type { FormField, FormInput } from '#src/forms/types.ts';
import type { Translate } from '#src/i18n/index.ts';
import type { FormatAction, FormatRequestRow } from '#src/formats/index.ts';

/**
 * The questions of the back office's actions on a request, as src/forms renders and
 * validates them. Keys differ between the forms, so that both can sit on one page.
 */
export function staffActionFields(t: Translate, lang: string): Record<FormatAction, FormField[]> {
  const field = (f: Omit<FormField, 'labelLang' | 'hintLang' | 'standard'>): FormField => ({ ...f, labelLang: lang, hintLang: lang, standard: true });
  return {
    start: [],
    fulfil: [
      field({
        key: 'sentOn',
        type: 'date',
        label: t('staffFormats.fulfil.sentOn'),
        hint: t('staffFormats.fulfil.sentOnHint'),
        required: true,
        messages: { required: 'staffFormats.error.sentOn', date: 'staffFormats.error.sentOn' },
      }),
      field({
        key: 'fulfilHow',
        type: 'textarea',
        label: t('staffFormats.fulfil.body'),
        hint: t('staffFormats.fulfil.hint'),
        required: true,
        maxLength: 2000,
        messages: { required: 'staffFormats.error.fulfil' },
      }),
    ],
    decline: [
      field({
        key: 'declineReason',
        type: 'textarea',
        label: t('staffFormats.decline.body'),
        hint: t('staffFormats.decline.hint'),
        required: true,
        maxLength: 2000,
        messages: { required: 'staffFormats.error.decline' },
      }),
    ],
  };
}

export type StaffActionInput =
  | { ok: true; action: FormatAction; body: string | null; sentOn: string | null; values: FormInput }
  | { ok: false; action: FormatAction | null; values: FormInput; errors: FieldError[] };

/** Whether a posted (or redirected) value names one of the actions. */
export const isStaffAction = (value: unknown): value is FormatAction => value === 'start' || value === 'fulfil' || value === 'decline';

/**
 * Reads a posted action: which one, and its validated answers (a sending date that is a
 * real day, not after `today` in the organisation's calendar; the how or the why).
 */
export function readStaffAction(form: FormData, fields: Record<FormatAction, FormField[]>, t: Translate, today: string): StaffActionInput {
  const action = form.get('action');
  if (!isStaffAction(action)) return { ok: false, action: null, values: {}, errors: [] };
  const { values } = parseFormBody(form, fields[action]);
  const result = validateSubmission(fields[action], values, t);
  const errors = result.ok ? [] : [...result.errors];
  const sentOn = result.ok && typeof result.data.sentOn === 'string' ? result.data.sentOn : null;
  if (sentOn && sentOn > today) errors.unshift({ key: 'sentOn', message: t('staffFormats.error.sentOn') });
  if (errors.length || !result.ok) return { ok: false, action, values, errors };
  const text = action === 'fulfil' ? result.data.fulfilHow : action === 'decline' ? result.data.declineReason : null;
  return { ok: true, action, body: typeof text === 'string' ? text : null, sentOn, values };
}

/**
 * The case a request's letter is about, when it is a case of the request's own organisation
 * (staff only: the public is never told whether a reference exists).
 */
export async function caseOfRequest(db: Db, request: FormatRequestRow): Promise<string | null> {
  if (!request.caseReference) return null;
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.reference, request.caseReference), eq(cases.organisationId, request.organisationId)));
  return row?.id ?? null;
}
