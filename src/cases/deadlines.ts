import { addDuration, type DurationUnit, type OrgCalendar } from '../calendar/index.ts';

/** A response-time commitment as the organisation publishes it (content). */
export interface Commitment {
  event?: string | null;
  route?: string | null;
  from?: string | null;
  duration?: { amount?: number | null; amountMax?: number | null; unit?: string | null } | null;
}

export interface PlannedDeadline {
  event: string;
  due: Date;
}

const units = new Set<DurationUnit>(['hours', 'workingHours', 'businessDays', 'calendarDays', 'weeks', 'months']);

/**
 * When each commitment of a formal complaint falls due, counted from its receipt in the
 * organisation's calendar. A range ("10-15 business days") is due at its upper end.
 * Commitments counted from the acknowledgement start at the acknowledgement deadline (the
 * latest it may happen). A compensation claim replaces `resolve` by `resolveCompensation`
 * where the organisation has one. Appeal commitments are left out: they start later.
 */
export function plannedDeadlines(
  commitments: readonly Commitment[],
  calendar: OrgCalendar,
  receivedAt: Date,
  options: { compensationClaim?: boolean } = {},
): PlannedDeadline[] {
  const formal = commitments.filter((c) => (c.route ?? 'formal') === 'formal' && c.event && c.duration);
  const hasCompensation = formal.some((c) => c.event === 'resolveCompensation');
  const wanted = formal.filter((c) => {
    if (c.event === 'appealDecision' || c.event === 'escalate') return false;
    if (c.event === 'resolveCompensation') return Boolean(options.compensationClaim);
    if (c.event === 'resolve') return !(options.compensationClaim && hasCompensation);
    return true;
  });
  const due = (c: Commitment, start: Date) => durationEnd(start, c.duration, calendar);
  const acknowledge = wanted.find((c) => c.event === 'acknowledge');
  const acknowledgedBy = acknowledge ? due(acknowledge, receivedAt) : null;
  return wanted
    .flatMap((c) => {
      const start = c.from === 'acknowledged' && acknowledgedBy ? acknowledgedBy : receivedAt;
      const date = due(c, start);
      return date ? [{ event: c.event!, due: date }] : [];
    })
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

/**
 * The end of a content `duration` counted from `start` in the organisation's calendar, at the
 * upper end of a range; null for a missing amount or a unit the calendar does not know.
 */
export function durationEnd(start: Date, duration: Commitment['duration'], calendar: OrgCalendar): Date | null {
  const unit = duration?.unit as DurationUnit;
  if (!units.has(unit)) return null;
  const amount = duration!.amountMax ?? duration!.amount;
  if (typeof amount !== 'number') return null;
  return addDuration(start, amount, unit, calendar);
}

/** The deadline the complainant is told about as the answer: resolve or its compensation variant. */
export function answerDeadline(deadlines: readonly PlannedDeadline[]): PlannedDeadline | undefined {
  return deadlines.find((d) => d.event === 'resolveCompensation') ?? deadlines.find((d) => d.event === 'resolve');
}
