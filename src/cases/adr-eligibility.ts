import { statusHistory, type StatusPeriod } from './case-status.ts';
import { promiseFor, type Promised } from './commitments.ts';
import type { AdrReason, AdrState, CasePolicy, LifecycleEvent } from './lifecycle-types.ts';

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
 * ADR eligibility per the organisation's `adr` rules and its regime:
 *
 * - `period`: the rule's waiting period after receipt is up (calendar days, business days, weeks
 *   or months in the organisation's calendar, as promised at submission; the regime's `adrAfter`
 *   where that ends earlier) while the case is not resolved (accepted, or closed as
 *   resolved/accepted; a case re-opened later becomes eligible when it re-opens);
 * - `deadlock`: at once on the first `deadlock_issued` where the rule (or the regime) says so;
 * - `finalResponse`: once the organisation has given its final response (the first proposed
 *   resolution, or a deadlock letter) where the rule (or the regime) says so, while not resolved.
 *
 * The earliest rule met gives `since` and `reason`; `rules` lists the keys of every rule met (its
 * position when it has no key). `eligibleAt` says when the period will be up while not yet
 * eligible and not resolved, and `eligibleAtByLaw` whether that date is the law's.
 */
export function adrState(
  events: readonly LifecycleEvent[],
  policy: CasePolicy,
  now: Date,
  history = statusHistory(events),
  options: { promised?: Promised; compensationClaim?: boolean } = {},
): AdrState {
  const noticeSent = events.some((e) => e.type === 'adr_notice');
  const upToNow = (e: LifecycleEvent) => e.createdAt.getTime() <= now.getTime();
  const deadlock = events.find((e) => e.type === 'deadlock_issued' && upToNow(e));
  const finalResponse = events.find((e) => (e.type === 'resolution_proposed' || e.type === 'deadlock_issued') && upToNow(e));
  const rules = policy.adr ?? [];
  const promised = rules.length ? promiseFor(policy, events, options) : undefined;
  const resolvedNow = history.length > 0 && isResolved(history.at(-1)!);
  let fromContent: Promised | undefined | null = null;
  const current = () => {
    if (fromContent === null) fromContent = options.promised ? promiseFor(policy, events, { compensationClaim: options.compensationClaim }) : promised;
    return fromContent;
  };
  const met: { key: string; since: Date; reason: AdrReason }[] = [];
  let eligibleAt: { at: Date; byLaw: boolean } | undefined;
  rules.forEach((rule, index) => {
    const key = rule.key ?? String(index);
    const candidates: { since: Date; reason: AdrReason }[] = [];
    if ((rule.onDeadlock || policy.regime?.adrOnDeadlock) && deadlock) candidates.push({ since: deadlock.createdAt, reason: 'deadlock' });
    // The final response opens the way only while the complainant has not accepted it (or the
    // case been closed as resolved): an accepted answer ends the dispute.
    if ((rule.afterFinalResponse || policy.regime?.adrAfterFinalResponse) && finalResponse && !resolvedNow) {
      const since = firstUnresolvedFrom(history, finalResponse.createdAt);
      if (since && since.getTime() <= now.getTime()) candidates.push({ since, reason: 'finalResponse' });
    }
    // The date promised at submission; a rule the promise does not know (added to the content
    // since, or a case submitted without its ADR rules) counts from the current content.
    const period = promised?.adr.find((a) => a.rule === key) ?? current()?.adr.find((a) => a.rule === key);
    if (period) {
      const since = firstUnresolvedFrom(history, period.from);
      if (since && since.getTime() <= now.getTime()) candidates.push({ since, reason: 'period' });
      else if (period.from.getTime() > now.getTime() && !resolvedNow && (!eligibleAt || period.from < eligibleAt.at)) {
        eligibleAt = { at: period.from, byLaw: period.byLaw };
      }
    }
    candidates.sort((a, b) => a.since.getTime() - b.since.getTime());
    if (candidates[0]) met.push({ key, ...candidates[0] });
  });
  met.sort((a, b) => a.since.getTime() - b.since.getTime());
  const first = met[0];
  if (!first) {
    return {
      eligible: false,
      rules: [],
      noticeSent,
      ...(eligibleAt ? { eligibleAt: eligibleAt.at, ...(eligibleAt.byLaw ? { eligibleAtByLaw: true } : {}) } : {}),
    };
  }
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
  options: { promised?: Promised } = {},
): { due: true; reason: AdrReason } | { due: false } {
  const adr = adrState(events, policy, now, undefined, options);
  return adr.eligible && !adr.noticeSent && adr.reason ? { due: true, reason: adr.reason } : { due: false };
}
