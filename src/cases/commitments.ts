// The one place that decides which of an organisation's commitments apply to a case, which
// of them pause while the case awaits the complainant, and the due dates the complainant is
// promised at submission. Submission, linked cases, staff actions, the status page, the
// queue projection and the reports all go through here, so a date never depends on which
// screen computed it, nor on content edited after the complaint was made.
import { addDuration, type DurationUnit } from '../calendar/index.ts';
import { durationEnd, type Commitment } from './deadlines.ts';
import type { StatusPeriod } from './case-status.ts';
import type { AdrRule, CasePolicy, LifecycleCommitment, LifecycleEvent, NextCommitment } from './lifecycle-types.ts';
import { limitInForce } from './regime.ts';

/** One promised deadline: the organisation's, or the law's where that is earlier. */
export interface PromisedDeadline {
  event: string;
  /** The organisation's due instant (or the law's, where the organisation publishes none). */
  due: Date;
  /** Whether time spent awaiting the complainant moves `due` on (the organisation's commitment says so). */
  pauses: boolean;
  /** The statutory limit: the deadline never moves past it, pauses or not. */
  cap?: Date;
}

/** When each ADR rule's waiting period is up (rule key, or its position). */
export interface PromisedAdr {
  rule: string;
  from: Date;
  /** The law's date was earlier than the organisation's own period. */
  byLaw: boolean;
}

/** Everything dated that the complainant was promised when the case was received. */
export interface Promised {
  deadlines: PromisedDeadline[];
  adr: PromisedAdr[];
  /** The regime in force at receipt and its retention period then, for anonymisation. */
  regime?: { id: string; retention?: { amount: number; unit: string } };
}

// The one-off tasks of a formal complaint, and the events that do each of them. An answer
// (a proposal, a closure or a deadlock letter) does every task before it as well.
const answers = ['resolution_proposed', 'closed', 'deadlock_issued'];
const doneBy: Record<string, readonly string[]> = {
  acknowledge: ['acknowledged', ...answers],
  firstContact: ['assigned', 'message', 'information_requested', ...answers],
  resolve: answers,
  resolveCompensation: answers,
};
const units = new Set<DurationUnit>(['hours', 'workingHours', 'businessDays', 'calendarDays', 'weeks', 'months']);

const isFormal = (c: Commitment) => (c.route ?? 'formal') === 'formal';

/**
 * The commitments that apply to a formal complaint: formal route only; `resolveCompensation`
 * replaces `resolve` for a compensation claim where the organisation has one; appeal decisions
 * and escalations start later and are left out.
 */
export function applicableCommitments<C extends Commitment>(commitments: readonly C[], options: { compensationClaim?: boolean } = {}): C[] {
  const formal = commitments.filter((c) => isFormal(c) && c.event && c.duration);
  const hasCompensation = formal.some((c) => c.event === 'resolveCompensation');
  return formal.filter((c) => {
    if (c.event === 'appealDecision' || c.event === 'escalate') return false;
    if (c.event === 'resolveCompensation') return Boolean(options.compensationClaim);
    if (c.event === 'resolve') return !(options.compensationClaim && hasCompensation);
    return true;
  });
}

/** Whether the organisation's formal commitment for `event` stops its clock while awaiting the complainant. */
export function pausesWhileAwaiting(commitments: readonly LifecycleCommitment[], event: string | undefined): boolean {
  return commitments.some((c) => c.event === event && isFormal(c) && Boolean(c.pausesWhileAwaitingComplainant));
}

/** The waiting period of an ADR rule (`after`, or the older `afterWeeks`), if it has one. */
export function adrPeriod(rule: AdrRule): { amount: number; unit: string } | undefined {
  if (rule.after && typeof rule.after.amount === 'number' && rule.after.unit)
    return { amount: rule.after.amountMax ?? rule.after.amount, unit: rule.after.unit };
  return typeof rule.afterWeeks === 'number' ? { amount: rule.afterWeeks, unit: 'weeks' } : undefined;
}

/**
 * The dates promised for a complaint received at `receivedAt`, fixed then and stored on the case:
 * each applicable commitment's due date in the organisation's calendar (a range at its upper
 * end; `from: acknowledged` counts from the acknowledgement deadline), capped by the regime's
 * `resolve` limit in force at receipt (the stricter of promise and law; the law's date alone
 * where the organisation publishes no answer time); each ADR rule's waiting period, or the
 * regime's `adrAfter` where that ends earlier; and the regime's retention period.
 */
export function promiseAtSubmission(
  policy: Pick<CasePolicy, 'commitments' | 'calendar' | 'adr' | 'regime'>,
  receivedAt: Date,
  options: { compensationClaim?: boolean } = {},
): Promised {
  const { calendar, regime } = policy;
  const wanted = applicableCommitments(policy.commitments, options);
  const acknowledge = wanted.find((c) => c.event === 'acknowledge');
  const acknowledgedBy = acknowledge ? durationEnd(receivedAt, acknowledge.duration, calendar) : null;
  const deadlines: PromisedDeadline[] = wanted.flatMap((c) => {
    const start = c.from === 'acknowledged' && acknowledgedBy ? acknowledgedBy : receivedAt;
    const due = durationEnd(start, c.duration, calendar);
    return due ? [{ event: c.event!, due, pauses: Boolean(c.pausesWhileAwaitingComplainant) }] : [];
  });
  const end = (d: { amount?: number | null; amountMax?: number | null; unit?: string | null } | undefined) =>
    d ? (durationEnd(receivedAt, d, calendar) ?? undefined) : undefined;
  // A compensation claim is capped by the law's compensation limit where it has one
  // (Hungarian energy: 30 days), else by its answer limit.
  const lawLimit = (kind: 'resolve' | 'resolveCompensation') => end(limitInForce(regime, kind, receivedAt, calendar.timeZone)?.duration);
  const answer = deadlines.find((d) => d.event === 'resolveCompensation') ?? deadlines.find((d) => d.event === 'resolve');
  const lawResolve = answer?.event === 'resolveCompensation' ? (lawLimit('resolveCompensation') ?? lawLimit('resolve')) : lawLimit('resolve');
  if (lawResolve) {
    if (answer) answer.cap = lawResolve;
    else deadlines.push({ event: 'resolve', due: lawResolve, pauses: false });
  }
  const lawAdr = end(limitInForce(regime, 'adrAfter', receivedAt, calendar.timeZone)?.duration);
  const adr: PromisedAdr[] = (policy.adr ?? []).flatMap((rule, index): PromisedAdr[] => {
    const period = adrPeriod(rule);
    const own = period && units.has(period.unit as DurationUnit) ? addDuration(receivedAt, period.amount, period.unit as DurationUnit, calendar) : undefined;
    const key = rule.key ?? String(index);
    if (own && (!lawAdr || own.getTime() <= lawAdr.getTime())) return [{ rule: key, from: own, byLaw: false }];
    return lawAdr ? [{ rule: key, from: lawAdr, byLaw: true }] : [];
  });
  const retention = limitInForce(regime, 'retention', receivedAt, calendar.timeZone)?.duration;
  return {
    deadlines: deadlines.sort((a, b) => a.due.getTime() - b.due.getTime()),
    adr,
    ...(regime
      ? {
          regime: {
            id: regime.id,
            ...(retention?.unit && typeof retention.amount === 'number' ? { retention: { amount: retention.amount, unit: retention.unit } } : {}),
          },
        }
      : {}),
  };
}

/** Milliseconds spent awaiting the complainant up to `now`, the current wait included. */
export function timeAwaitingComplainant(history: readonly StatusPeriod[], now: Date): number {
  return history
    .filter((p) => p.status === 'awaiting_complainant')
    .reduce((sum, p) => sum + Math.max(0, Math.min((p.until ?? now).getTime(), now.getTime()) - p.since.getTime()), 0);
}

/**
 * A promised deadline as it stands at `now`: moved on by the time spent awaiting the
 * complainant (the current wait included) where the commitment pauses, never past the law's cap.
 */
export function dueAt(deadline: PromisedDeadline, history: readonly StatusPeriod[], now: Date): Date {
  const paused = deadline.pauses ? timeAwaitingComplainant(history, now) : 0;
  const due = deadline.due.getTime() + paused;
  return new Date(deadline.cap ? Math.min(due, deadline.cap.getTime()) : due);
}

/**
 * The organisation's next task on a formal complaint and when it is due: of acknowledge, first
 * contact and the answer (resolve, or resolveCompensation), the earliest one not yet done
 * (`doneBy`), from the promised dates. Nothing once a resolution has been proposed, the case is
 * in deadlock or closed, except an appeal decision, which the caller handles.
 */
export function nextTask(events: readonly LifecycleEvent[], history: readonly StatusPeriod[], promised: Promised, now: Date): NextCommitment | undefined {
  const done = (event: string) => events.some((e) => (doneBy[event] ?? answers).includes(e.type));
  const open = promised.deadlines
    .filter((d) => doneBy[d.event] !== undefined && !done(d.event))
    .map((d) => ({ event: d.event, due: dueAt(d, history, now) }))
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  const first = open[0];
  return first ? { ...first, overdue: now.getTime() > first.due.getTime() } : undefined;
}

/** The deadline the complainant is told about as the answer: resolve or its compensation variant. */
export function answerPromise(promised: Promised): PromisedDeadline | undefined {
  return promised.deadlines.find((d) => d.event === 'resolveCompensation') ?? promised.deadlines.find((d) => d.event === 'resolve');
}

/** The JSON kept in `cases.promised` (and on the `received` event). */
export interface StoredPromised {
  deadlines: { event: string; due: string; pauses: boolean; cap?: string }[];
  adr: { rule: string; from: string; byLaw: boolean }[];
  regime?: { id: string; retention?: { amount: number; unit: string } };
}

export function storePromised(promised: Promised): StoredPromised {
  return {
    deadlines: promised.deadlines.map((d) => ({ event: d.event, due: d.due.toISOString(), pauses: d.pauses, ...(d.cap ? { cap: d.cap.toISOString() } : {}) })),
    adr: promised.adr.map((a) => ({ rule: a.rule, from: a.from.toISOString(), byLaw: a.byLaw })),
    ...(promised.regime ? { regime: promised.regime } : {}),
  };
}

/** The promise stored on a case, or undefined for a case received before promises were stored. */
export function readPromised(stored: unknown): Promised | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const s = stored as Partial<StoredPromised>;
  if (!Array.isArray(s.deadlines) || !Array.isArray(s.adr)) return undefined;
  return {
    deadlines: s.deadlines.map((d) => ({ event: d.event, due: new Date(d.due), pauses: Boolean(d.pauses), ...(d.cap ? { cap: new Date(d.cap) } : {}) })),
    adr: s.adr.map((a) => ({ rule: a.rule, from: new Date(a.from), byLaw: Boolean(a.byLaw) })),
    ...(s.regime ? { regime: s.regime } : {}),
  };
}

/**
 * The promise that governs a case: the stored one, or (a case from before promises were
 * stored) the one its organisation's current content gives for its receipt.
 */
export function promiseFor(
  policy: CasePolicy,
  events: readonly LifecycleEvent[],
  options: { promised?: Promised; compensationClaim?: boolean },
): Promised | undefined {
  if (options.promised) return options.promised;
  const received = events.find((e) => e.type === 'received');
  return received ? promiseAtSubmission(policy, received.createdAt, { compensationClaim: options.compensationClaim }) : undefined;
}

/** The promised dates as told at submission (before any pause): each deadline, at the law's cap where that is earlier. */
export function promisedDates(promised: Promised): { event: string; due: Date }[] {
  return promised.deadlines
    .map((d) => ({ event: d.event, due: d.cap && d.cap.getTime() < d.due.getTime() ? d.cap : d.due }))
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

/**
 * The projection a new case starts with (`cases.next_due_event`, `next_due_at`): the same next
 * task the case page shows for a case that has only been received.
 */
export function firstTask(promised: Promised, receivedAt: Date): NextCommitment | undefined {
  const received: LifecycleEvent = { type: 'received', actorType: 'complainant', visibility: 'complainant', createdAt: receivedAt };
  return nextTask([received], [{ status: 'received', since: receivedAt }], promised, receivedAt);
}
