import { addDuration } from '../calendar/index.ts';
import { statusHistory, type StatusPeriod } from './case-status.ts';
import type { AdrState, CasePolicy, LifecycleEvent } from './lifecycle-types.ts';

const resolvedReasons = new Set(['resolved', 'accepted']);

/** Whether a period counts as resolved for ADR: a resolution accepted, or closed as resolved/accepted. */
function isResolved(period: StatusPeriod): boolean {
  return period.status === 'accepted' || (period.status === 'closed' && resolvedReasons.has(period.closedReason ?? ''));
}

/** The first instant from `from` on at which the case was not resolved, or undefined. */
function firstUnresolvedFrom(history: readonly StatusPeriod[], from: Date): Date | undefined {
  for (const period of history) {
    if (period.until && period.until.getTime() <= from.getTime()) continue;
    if (!isResolved(period)) return period.since.getTime() > from.getTime() ? period.since : from;
  }
  return undefined;
}

/**
 * ADR eligibility per the organisation's `adr` rules: `afterWeeks` weeks after receipt (local
 * wall time in the organisation's zone, so across a DST change) while the case is not resolved
 * (accepted, or closed as resolved/accepted; a case re-opened later becomes eligible when it
 * re-opens), or at once on the first `deadlock_issued` where the rule has `onDeadlock`. The
 * earliest rule met gives `since` and `reason`; `rules` lists the keys of every rule met (its
 * position when it has no key). `eligibleAt` says when the weeks will be up while not yet
 * eligible and not resolved.
 */
export function adrState(events: readonly LifecycleEvent[], policy: CasePolicy, now: Date, history = statusHistory(events)): AdrState {
  const noticeSent = events.some((e) => e.type === 'adr_notice');
  const received = events.find((e) => e.type === 'received');
  const deadlock = events.find((e) => e.type === 'deadlock_issued' && e.createdAt.getTime() <= now.getTime());
  const met: { key: string; since: Date; reason: 'weeks' | 'deadlock' }[] = [];
  let eligibleAt: Date | undefined;
  (policy.adr ?? []).forEach((rule, index) => {
    const key = rule.key ?? String(index);
    const candidates: { since: Date; reason: 'weeks' | 'deadlock' }[] = [];
    if (rule.onDeadlock && deadlock) candidates.push({ since: deadlock.createdAt, reason: 'deadlock' });
    if (received && typeof rule.afterWeeks === 'number') {
      const at = addDuration(received.createdAt, rule.afterWeeks, 'weeks', policy.calendar);
      const since = firstUnresolvedFrom(history, at);
      if (since && since.getTime() <= now.getTime()) candidates.push({ since, reason: 'weeks' });
      else if (at.getTime() > now.getTime() && !isResolved(history.at(-1)!) && (!eligibleAt || at < eligibleAt)) eligibleAt = at;
    }
    candidates.sort((a, b) => a.since.getTime() - b.since.getTime());
    if (candidates[0]) met.push({ key, ...candidates[0] });
  });
  met.sort((a, b) => a.since.getTime() - b.since.getTime());
  const first = met[0];
  if (!first) return { eligible: false, rules: [], noticeSent, ...(eligibleAt ? { eligibleAt } : {}) };
  return { eligible: true, since: first.since, reason: first.reason, rules: met.map((m) => m.key), noticeSent };
}

/**
 * Whether the scheduler should write the case's one `adr_notice` now (and queue the "ADR
 * letter"): eligible and not yet sent. The unique index on (case, type) keeps it to one even
 * when two schedulers race.
 */
export function dueAdrNotices(
  events: readonly LifecycleEvent[],
  policy: CasePolicy,
  now: Date,
): { due: true; reason: 'weeks' | 'deadlock' } | { due: false } {
  const adr = adrState(events, policy, now);
  return adr.eligible && !adr.noticeSent && adr.reason ? { due: true, reason: adr.reason } : { due: false };
}
