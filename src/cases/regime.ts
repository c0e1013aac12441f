import { localParts } from '../calendar/index.ts';
import type { PolicyDuration } from './lifecycle-types.ts';

/**
 * What a statutory limit governs. `resolve` (the final response is due; `resolveCompensation`
 * for a compensation claim where the law sets another), `adrAfter` (the
 * complainant may go to ADR) and `retention` (how long records are kept) move the case clock;
 * the others are shown beside the organisation's own words and never change a date here.
 */
export type RegimeLimitKind =
  'resolve' | 'resolveCompensation' | 'adrAfter' | 'retention' | 'acknowledge' | 'summaryResolution' | 'adrApplyWithin' | 'adrOutcome';

/** One statutory limit and the local date (in the organisation's zone) from which it applies. */
export interface RegimeLimit {
  key?: string;
  kind: string;
  duration: PolicyDuration;
  /** YYYY-MM-DD: the limit applies to complaints received on or after this date. */
  effectiveFrom: string;
}

/** A regulatory regime (the `regime` content type) as the case rules read it. */
export interface RegimePolicy {
  id: string;
  /** Short name for the status page and mail ("Ofcom General Condition C4"). */
  name?: string;
  limits: readonly RegimeLimit[];
  /** The law lets the complainant go to ADR at once on a deadlock letter. */
  adrOnDeadlock?: boolean | null;
  /** The law lets the complainant go to ADR once the organisation has given its final response. */
  adrAfterFinalResponse?: boolean | null;
}

/**
 * The limit of `kind` in force for a complaint received at `at`: of the limits of that kind whose
 * `effectiveFrom` is on or before the local date of `at` in `timeZone`, the one that started last.
 * Undefined when the regime has none in force (a limit that starts later does not apply yet).
 */
export function limitInForce(regime: RegimePolicy | null | undefined, kind: RegimeLimitKind, at: Date, timeZone: string): RegimeLimit | undefined {
  if (!regime) return undefined;
  const date = localParts(at, timeZone).date;
  return regime.limits
    .filter((l) => l.kind === kind && l.effectiveFrom <= date && typeof l.duration?.amount === 'number')
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0))[0];
}

export { approximateDays, contradictions, type Contradiction, type PromiseToCheck } from './regime-check.ts';
