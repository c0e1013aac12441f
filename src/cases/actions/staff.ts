import type { Db } from '../../db/index.ts';
import { pausesWhileAwaiting } from '../commitments.ts';
import { appealDecision } from '../lifecycle.ts';
import { answerBy, caseUpdate, closureMails, mailBase } from './mail.ts';
import { refuse, requireText, runStaffAction, type NewEvent } from './run.ts';
import type { ActionInput, ActionResult } from './types.ts';

// Each action runs through runStaffAction, which refuses it where the case's status does not
// allow it (src/cases/staff-actions.ts says which, once, for this runner and the case page).

/** Acknowledges a received complaint, with an optional message. Only from `received`. */
export function acknowledge(db: Db, input: ActionInput & { body?: string | null }): Promise<ActionResult> {
  return runStaffAction(db, input, 'acknowledge', ({ row }) => {
    return {
      events: [{ type: 'acknowledged', body: input.body?.trim() || null }],
      mail: (after) => [caseUpdate(row, input.policy, input.publicBaseUrl, { update: 'acknowledged', body: input.body?.trim(), answerBy: answerBy(after) })],
    };
  });
}

/** Gives the case to a handler (the actor, or a colleague); the complainant is told the handler's name. */
export function assign(db: Db, input: ActionInput & { assigneeId: string; assigneeName: string }): Promise<ActionResult> {
  return runStaffAction(db, input, 'assign', ({ row }) => {
    const assigneeName = requireText(input.assigneeName);
    return {
      events: [{ type: 'assigned', data: { assigneeId: requireText(input.assigneeId), assigneeName } }],
      mail: (after) => [caseUpdate(row, input.policy, input.publicBaseUrl, { update: 'assigned', assigneeName, answerBy: answerBy(after) })],
    };
  });
}

/** An internal note: staff only, no mail, allowed whatever the status. */
export function addNote(db: Db, input: ActionInput & { body: string }): Promise<ActionResult> {
  return runStaffAction(db, input, 'note', () => {
    return { events: [{ type: 'note', body: requireText(input.body) }] };
  });
}

/** A message to the complainant. */
export function sendMessage(db: Db, input: ActionInput & { body: string }): Promise<ActionResult> {
  return runStaffAction(db, input, 'message', ({ row }) => {
    const body = requireText(input.body);
    return { events: [{ type: 'message', body }], mail: () => [caseUpdate(row, input.policy, input.publicBaseUrl, { update: 'message', body })] };
  });
}

/**
 * Asks the complainant for information: the case awaits their reply, and the clock pauses
 * where the organisation's commitment says so.
 */
export function requestInformation(db: Db, input: ActionInput & { body: string }): Promise<ActionResult> {
  return runStaffAction(db, input, 'requestInformation', ({ row }) => {
    const body = requireText(input.body);
    return {
      events: [{ type: 'information_requested', body }],
      mail: (after) => {
        const event = after.next?.event;
        const clockPaused = pausesWhileAwaiting(input.policy.commitments, event);
        const payload: Record<string, unknown> = { ...mailBase(row, input.policy, input.publicBaseUrl), body, clockPaused };
        const due = answerBy(after);
        if (due && !clockPaused) payload.answerBy = due;
        return [{ template: 'informationRequested', payload }];
      },
    };
  });
}

/** Proposes a resolution (and compensation); the appeal window, where there is one, starts now. */
export function proposeResolution(db: Db, input: ActionInput & { body: string; compensation?: string | null }): Promise<ActionResult> {
  return runStaffAction(db, input, 'propose', ({ row }) => {
    const body = requireText(input.body);
    const compensation = input.compensation?.trim() || undefined;
    return {
      events: [{ type: 'resolution_proposed', body, data: compensation ? { compensation } : {} }],
      mail: (after) => [
        caseUpdate(row, input.policy, input.publicBaseUrl, {
          update: 'resolutionProposed',
          body,
          compensation,
          appealBy: after.appeal.open && after.appeal.closesAt ? after.appeal.closesAt.toISOString() : undefined,
        }),
      ],
    };
  });
}

/**
 * Decides an appeal: only a manager who may (appealDecision: not involved before where the
 * policy asks for independence). `final` comes from the policy; a final decision also
 * closes the case (reason `appealDecided`).
 */
export function decideAppeal(db: Db, input: ActionInput & { outcome: 'upheld' | 'partlyUpheld' | 'notUpheld'; body: string }): Promise<ActionResult> {
  return runStaffAction(db, input, 'decideAppeal', ({ row, lifecycle }) => {
    const allowed = appealDecision(lifecycle, input.policy, { now: input.now, reviewer: { id: input.actor.id!, role: input.actor.role ?? 'handler' } });
    if (!allowed.ok) refuse(allowed.reason);
    const body = requireText(input.body);
    const final = Boolean(input.policy.appealPolicy?.final);
    const events: NewEvent[] = [{ type: 'appeal_decided', body, data: { outcome: input.outcome, final } }];
    if (final) events.push({ type: 'closed', actor: { type: 'system' }, data: { reason: 'appealDecided' } });
    return {
      events,
      mail: () => [
        caseUpdate(row, input.policy, input.publicBaseUrl, { update: 'appealDecided', outcome: input.outcome, final, body }),
        ...(final ? closureMails(row, input.policy, input.publicBaseUrl, 'appealDecided', null, { withUpdate: false }) : []),
      ],
    };
  });
}

/** Passes the case (open or closed: a re-opening) to a manager, with why. */
export function escalate(db: Db, input: ActionInput & { body: string }): Promise<ActionResult> {
  return runStaffAction(db, input, 'escalate', ({ row }) => {
    const body = requireText(input.body);
    return {
      events: [{ type: 'escalated', body, data: { toRole: 'manager' } }],
      mail: (after) => [caseUpdate(row, input.policy, input.publicBaseUrl, { update: 'escalated', body, answerBy: answerBy(after) })],
    };
  });
}

/**
 * The deadlock letter: the organisation's final response on a case it cannot resolve. Where
 * an ADR rule applies at deadlock, the scheduler sends the ADR letter next.
 */
export function issueDeadlock(db: Db, input: ActionInput & { body: string }): Promise<ActionResult> {
  return runStaffAction(db, input, 'deadlock', ({ row, state }) => {
    const body = requireText(input.body);
    const onDeadlock =
      Boolean(input.policy.regime?.adrOnDeadlock || input.policy.regime?.adrAfterFinalResponse) ||
      Boolean(input.policy.adr?.some((rule) => rule.onDeadlock || rule.afterFinalResponse));
    const adrFollows = onDeadlock && Boolean(input.policy.adrBodies?.length) && !state.adr.noticeSent;
    return {
      events: [{ type: 'deadlock_issued', body }],
      mail: () => [caseUpdate(row, input.policy, input.publicBaseUrl, { update: 'deadlock', body, adrFollows })],
    };
  });
}

/** Closes the case (default reason `resolved`), with an optional message; the survey follows where there is one. */
export function close(
  db: Db,
  input: ActionInput & { reason?: 'resolved' | 'accepted' | 'appealDecided' | 'withdrawn'; body?: string | null },
): Promise<ActionResult> {
  return runStaffAction(db, input, 'close', ({ row }) => {
    const reason = input.reason ?? 'resolved';
    const body = input.body?.trim() || null;
    return { events: [{ type: 'closed', body, data: { reason } }], mail: () => closureMails(row, input.policy, input.publicBaseUrl, reason, body) };
  });
}
