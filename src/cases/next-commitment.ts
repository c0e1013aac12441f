import { plannedDeadlines } from './deadlines.ts';
import { appealDecisionDue } from './appeal-window.ts';
import type { StatusPeriod } from './case-status.ts';
import type { CasePolicy, LifecycleEvent, NextCommitment } from './lifecycle-types.ts';

/** Milliseconds spent awaiting the complainant up to `now`, the current wait included. */
export function timeAwaitingComplainant(history: readonly StatusPeriod[], now: Date): number {
  return history
    .filter((p) => p.status === 'awaiting_complainant')
    .reduce((sum, p) => sum + Math.max(0, Math.min((p.until ?? now).getTime(), now.getTime()) - p.since.getTime()), 0);
}

/**
 * What the organisation owes next and by when, per docs/case-lifecycle.md: `acknowledge` until
 * an `acknowledged` event; then `resolve` (`resolveCompensation` for a compensation claim where
 * the organisation has one) until a resolution is proposed; `appealDecision` while appealed.
 * Deadlines come from `plannedDeadlines` (from receipt, or from the acknowledgement deadline where
 * the commitment says `from: acknowledged`). Where the commitment pauses while awaiting the
 * complainant, the time spent waiting (the current wait included, so the deadline moves on while
 * the case waits) is added back as elapsed time. Nothing is due once a resolution has been
 * proposed, except a pending appeal decision. Overdue when `now` is past the due instant.
 */
export function nextCommitment(
  events: readonly LifecycleEvent[],
  history: readonly StatusPeriod[],
  policy: CasePolicy,
  options: { now: Date; compensationClaim?: boolean },
): NextCommitment | undefined {
  const { now } = options;
  const status = history.at(-1)?.status;
  const result = (event: string, due: Date | undefined) =>
    due ? { event, due, overdue: now.getTime() > due.getTime() } : undefined;
  if (status === 'appealed') {
    const appealed = events.findLast((e) => e.type === 'appealed');
    return appealed ? result('appealDecision', appealDecisionDue(appealed.createdAt, policy)) : undefined;
  }
  if (status === 'closed' || status === 'deadlock' || events.some((e) => e.type === 'resolution_proposed')) return undefined;
  const received = events.find((e) => e.type === 'received');
  if (!received) return undefined;
  const planned = plannedDeadlines(policy.commitments, policy.calendar, received.createdAt, {
    compensationClaim: options.compensationClaim,
  });
  const acknowledged = events.some((e) => e.type === 'acknowledged');
  const wanted = acknowledged ? ['resolveCompensation', 'resolve'] : ['acknowledge', 'resolveCompensation', 'resolve'];
  const deadline = wanted.map((event) => planned.find((d) => d.event === event)).find((d) => d !== undefined);
  if (!deadline) return undefined;
  const pauses = policy.commitments.some(
    (c) => c.event === deadline.event && (c.route ?? 'formal') === 'formal' && c.pausesWhileAwaitingComplainant,
  );
  const paused = pauses ? timeAwaitingComplainant(history, now) : 0;
  return result(deadline.event, new Date(deadline.due.getTime() + paused));
}
