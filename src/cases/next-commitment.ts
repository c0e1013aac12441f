import { appealDecisionDue } from './appeal-window.ts';
import { nextTask, promiseFor, type Promised } from './commitments.ts';
import type { StatusPeriod } from './case-status.ts';
import type { CasePolicy, LifecycleEvent, NextCommitment } from './lifecycle-types.ts';

export { timeAwaitingComplainant } from './commitments.ts';

/**
 * What the organisation owes next and by when, per docs/case-lifecycle.md: `appealDecision`
 * while appealed; nothing once a resolution has been proposed, in deadlock or closed; else the
 * earliest task not yet done (acknowledge, first contact, the answer) from the dates promised at
 * submission (`promised`, stored on the case; recomputed from the current content only for a
 * case that has none), moved on while awaiting the complainant where the commitment pauses and
 * never past the law's limit (src/cases/commitments.ts). Overdue when `now` is past the due instant.
 */
export function nextCommitment(
  events: readonly LifecycleEvent[],
  history: readonly StatusPeriod[],
  policy: CasePolicy,
  options: { now: Date; compensationClaim?: boolean; promised?: Promised },
): NextCommitment | undefined {
  const { now } = options;
  const status = history.at(-1)?.status;
  if (status === 'appealed') {
    const appealed = events.findLast((e) => e.type === 'appealed');
    const due = appealed ? appealDecisionDue(appealed.createdAt, policy) : undefined;
    return due ? { event: 'appealDecision', due, overdue: now.getTime() > due.getTime() } : undefined;
  }
  if (status === 'closed' || status === 'deadlock' || events.some((e) => e.type === 'resolution_proposed')) return undefined;
  const promised = promiseFor(policy, events, options);
  return promised ? nextTask(events, history, promised, now) : undefined;
}
