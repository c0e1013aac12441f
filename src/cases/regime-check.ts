// Where an organisation's code contradicts its regime: pure, with no imports, so that the
// Studio's validation (studio/schemaTypes/organisation.ts) and the dataset check
// (src/content/validate-dataset.ts) use the very same rule as the site.

/** A content duration. */
export interface DurationLike {
  amount?: number | null;
  amountMax?: number | null;
  unit?: string | null;
}

/** The parts of a regime the check reads. */
export interface RegimeToCheck {
  name?: string;
  limits: readonly { kind: string; duration: DurationLike; effectiveFrom: string }[];
  adrOnDeadlock?: boolean | null;
  adrAfterFinalResponse?: boolean | null;
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
export function approximateDays(duration: DurationLike | null | undefined): number | undefined {
  const amount = duration?.amountMax ?? duration?.amount;
  const perUnit = approxDays[duration?.unit ?? ''];
  return typeof amount === 'number' && perUnit !== undefined ? amount * perUnit : undefined;
}

/** What an organisation promises, as far as a regime can contradict it. */
export interface PromiseToCheck {
  commitments: readonly { event?: string | null; route?: string | null; duration?: DurationLike | null }[];
  adr: readonly { after?: DurationLike | null; onDeadlock?: boolean | null; afterFinalResponse?: boolean | null }[];
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
export function contradictions(promise: PromiseToCheck, regime: RegimeToCheck, date: string): Contradiction[] {
  const inForce = (kind: string) =>
    regime.limits.filter((l) => l.kind === kind && l.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  const found: Contradiction[] = [];
  const name = regime.name ?? 'the regime';
  for (const c of promise.commitments) {
    if ((c.event !== 'resolve' && c.event !== 'resolveCompensation') || (c.route ?? 'formal') !== 'formal') continue;
    const resolve = (c.event === 'resolveCompensation' ? inForce('resolveCompensation') : undefined) ?? inForce('resolve');
    const lawDays = approximateDays(resolve?.duration);
    if (resolve && lawDays !== undefined) {
      const days = approximateDays(c.duration);
      if (days !== undefined && days > lawDays + 1e-9) {
        found.push({
          about: c.event,
          message: `The ${c.event} commitment is longer than ${name} allows (${resolve.duration.amount} ${resolve.duration.unit} from ${resolve.effectiveFrom}); complainants are given the statutory date.`,
        });
      }
    }
  }
  const adrAfter = inForce('adrAfter');
  const adrDays = approximateDays(adrAfter?.duration);
  if (adrAfter && adrDays !== undefined) {
    for (const rule of promise.adr) {
      const days = approximateDays(rule.after);
      if (days !== undefined && days > adrDays + 1e-9) {
        found.push({
          about: 'adr',
          message: `The ADR waiting period is longer than ${name} allows (${adrAfter.duration.amount} ${adrAfter.duration.unit} from ${adrAfter.effectiveFrom}); complainants are told the statutory date.`,
        });
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
