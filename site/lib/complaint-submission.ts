import type { Db } from '#src/db/index.ts';
import { hitClientLimit, publicFormLimit } from '#src/security/rate-limits.ts';
import { parseFormBody, validateSubmission, type FieldError } from '#src/forms/validate.ts';
import type { FormField, FormInput } from '#src/forms/types.ts';
import { draftUploads, dropDraftUploads, type StoredUpload } from '#src/cases/attachment-store.ts';
import { keepCheckedFiles } from './uploads.ts';
import { acknowledgementMail } from './acknowledgement.ts';
import { submitCase, type SubmitResult } from '#src/cases/submit.ts';
import type { Locale, Translate } from '#src/i18n/index.ts';
import type { OrganisationPage } from './organisation-page.ts';
import { database } from './runtime.ts';
import { caseOrganisationRules } from '#src/policy/index.ts';
import { isFormToken, newFormToken } from './client.ts';

/** What the form shows: the answers so far, what is wrong, the files already uploaded. */
export interface FormState {
  values: FormInput;
  errors: FieldError[];
  uploads: Record<string, StoredUpload[]>;
  idempotencyKey: string;
  draftId: string;
}

export type Received =
  { kind: 'created'; result: SubmitResult } | { kind: 'invalid'; state: FormState } | { kind: 'rateLimited'; retryAfterSeconds: number } | { kind: 'ignored' };

/** The name of the hidden field that only bots fill in. */
export const honeypotName = 'website';

export const emptyFormState = (): FormState => ({ values: {}, errors: [], uploads: {}, idempotencyKey: newFormToken(), draftId: newFormToken() });

/** What every public form's POST passes first: the client's rate limit, then the honeypot. */
export type OpenedForm = { kind: 'rateLimited'; retryAfterSeconds: number } | { kind: 'ignored' } | { kind: 'open'; form: FormData; idempotencyKey: string };

/**
 * The gate of a public form post: counts the client against SUBMIT_RATE_LIMIT (each form
 * kind its own counter), takes the form the middleware read, quietly drops a filled honeypot, and gives the
 * form's one-time key (a new one when it is missing or malformed).
 */
export async function openPublicForm(db: Db, posted: FormData, options: { clientAddress: string; counter: string }): Promise<OpenedForm> {
  const limit = await hitClientLimit(db, options.counter, options.clientAddress, publicFormLimit());
  if (!limit.ok) return { kind: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds };
  const form = posted;
  if (String(form.get(honeypotName) ?? '') !== '') return { kind: 'ignored' };
  return { kind: 'open', form, idempotencyKey: isFormToken(form.get('_key')) ? String(form.get('_key')) : newFormToken() };
}

/**
 * Handles a posted complaint or compliment form the GOV.UK way: every answer is kept, files
 * that passed their checks are stored at once (so they survive a form shown again with
 * errors), each problem gets its own localised message, and only a fully valid form
 * becomes a case, in one transaction.
 */
export async function receiveSubmission(options: {
  form: FormData;
  clientAddress: string;
  page: OrganisationPage;
  lang: Locale;
  /** The case's language: the page's (cy), which its mail and status page keep. */
  language: string;
  t: Translate;
  kind: 'complaint' | 'compliment';
  fields: readonly FormField[];
  publicBaseUrl: string;
  now?: Date;
}): Promise<Received> {
  const { page, lang, t, fields, kind } = options;
  const { db } = await database();
  const opened = await openPublicForm(db, options.form, { clientAddress: options.clientAddress, counter: 'submit' });
  if (opened.kind !== 'open') return opened;
  const { form, idempotencyKey } = opened;
  const draftId = isFormToken(form.get('_draft')) ? String(form.get('_draft')) : newFormToken();
  const { values, files } = parseFormBody(form, fields);

  // Files from an earlier attempt stay unless the complainant unticked them.
  const uploadErrors: FieldError[] = [];
  // A form sent for the first time keeps no earlier files: no need to look them up.
  const keepsFiles = fields.some((f) => f.type === 'file' && Array.isArray(values[f.key]) && (values[f.key] as string[]).length > 0);
  const earlier = keepsFiles ? await draftUploads(db, draftId) : [];
  for (const field of fields.filter((f) => f.type === 'file')) {
    const keptIds = new Set(Array.isArray(values[field.key]) ? (values[field.key] as string[]) : []);
    const mine = earlier.filter((u) => u.fieldKey === field.key);
    await dropDraftUploads(
      db,
      draftId,
      mine.filter((u) => !keptIds.has(u.id)).map((u) => u.id),
    );
    const kept = mine.filter((u) => keptIds.has(u.id)).map((u) => u.id);
    const rules = { label: field.label, accept: field.accept ?? [], maxBytes: field.maxBytes ?? 10 * 1024 * 1024, maxFiles: field.maxFiles ?? 1 };
    const fresh = await keepCheckedFiles(db, files[field.key] ?? [], rules, { draftId, fieldKey: field.key, alreadyKept: kept.length }, t, lang);
    kept.push(...fresh.ids);
    // One message per question: the first problem with its files.
    if (fresh.errors.length) uploadErrors.push({ key: field.key, message: fresh.errors[0]! });
    if (kept.length) values[field.key] = kept;
    else delete values[field.key];
  }

  const validation = validateSubmission(fields, values, t);
  if (!validation.ok || uploadErrors.length) {
    const errors = mergeErrors(fields, uploadErrors, validation.ok ? [] : validation.errors);
    return { kind: 'invalid', state: { values, errors, uploads: await uploadsByField(draftId), idempotencyKey, draftId } };
  }

  const org = page.org;
  const now = options.now ?? new Date();
  const answers = validation.data;
  const email = typeof answers.email === 'string' && answers.email ? answers.email : null;
  const result = await submitCase(db, {
    organisation: {
      id: org._id,
      slug: org.slug ?? '',
      referencePrefix: org.referencePrefix ?? 'RD',
      ...caseOrganisationRules(page.org, page.contentLang),
    },
    kind,
    language: options.language,
    idempotencyKey,
    draftId,
    answers,
    fields,
    now,
    acknowledgement: acknowledgementMail(page, { kind, email, language: options.language, publicBaseUrl: options.publicBaseUrl }),
  });
  return { kind: 'created', result };
}

/** Upload problems first for their field, then the others, in question order, one per input. */
function mergeErrors(fields: readonly FormField[], uploads: FieldError[], others: FieldError[]): FieldError[] {
  const order = new Map(fields.map((f, i) => [f.key, i]));
  const rank = (e: FieldError) => order.get(e.key.split('.')[0]!) ?? fields.length;
  const seen = new Set<string>();
  return [...uploads, ...others].filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true))).sort((a, b) => rank(a) - rank(b));
}

async function uploadsByField(draftId: string): Promise<Record<string, StoredUpload[]>> {
  const { db } = await database();
  const byField: Record<string, StoredUpload[]> = {};
  for (const upload of await draftUploads(db, draftId)) (byField[upload.fieldKey] ??= []).push(upload);
  return byField;
}
