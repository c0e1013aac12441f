import { addDuration, type DurationUnit, type OrgCalendar } from '../calendar/index.ts';
import { promiseAtSubmission } from './commitments.ts';

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
 * When each commitment of a formal complaint falls due by the organisation's own content,
 * counted from its receipt in its calendar (src/cases/commitments.ts decides which apply; this is
 * `promiseAtSubmission` without a regime). Kept for callers that only want the organisation's dates.
 */
export function plannedDeadlines(
  commitments: readonly Commitment[],
  calendar: OrgCalendar,
  receivedAt: Date,
  options: { compensationClaim?: boolean } = {},
): PlannedDeadline[] {
  return promiseAtSubmission({ commitments, calendar }, receivedAt, options).deadlines.map(({ event, due }) => ({ event, due }));
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
