import type { Db } from '../../db/index.ts';
import { generateAccessCode, hashAccessCode } from '../access-code.ts';
import { satisfactionRating } from '../lifecycle.ts';
import { openLinkedCase, type LinkedCase } from './linked-case.ts';
import { caseUpdate, closureMails } from './mail.ts';
import { attachDraftFiles, refuse, requireActor, requireText, runCaseAction, type NewEvent } from './run.ts';
import type { ActionInput, ActionResult } from './types.ts';

/** Files uploaded with the reply or appeal form, to attach to the case. */
export interface DraftFiles {
  /** The form the files were uploaded with. */
  draftId?: string | null;
  attachmentIds?: readonly string[];
}

/**
 * The complainant answers a request for information (text and files): only while the case
 * awaits them. The case goes back under investigation; the clock runs again.
 */
export function complainantReply(db: Db, input: ActionInput & { body: string } & DraftFiles): Promise<ActionResult> {
  return runCaseAction(db, input, async ({ tx, row, state }) => {
    requireActor(input.actor, 'complainant');
    if (state.status !== 'awaiting_complainant') refuse(state.status === 'closed' ? 'closed' : 'notAwaitingReply');
    const body = requireText(input.body);
    const attachmentIds = await attachDraftFiles(tx, row.id, input.draftId, input.attachmentIds ?? []);
    return { events: [{ type: 'complainant_replied', body, data: { attachmentIds } }] };
  });
}

/**
 * The complainant accepts the proposed resolution while it stands (status
 * `resolution_proposed`, window not passed): the case is closed at once (reason `accepted`).
 */
export function acceptResolution(db: Db, input: ActionInput): Promise<ActionResult> {
  return runCaseAction(db, input, ({ row, state }) => {
    requireActor(input.actor, 'complainant');
    if (!state.can.accept) refuse(state.closedReason === 'windowPassed' ? 'windowClosed' : state.status === 'closed' ? 'closed' : 'notProposed');
    return {
      events: [{ type: 'resolution_accepted' }, { type: 'closed', actor: { type: 'system' }, data: { reason: 'accepted' } }],
      mail: () => closureMails(row, input.policy, input.publicBaseUrl, 'accepted'),
    };
  });
}

/**
 * The complainant appeals against the proposal, with a reason and new evidence: only while
 * the appeal window is open (`windowClosed` after it, `noAppeal` where the policy has none).
 */
export function appeal(db: Db, input: ActionInput & { body: string } & DraftFiles): Promise<ActionResult> {
  return runCaseAction(db, input, async ({ tx, row, state }) => {
    requireActor(input.actor, 'complainant');
    if (!state.appeal.open) {
      const why = state.appeal.reason;
      refuse(why === 'noPolicy' ? 'noAppeal' : why === 'windowClosed' ? 'windowClosed' : why === 'alreadyAppealed' ? 'alreadyAppealed' : 'notProposed');
    }
    const body = requireText(input.body);
    const attachmentIds = await attachDraftFiles(tx, row.id, input.draftId, input.attachmentIds ?? []);
    return {
      events: [{ type: 'appealed', body, data: { attachmentIds } }],
      mail: (after) => [
        caseUpdate(row, input.policy, input.publicBaseUrl, { update: 'appealReceived', body, decisionBy: after.appeal.decisionDue?.toISOString() }),
      ],
    };
  });
}

/** The complainant asks for the case to be re-opened (escalated to a manager), where the policy allows it, once. */
export function requestReopen(db: Db, input: ActionInput & { body: string }): Promise<ActionResult> {
  return runCaseAction(db, input, ({ state }) => {
    requireActor(input.actor, 'complainant');
    if (!input.policy.reopenPolicy?.allowed) refuse('reopenNotAllowed');
    if (!state.can.requestReopen) refuse('notAllowed');
    return { events: [{ type: 'reopen_requested', body: requireText(input.body) }] };
  });
}

/**
 * The complainant rates the handling of a closed case, once. A rating that
 * `opensDissatisfactionCase` (Opus: Yellow, Red) opens a linked complaint in the same
 * transaction, with its own reference and access code (returned, and mailed in its
 * acknowledgement).
 */
export async function rateSatisfaction(
  db: Db,
  input: ActionInput & { rating: string; comment?: string | null },
): Promise<ActionResult<{ linkedCase?: LinkedCase }>> {
  // The access code is hashed before the transaction (scrypt), so the case lock is held briefly.
  const opens = input.policy.satisfactionSurvey?.ratings.find((r) => r.key === input.rating)?.opensDissatisfactionCase;
  const accessCode = opens ? generateAccessCode() : null;
  const accessCodeHash = accessCode ? await hashAccessCode(accessCode) : null;
  return runCaseAction<{ linkedCase?: LinkedCase }>(db, input, async ({ tx, row, lifecycle }) => {
    requireActor(input.actor, 'complainant');
    const allowed = satisfactionRating(lifecycle, input.policy, { now: input.now, rating: input.rating });
    if (!allowed.ok) return refuse(allowed.reason);
    const events: NewEvent[] = [];
    let linkedCase: LinkedCase | undefined;
    if (allowed.opensDissatisfactionCase && accessCode && accessCodeHash) {
      linkedCase = await openLinkedCase(tx, row, input.policy, { now: input.now, publicBaseUrl: input.publicBaseUrl, accessCode, accessCodeHash });
    }
    events.push({
      type: 'satisfaction_rated',
      body: input.comment?.trim() || null,
      data: { rating: input.rating, ...(linkedCase ? { linkedCaseId: linkedCase.caseId } : {}) },
    });
    if (linkedCase) events.push({ type: 'linked_case_opened', actor: { type: 'system' }, data: { caseId: linkedCase.caseId, reason: 'dissatisfaction' } });
    return { events, extra: linkedCase ? { linkedCase } : {} };
  });
}
