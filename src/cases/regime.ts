import { localParts } from '../calendar/index.ts';
import type { PolicyDuration } from './lifecycle-types.ts';

/**
 * What a statutory limit governs. `resolve` (the final response is due), `adrAfter` (the
 * complainant may go to ADR) and `retention` (how long records are kept) move the case clock;
 * the others are shown beside the organisation's own words and never change a date here.
 */
export type RegimeLimitKind = 'resolve' | 'adrAfter' | 'retention' | 'acknowledge' | 'summaryResolution' | 'adrApplyWithin' | 'adrOutcome';

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

// Rough lengths in days, only to compare a promise with the law for an editor's warning;
// deadlines themselves are always computed in the organisation's calendar.
const approxDays: Record<string, number> = {
  hours: 1 / 24,
  workingHours: 1 / 8,
  businessDays: 7 / 5,
  calendarDays: 1,
  weeks: 7,
  months: 30.44,
};

/** A duration's approximate length in days (upper end of a range), or undefined for an unknown unit. */
export function approximateDays(duration: PolicyDuration | null | undefined): number | undefined {
  const amount = duration?.amountMax ?? duration?.amount;
  const perUnit = approxDays[duration?.unit ?? ''];
  return typeof amount === 'number' && perUnit !== undefined ? amount * perUnit : undefined;
}

/** What an organisation promises, as far as a regime can contradict it. */
export interface PromiseToCheck {
  commitments: readonly { event?: string | null; route?: string | null; duration?: PolicyDuration | null }[];
  adr: readonly { after?: PolicyDuration | null; onDeadlock?: boolean | null; afterFinalResponse?: boolean | null }[];
}

export interface Contradiction {
  /** `resolve` | `resolveCompensation` | `adr` | `adrOnDeadlock` | `adrAfterFinalResponse` */
  about: string;
  message: string;
}

/**
 * Where an organisation's published code promises less than its regime requires on `date`
 * (YYYY-MM-DD): an answer later than the statutory limit, an ADR period longer than the law's,
 * or no ADR route at deadlock or after the final response where the law gives one. The site
 * still applies the stricter of the two; this is for the Studio's warning and the dataset check.
 */
export function contradictions(promise: PromiseToCheck, regime: RegimePolicy, date: string): Contradiction[] {
  const inForce = (kind: RegimeLimitKind) =>
    regime.limits.filter((l) => l.kind === kind && l.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  const found: Contradiction[] = [];
  const name = regime.name ?? 'the regime';
  const resolve = inForce('resolve');
  const lawDays = approximateDays(resolve?.duration);
  if (resolve && lawDays !== undefined) {
    for (const c of promise.commitments) {
      if ((c.event !== 'resolve' && c.event !== 'resolveCompensation') || (c.route ?? 'formal') !== 'formal') continue;
      const days = approximateDays(c.duration);
      if (days !== undefined && days > lawDays + 1e-9) {
        found.push({ about: c.event, message: `The ${c.event} commitment is longer than ${name} allows (${resolve.duration.amount} ${resolve.duration.unit} from ${resolve.effectiveFrom}); complainants are given the statutory date.` });
      }
    }
  }
  const adrAfter = inForce('adrAfter');
  const adrDays = approximateDays(adrAfter?.duration);
  if (adrAfter && adrDays !== undefined) {
    for (const rule of promise.adr) {
      const days = approximateDays(rule.after);
      if (days !== undefined && days > adrDays + 1e-9) {
        found.push({ about: 'adr', message: `The ADR waiting period is longer than ${name} allows (${adrAfter.duration.amount} ${adrAfter.duration.unit} from ${adrAfter.effectiveFrom}); complainants are told the statutory date.` });
      }
    }
  }
  if (regime.adrOnDeadlock && promise.adr.length > 0 && !promise.adr.some((r) => r.onDeadlock)) {
    found.push({ about: 'adrOnDeadlock', message: `${name} lets complainants go to ADR on a deadlock letter, but no ADR rule says so.` });
  }
  if (regime.adrAfterFinalResponse && promise.adr.length > 0 && !promise.adr.some((r) => r.afterFinalResponse || r.onDeadlock)) {
    found.push({ about: 'adrAfterFinalResponse', message: `${name} lets complainants go to ADR after the final response, but no ADR rule says so.` });
  }
  return found;
}
