import { addDuration, type OrgCalendar } from '../calendar/index.ts';
import type { CaseState } from './lifecycle-types.ts';

/** The two instants the case scheduler finds cases by (cases.appeal_closes_at, cases.adr_eligible_at). */
export interface ScheduleColumns {
  appealClosesAt: Date | null;
  adrEligibleAt: Date | null;
}

/**
 * The scheduler's columns from a case's state, written with the other projections after
 * every action: when a standing proposal's appeal window closes, and when the case is (or
 * will be) due its ADR letter while it has none. Compliments never get one.
 */
export function scheduleColumns(state: CaseState, kind: string): ScheduleColumns {
  const adr = state.adr;
  return {
    appealClosesAt: state.status === 'resolution_proposed' ? (state.appeal.closesAt ?? null) : null,
    adrEligibleAt: kind !== 'complaint' || adr.noticeSent ? null : adr.eligible ? (adr.since ?? null) : (adr.eligibleAt ?? null),
  };
}

/**
 * When a complaint received at `receivedAt` first becomes due its ADR letter by the weeks of
 * the organisation's rules, or null when no rule counts weeks. `rules` undefined (the caller
 * does not know them) gives `receivedAt`: early is safe, the scheduler checks the real rules
 * and moves the instant on.
 */
export function firstAdrCheck(
  receivedAt: Date,
  rules: readonly { afterWeeks?: number | null; onDeadlock?: boolean | null }[] | undefined,
  calendar: OrgCalendar,
): Date | null {
  if (!rules) return receivedAt;
  const weeks = rules.map((rule) => rule.afterWeeks).filter((w): w is number => typeof w === 'number' && w > 0);
  if (weeks.length === 0) return null;
  return addDuration(receivedAt, Math.min(...weeks), 'weeks', calendar);
}
