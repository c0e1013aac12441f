import { z } from 'zod';
import type { Db } from '#src/db/index.ts';
import { acceptResolution, appeal, complainantReply, rateSatisfaction, requestReopen, type ActionInput, type ActionResult } from '#src/cases/actions.ts';
import type { CaseState } from '#src/cases/lifecycle.ts';
import type { FieldError } from '#src/forms/validate.ts';
import type { Translate } from '#src/i18n/index.ts';
import { readPosted, required, text } from './form-schema.ts';
import { keepCheckedFiles } from './uploads.ts';

/**
 * What a complainant can do on their status page, as data: when the page offers it (from
 * the case's state, whose `can` the core's actions check again), what its form posts (a
 * zod schema with UI-string keys as messages), whether it takes files, and how it runs
 * (src/cases/actions). The forms are site/components/status/actions/.
 */

/** Files a reply or an appeal may bring: checked by their bytes, like the complaint form's. */
export const statusFileRules = { accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024, maxFiles: 5 } as const;

interface Definition<Schema extends z.ZodObject> {
  offered: (state: CaseState) => boolean;
  fields: Schema;
  /** Takes files (the `files` field) into the form's upload draft. */
  files?: boolean;
  run: (db: Db, input: ActionInput, data: z.output<Schema>, files: { draftId: string; attachmentIds: string[] }) => Promise<ActionResult>;
}
const define = <Schema extends z.ZodObject>(definition: Definition<Schema>) => definition;

export const complainantActions = {
  reply: define({
    offered: (state) => state.status === 'awaiting_complainant' && state.can.reply,
    fields: z.object({ body: required('status.error.replyRequired') }),
    files: true,
    run: (db, input, { body }, files) => complainantReply(db, { ...input, body, ...files }),
  }),
  accept: define({
    offered: (state) => state.can.accept,
    fields: z.object({}),
    run: (db, input) => acceptResolution(db, input),
  }),
  appeal: define({
    offered: (state) => state.appeal.open && Boolean(state.appeal.closesAt),
    fields: z.object({ body: required('status.error.appealRequired') }),
    files: true,
    run: (db, input, { body }, files) => appeal(db, { ...input, body, ...files }),
  }),
  rate: define({
    offered: (state) => state.can.rate,
    fields: z.object({ rating: required('status.error.ratingRequired'), comment: text }),
    run: (db, input, { rating, comment }) => rateSatisfaction(db, { ...input, rating, comment: comment || null }),
  }),
  reopen: define({
    offered: (state) => state.can.requestReopen,
    fields: z.object({ body: required('status.error.reopenRequired') }),
    run: (db, input, { body }) => requestReopen(db, { ...input, body }),
  }),
};

export type ComplainantAction = keyof typeof complainantActions;
export const isComplainantAction = (value: unknown): value is ComplainantAction => typeof value === 'string' && Object.hasOwn(complainantActions, value);

export type ComplainantOutcome =
  | { ok: true; action: ComplainantAction }
  | { ok: false; status: 400 | 409; errors: FieldError[]; values: Record<string, string>; /** By the rules, not for what was typed. */ refused: boolean };

/**
 * Reads, validates and runs what a status page's form posted. Files come first (kept under
 * the form's draft even when the text is missing, so that they need not be chosen again);
 * the text's message comes before the files' in the summary. A refusal by the rules is shown
 * against the form's text (`${action}-body`): 409 when the appeal window closed meanwhile.
 */
export async function runComplainantAction(
  db: Db,
  form: FormData,
  context: { input: ActionInput; draftId: string; t: Translate; lang: string },
): Promise<ComplainantOutcome> {
  const { t } = context;
  const action = String(form.get('action') ?? '');
  if (!isComplainantAction(action))
    return { ok: false, status: 400, errors: [{ key: `${action}-body`, message: t('status.refused.notAllowed') }], values: {}, refused: true };
  const definition = complainantActions[action] as unknown as Definition<z.ZodObject>;
  const attachmentIds: string[] = [];
  const fileErrors: FieldError[] = [];
  if (definition.files) {
    const files = form.getAll('files').filter((f): f is File => typeof f !== 'string' && f.size > 0);
    const kept = await keepCheckedFiles(
      db,
      files,
      { label: t('status.files'), ...statusFileRules },
      { draftId: context.draftId, fieldKey: 'files', alreadyKept: 0 },
      t,
      context.lang,
    );
    attachmentIds.push(...kept.ids);
    if (kept.errors.length) fileErrors.push({ key: `${action}-files`, message: kept.errors[0]! });
  }
  const posted = readPosted(form, action, definition.fields, t);
  const errors = [...(posted.ok ? [] : posted.errors), ...fileErrors];
  if (!posted.ok || errors.length) return { ok: false, status: 400, errors, values: posted.values, refused: false };
  const result = await definition.run(db, context.input, posted.data, { draftId: context.draftId, attachmentIds });
  if (result.ok) return { ok: true, action };
  return {
    ok: false,
    status: result.reason === 'windowClosed' ? 409 : 400,
    errors: [{ key: `${action}-body`, message: t(`status.refused.${result.reason}`) }],
    values: posted.values,
    refused: true,
  };
}
