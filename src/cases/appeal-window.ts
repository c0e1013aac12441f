import { durationEnd } from './deadlines.ts';
import type { AppealState, CasePolicy, CaseStatus, LifecycleEvent } from './lifecycle-types.ts';

const latest = (events: readonly LifecycleEvent[], type: string) => events.findLast((e) => e.type === type);

/**
 * When the appeal window of a proposal closes: `appealPolicy.window` from the proposal in the
 * organisation's calendar (10 business days: the end of the 10th business day after it). The window is
 * open strictly before this instant. Undefined when the policy sets no window.
 */
export function appealClosesAt(proposedAt: Date, policy: CasePolicy): Date | undefined {
  return durationEnd(proposedAt, policy.appealPolicy?.window, policy.calendar) ?? undefined;
}

/** When the decision on an appeal is due: `appealPolicy.decision`, or the `appealDecision` commitment, from the appeal. */
export function appealDecisionDue(appealedAt: Date, policy: CasePolicy): Date | undefined {
  const commitment = policy.commitments.find((c) => c.event === 'appealDecision');
  const duration = policy.appealPolicy?.decision ?? commitment?.duration;
  return durationEnd(appealedAt, duration, policy.calendar) ?? undefined;
}

/**
 * The appeal as the status page shows it. `status` is the folded status as written. Open while
 * the policy is enabled, the case's status is `resolution_proposed` and `now` is before the end
 * of the window counted from the latest proposal; otherwise `reason` says why not, in this
 * order: no policy, already appealed (since the latest proposal), nothing proposed, window
 * closed.
 */
export function appealState(events: readonly LifecycleEvent[], status: CaseStatus, policy: CasePolicy, now: Date): AppealState {
  const allowed = Boolean(policy.appealPolicy?.enabled);
  const proposalIndex = events.findLastIndex((e) => e.type === 'resolution_proposed');
  const proposal = proposalIndex >= 0 ? events[proposalIndex] : undefined;
  const appealed = events.slice(proposalIndex + 1).find((e) => e.type === 'appealed' && proposalIndex >= 0);
  const decided = latest(events, 'appeal_decided');
  const closesAt = allowed && proposal ? appealClosesAt(proposal.createdAt, policy) : undefined;
  const decisionDue = allowed && appealed ? appealDecisionDue(appealed.createdAt, policy) : undefined;
  const decision =
    decided && appealed && decided.createdAt >= appealed.createdAt
      ? {
          outcome: typeof decided.data?.outcome === 'string' ? decided.data.outcome : 'notUpheld',
          final: typeof decided.data?.final === 'boolean' ? decided.data.final : Boolean(policy.appealPolicy?.final),
          at: decided.createdAt,
          ...(decided.body ? { body: decided.body } : {}),
        }
      : undefined;
  const extra = { ...(closesAt ? { closesAt } : {}), ...(decisionDue ? { decisionDue } : {}), ...(decision ? { decision } : {}) };
  if (!allowed) return { allowed, open: false, reason: 'noPolicy' };
  if (appealed) return { allowed, open: false, reason: 'alreadyAppealed', ...extra };
  if (!proposal || status !== 'resolution_proposed') return { allowed, open: false, reason: 'notProposed', ...extra };
  if (closesAt && now.getTime() >= closesAt.getTime()) return { allowed, open: false, reason: 'windowClosed', ...extra };
  return { allowed, open: true, ...extra };
}
