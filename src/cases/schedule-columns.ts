import type { Promised } from './commitments.ts';
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
 * When a complaint first becomes due its ADR letter by the waiting periods it was promised at
 * submission (the earliest of its rules', the law's where shorter), or null when no rule counts
 * a period (deadlock and final-response rules are met by an action, which writes the column).
 */
export function firstAdrCheck(promised: Pick<Promised, 'adr'>): Date | null {
  const from = promised.adr.map((a) => a.from.getTime());
  return from.length ? new Date(Math.min(...from)) : null;
}
