import type { CaseStatus, LifecycleEvent } from './lifecycle-types.ts';

/** A stretch of time the case spent in one status; `until` is absent for the current one. */
export interface StatusPeriod {
  status: CaseStatus;
  since: Date;
  until?: Date;
  closedReason?: string;
}

// Statuses in which the case is still being worked on before an answer: staff actions move
// them to investigating, and a request for information or a proposal may follow.
const working = new Set<CaseStatus>(['received', 'acknowledged', 'investigating', 'awaiting_complainant', 'escalated', 'resolution_proposed']);

/**
 * The status an event moves the case to, or null when it leaves the status as it is.
 * Staff and system events are taken as written (the back office checks its own rules);
 * complainant events count only from the status they answer, so a stale form posted twice
 * changes nothing.
 */
function transition(status: CaseStatus | null, event: LifecycleEvent): CaseStatus | null {
  switch (event.type) {
    case 'received':
      return status === null ? 'received' : null;
    case 'acknowledged':
      return status === 'received' ? 'acknowledged' : null;
    case 'assigned':
    case 'message':
      // A reminder or a change of handler does not answer a request for information, and
      // does not take back a proposal or a decision.
      return status === 'received' || status === 'acknowledged' || status === 'escalated' ? 'investigating' : null;
    case 'information_requested':
      return status !== null && working.has(status) ? 'awaiting_complainant' : null;
    case 'complainant_replied':
      return status === 'awaiting_complainant' ? 'investigating' : null;
    case 'resolution_proposed':
      return status !== null && working.has(status) ? 'resolution_proposed' : null;
    case 'resolution_accepted':
      return status === 'resolution_proposed' ? 'accepted' : null;
    case 'appealed':
      return status === 'resolution_proposed' ? 'appealed' : null;
    case 'appeal_decided':
      return status === 'appealed' ? 'appeal_decided' : null;
    case 'reopen_requested':
      return status === 'closed' || status === 'resolution_proposed' || status === 'accepted' ? 'escalated' : null;
    case 'escalated':
      return status !== null ? 'escalated' : null;
    case 'deadlock_issued':
      return status !== null && status !== 'closed' ? 'deadlock' : null;
    case 'closed':
      return status !== null ? 'closed' : null;
    default:
      // note, adr_notice, satisfaction_rated, linked_case_opened and anything unknown.
      return null;
  }
}

/**
 * Every status the case has been in, oldest first, folded from its events in the order
 * written. A new proposal starts a new period even from `resolution_proposed` (it restarts
 * the appeal window); other events that keep the status keep its period.
 */
export function statusHistory(events: readonly LifecycleEvent[]): StatusPeriod[] {
  const periods: StatusPeriod[] = [];
  for (const event of events) {
    const current = periods.at(-1);
    const next = transition(current?.status ?? null, event);
    if (next === null) continue;
    if (current && next === current.status && event.type !== 'resolution_proposed' && event.type !== 'closed') continue;
    if (current) current.until = event.createdAt;
    const closedReason = next === 'closed' && typeof event.data?.reason === 'string' ? event.data.reason : undefined;
    periods.push({ status: next, since: event.createdAt, ...(closedReason ? { closedReason } : {}) });
  }
  return periods;
}

/**
 * The status of a case, folded from its events as docs/case-lifecycle.md says. This is the
 * status as written: a proposal whose appeal window has passed still reads
 * `resolution_proposed` here; `caseState` applies the organisation's window.
 * Throws on a case without a `received` event: that is a bug, not an expected outcome.
 */
export function caseStatus(events: readonly LifecycleEvent[]): CaseStatus {
  const last = statusHistory(events).at(-1);
  if (!last) throw new Error('A case starts with a received event; none found');
  return last.status;
}
