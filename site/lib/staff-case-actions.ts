import { z } from 'zod';
import type { Db } from '#src/db/index.ts';
import {
  acknowledge,
  addNote,
  assign,
  close,
  decideAppeal,
  escalate,
  issueDeadlock,
  proposeResolution,
  requestInformation,
  sendMessage,
  isStaffAction,
  type ActionInput,
  type ActionResult,
  type StaffAction,
} from '#src/cases/actions.ts';
import type { CaseStatus } from '#src/cases/lifecycle.ts';
import type { FieldError } from '#src/forms/validate.ts';
import type { Translate } from '#src/i18n/index.ts';
import { readPosted, required, text } from './form-schema.ts';
import type { Colleague } from './staff.ts';

/**
 * The back office's case actions as data: for each, the fields its form posts (a zod schema
 * whose messages are UI-string keys), the field a refusal is shown against, and how it runs
 * (src/cases/actions). Which status allows which action is src/cases/staff-actions.ts; the
 * form of each is site/components/staff/actions/. Adding an action is one entry here, one
 * form there and one line in the rule.
 */

/** What validating a form may need to know about the case and the member. */
export interface StaffActionContext {
  /** The case's status before the action. */
  status: CaseStatus;
  /** The member's id (`assignee=me`). */
  userId: string;
  /** Who the case can be given to. */
  colleagues: readonly Colleague[];
}

export const appealOutcomes = ['upheld', 'partlyUpheld', 'notUpheld'] as const;
export type CloseReason = 'resolved' | 'accepted' | 'appealDecided' | 'withdrawn';

/** The reasons a case in this status may be closed with: the first is the form's default. */
export const closeReasonsFor = (status: CaseStatus): CloseReason[] =>
  status === 'accepted' ? ['accepted'] : status === 'appeal_decided' ? ['appealDecided'] : ['resolved', 'withdrawn'];

interface Definition<Schema extends z.ZodType> {
  fields: (context: StaffActionContext) => Schema;
  /** The field a refusal by the rules (someone acted first, say) is shown against. */
  mainField: string;
  run: (db: Db, input: ActionInput, data: z.output<Schema>) => Promise<ActionResult>;
}
const define = <Schema extends z.ZodType>(definition: Definition<Schema>) => definition;

export const staffCaseActions = {
  acknowledge: define({
    fields: () => z.object({ body: text }),
    mainField: 'body',
    run: (db, input, { body }) => acknowledge(db, { ...input, body: body || null }),
  }),
  assign: define({
    fields: ({ userId, colleagues }) =>
      z.object({
        assignee: text.transform((id, context) => {
          const found = colleagues.find((c) => c.id === (id === 'me' ? userId : id));
          if (!found) context.addIssue({ code: 'custom', message: 'staff.case.error.assign' });
          return found!;
        }),
      }),
    mainField: 'assignee',
    run: (db, input, { assignee }) => assign(db, { ...input, assigneeId: assignee.id, assigneeName: assignee.name }),
  }),
  note: define({
    fields: () => z.object({ body: required('staff.case.error.note') }),
    mainField: 'body',
    run: (db, input, { body }) => addNote(db, { ...input, body }),
  }),
  message: define({
    fields: () => z.object({ body: required('staff.case.error.message') }),
    mainField: 'body',
    run: (db, input, { body }) => sendMessage(db, { ...input, body }),
  }),
  requestInformation: define({
    fields: () => z.object({ body: required('staff.case.error.requestInformation') }),
    mainField: 'body',
    run: (db, input, { body }) => requestInformation(db, { ...input, body }),
  }),
  propose: define({
    fields: () => z.object({ body: required('staff.case.error.propose'), compensation: text }),
    mainField: 'body',
    run: (db, input, { body, compensation }) => proposeResolution(db, { ...input, body, compensation: compensation || null }),
  }),
  escalate: define({
    fields: () => z.object({ body: required('staff.case.error.escalate') }),
    mainField: 'body',
    run: (db, input, { body }) => escalate(db, { ...input, body }),
  }),
  deadlock: define({
    fields: () => z.object({ body: required('staff.case.error.deadlock') }),
    mainField: 'body',
    run: (db, input, { body }) => issueDeadlock(db, { ...input, body }),
  }),
  close: define({
    fields: ({ status }) =>
      z.object({
        reason: text.refine((reason): reason is CloseReason => (closeReasonsFor(status) as string[]).includes(reason), { error: 'staff.case.error.close' }),
        body: text,
      }),
    mainField: 'reason',
    run: (db, input, { reason, body }) => close(db, { ...input, reason: reason as CloseReason, body: body || null }),
  }),
  decideAppeal: define({
    // The outcome's message first: the order of the error summary is the order of the form.
    fields: () =>
      z.object({ outcome: text.pipe(z.enum(appealOutcomes, { error: 'staff.case.error.outcome' })), body: required('staff.case.error.decideAppeal') }),
    mainField: 'body',
    run: (db, input, { outcome, body }) => decideAppeal(db, { ...input, outcome, body }),
  }),
} satisfies Record<StaffAction, Definition<z.ZodObject>>;

export type StaffCaseOutcome = { ok: true; action: StaffAction } | { ok: false; status: 400 | 409; errors: FieldError[]; values: Record<string, string> };

/**
 * Reads, validates and runs the action a case page's form posted. Field errors are keyed
 * `${action}-${field}` (each form's fields have ids `f-${action}-${field}`, so that several
 * forms share a page) and answer 400; a refusal by the rules answers 409 against the action's
 * main field. What was typed is returned to refill the form.
 */
export async function runStaffCaseAction(
  db: Db,
  form: FormData,
  context: StaffActionContext & { input: ActionInput; t: Translate },
): Promise<StaffCaseOutcome> {
  const action = String(form.get('action') ?? '');
  // An unknown action is refused like one the status does not allow.
  if (!isStaffAction(action))
    return { ok: false, status: 409, errors: [{ key: `${action}-body`, message: context.t('status.refused.notAllowed') }], values: {} };
  const definition = staffCaseActions[action] as Definition<z.ZodObject>;
  const posted = readPosted(form, action, definition.fields(context), context.t);
  if (!posted.ok) return { ok: false, status: 400, errors: posted.errors, values: posted.values };
  const values = posted.values;
  const result = await definition.run(db, context.input, posted.data);
  if (result.ok) return { ok: true, action };
  return { ok: false, status: 409, errors: [{ key: `${action}-${definition.mainField}`, message: context.t(`status.refused.${result.reason}`) }], values };
}
