import { answerPromise, dueAt, promiseAtSubmission, type Promised } from '../cases/commitments.ts';
import { statusHistory, type CasePolicy, type LifecycleEvent } from '../cases/lifecycle.ts';

/**
 * Whether a commitment was kept: `onTime` or `late` once it is known, `pending` while it is
 * not yet due, `noCommitment` where the organisation publishes none for this step.
 */
export type Kept = 'onTime' | 'late' | 'pending' | 'noCommitment';

export interface CaseTimeliness {
  acknowledged: Kept;
  answered: Kept;
  /** When the first answer (a resolution proposed, or the case closed) was given. */
  answeredAt?: Date;
  /** A resolution was proposed: the complainant could appeal. */
  proposed: boolean;
  appealed: boolean;
  /** The latest appeal decision's outcome: upheld | partlyUpheld | notUpheld. */
  appealOutcome?: string;
}

const isAnswer = (e: LifecycleEvent) => e.type === 'resolution_proposed' || e.type === 'closed';

/**
 * How a case kept the organisation's commitments, judged at `now`, with the same deadlines
 * the complainant was promised (`promised`, stored on the case at submission; the law's cap
 * included; src/cases/commitments.ts):
 *
 * - Acknowledged on time: the first `acknowledged` event at or before the acknowledgement
 *   deadline. An answer given before any acknowledgement counts as the acknowledgement.
 * - Answered on time: the first `resolution_proposed` or `closed` event at or before the
 *   `resolve` deadline (`resolveCompensation` for a compensation claim where there is one),
 *   moved on by the time spent awaiting the complainant before the answer where the
 *   commitment pauses (`dueAt`, as the case page does).
 * - Not done yet: `late` once the deadline has passed at `now`, else `pending`.
 *
 * "At or before" matches `nextCommitment`, which calls a case overdue only after the instant.
 */
export function caseTimeliness(
  events: readonly LifecycleEvent[],
  policy: CasePolicy,
  options: { receivedAt: Date; compensationClaim?: boolean; now: Date; promised?: Promised },
): CaseTimeliness {
  const { now } = options;
  // The dates the complainant was promised (stored on the case; for older cases, the content's
  // dates for their receipt), through the same commitments module the case page uses.
  const promised = options.promised ?? promiseAtSubmission(policy, options.receivedAt, { compensationClaim: options.compensationClaim });
  const answer = events.find(isAnswer);
  const acknowledgement = events.find((e) => e.type === 'acknowledged' || isAnswer(e));

  const kept = (due: Date | undefined, doneAt: Date | undefined): Kept => {
    if (!due) return 'noCommitment';
    if (doneAt) return doneAt.getTime() <= due.getTime() ? 'onTime' : 'late';
    return now.getTime() > due.getTime() ? 'late' : 'pending';
  };

  const history = statusHistory(events);
  const acknowledge = promised.deadlines.find((d) => d.event === 'acknowledge');
  const resolve = answerPromise(promised);
  // Time awaiting the complainant counts up to the answer (or now, while there is none).
  const ackDue = acknowledge ? dueAt(acknowledge, history, acknowledgement?.createdAt ?? now) : undefined;
  const answerDue = resolve ? dueAt(resolve, history, answer?.createdAt ?? now) : undefined;
  const decision = events.findLast((e) => e.type === 'appeal_decided');
  const outcome = typeof decision?.data?.outcome === 'string' ? decision.data.outcome : undefined;
  return {
    acknowledged: kept(ackDue, acknowledgement?.createdAt),
    answered: kept(answerDue, answer?.createdAt),
    ...(answer ? { answeredAt: answer.createdAt } : {}),
    proposed: events.some((e) => e.type === 'resolution_proposed'),
    appealed: events.some((e) => e.type === 'appealed'),
    ...(outcome ? { appealOutcome: outcome } : {}),
  };
}
