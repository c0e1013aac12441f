// The case lifecycle of docs/case-lifecycle.md as pure functions of a case's events, the
// organisation's policy, its calendar and an injected clock. No I/O: callers load the events
// and the organisation, and write what these functions decide.
import { adrState } from './adr-eligibility.ts';
import { appealState } from './appeal-window.ts';
import { statusHistory } from './case-status.ts';
import { nextCommitment } from './next-commitment.ts';
import type { Promised } from './commitments.ts';
import type { CasePolicy, CaseState, CaseStatus, LifecycleEvent } from './lifecycle-types.ts';

export type {
  AdrReason,
  AdrRule,
  AdrState,
  AppealClosedReason,
  AppealState,
  CasePolicy,
  CaseState,
  CaseStatus,
  LifecycleCommitment,
  LifecycleEvent,
  NextCommitment,
  PolicyDuration,
} from './lifecycle-types.ts';
export { caseStatus, statusHistory, type StatusPeriod } from './case-status.ts';
export { appealClosesAt, appealDecisionDue, appealState } from './appeal-window.ts';
export { nextCommitment, timeAwaitingComplainant } from './next-commitment.ts';
export { adrState, dueAdrNotices } from './adr-eligibility.ts';
export { timeLeft } from './time-left.ts';
export { furthestStageIndex, stageIndex } from './stage-index.ts';
export type { Promised } from './commitments.ts';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** Every member of staff who acted on the case or was assigned to it (an assignee is involved even before acting). */
function involvedStaff(events: readonly LifecycleEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.actorType === 'staff' && e.actorId) ids.add(e.actorId);
    const assignee = e.type === 'assigned' ? text(e.data?.assigneeId) : undefined;
    if (assignee) ids.add(assignee);
  }
  return [...ids];
}

/**
 * Everything the status page and the core API need to know about a case at `now`: the status
 * (a proposal whose appeal window has passed reads `closed`, reason `windowPassed`, from the
 * instant the window closed), the next commitment, the appeal, ADR eligibility, and what the
 * complainant can do. `compensationClaim` selects `resolveCompensation` where the organisation
 * has one. `promised` is what the complainant was promised at submission (stored on the case):
 * deadlines and ADR dates come from it, not from content edited since. Events are in the order written.
 */
export function caseState(
  events: readonly LifecycleEvent[],
  policy: CasePolicy,
  options: { now: Date; compensationClaim?: boolean; promised?: Promised },
): CaseState {
  const { now } = options;
  const history = statusHistory(events);
  const current = history.at(-1);
  if (!current) throw new Error('A case starts with a received event; none found');
  const appeal = appealState(events, current.status, policy, now);
  const windowPassed = current.status === 'resolution_proposed' && appeal.reason === 'windowClosed';
  const status: CaseStatus = windowPassed ? 'closed' : current.status;
  const closedReason = windowPassed ? 'windowPassed' : current.closedReason;
  const statusSince = windowPassed && appeal.closesAt ? appeal.closesAt : current.since;

  const proposalEvent = events.findLast((e) => e.type === 'resolution_proposed');
  const assignedEvent = events.findLast((e) => e.type === 'assigned');
  const assigneeName = text(assignedEvent?.data?.assigneeName) ?? assignedEvent?.actorName ?? undefined;
  const assigneeId = text(assignedEvent?.data?.assigneeId);
  const request = events.findLast((e) => e.type === 'information_requested');
  const ratedEvent = events.find((e) => e.type === 'satisfaction_rated');
  const ratingKey = text(ratedEvent?.data?.rating);
  const survey = policy.satisfactionSurvey?.enabled ? policy.satisfactionSurvey : null;
  const next = nextCommitment(events, history, policy, options);

  return {
    status,
    statusSince,
    ...(closedReason ? { closedReason } : {}),
    ...(assigneeName ? { assignee: { ...(assigneeId ? { id: assigneeId } : {}), name: assigneeName } } : {}),
    involvedStaffIds: involvedStaff(events),
    ...(next ? { next } : {}),
    appeal,
    ...(proposalEvent
      ? {
          proposal: {
            at: proposalEvent.createdAt,
            body: proposalEvent.body ?? null,
            ...(text(proposalEvent.data?.compensation) ? { compensation: text(proposalEvent.data?.compensation) } : {}),
          },
        }
      : {}),
    adr: adrState(events, policy, now, history, options),
    ...(status === 'awaiting_complainant' ? { awaitingComplainant: { since: current.since, request: request?.body ?? null } } : {}),
    can: {
      reply: ['received', 'acknowledged', 'investigating', 'awaiting_complainant', 'escalated'].includes(status),
      accept: status === 'resolution_proposed',
      appeal: appeal.open,
      rate: status === 'closed' && Boolean(survey) && !ratedEvent,
      requestReopen:
        Boolean(policy.reopenPolicy?.allowed) &&
        (status === 'closed' || status === 'resolution_proposed') &&
        !events.some((e) => e.type === 'reopen_requested'),
    },
    ...(ratedEvent && ratingKey
      ? {
          rating: {
            key: ratingKey,
            at: ratedEvent.createdAt,
            opensDissatisfactionCase: Boolean(survey?.ratings.find((r) => r.key === ratingKey)?.opensDissatisfactionCase),
          },
        }
      : {}),
  };
}

/**
 * Whether a member of staff may decide the appeal now. The case must be appealed; the reviewer
 * must be a manager; and where the policy asks for a reviewer not previously involved, or
 * names no reviewer rule, one who has not acted on the case nor been assigned to it. A policy of
 * `anyManager` lets any manager decide.
 */
export function appealDecision(
  events: readonly LifecycleEvent[],
  policy: CasePolicy,
  options: { now: Date; reviewer: { id: string; role: string } },
): { ok: true } | { ok: false; reason: 'notManager' | 'involvedBefore' | 'notAppealed' } {
  const status = caseState(events, policy, { now: options.now }).status;
  if (status !== 'appealed') return { ok: false, reason: 'notAppealed' };
  if (options.reviewer.role !== 'manager') return { ok: false, reason: 'notManager' };
  const independent = (policy.appealPolicy?.reviewer ?? 'notPreviouslyInvolvedManager') !== 'anyManager';
  if (independent && involvedStaff(events).includes(options.reviewer.id)) return { ok: false, reason: 'involvedBefore' };
  return { ok: true };
}

/**
 * Whether the complainant may give this rating now: once per case, after closure, where the
 * organisation runs a survey, with one of its rating keys. A rating that opens a dissatisfaction
 * case (Opus: yellow, red) says so, for the caller to open the linked case.
 */
export function satisfactionRating(
  events: readonly LifecycleEvent[],
  policy: CasePolicy,
  options: { now: Date; rating: string },
): { ok: true; opensDissatisfactionCase: boolean } | { ok: false; reason: 'noSurvey' | 'notClosed' | 'alreadyRated' | 'unknownRating' } {
  const survey = policy.satisfactionSurvey;
  if (!survey?.enabled) return { ok: false, reason: 'noSurvey' };
  const state = caseState(events, policy, { now: options.now });
  if (state.rating || events.some((e) => e.type === 'satisfaction_rated')) return { ok: false, reason: 'alreadyRated' };
  if (state.status !== 'closed') return { ok: false, reason: 'notClosed' };
  const rating = survey.ratings.find((r) => r.key === options.rating);
  if (!rating) return { ok: false, reason: 'unknownRating' };
  return { ok: true, opensDissatisfactionCase: rating.opensDissatisfactionCase };
}
