import type { CaseStatus } from './lifecycle-types.ts';

/** The back office's actions on a case, in the order the case page offers them. */
export const staffActions = [
  'acknowledge',
  'assign',
  'note',
  'message',
  'requestInformation',
  'propose',
  'escalate',
  'deadlock',
  'close',
  'decideAppeal',
] as const;
export type StaffAction = (typeof staffActions)[number];

// Statuses in which the organisation is still working towards an answer: it may ask for
// information or propose a resolution (again: a new proposal restarts the appeal window).
const working = new Set<CaseStatus>(['received', 'acknowledged', 'investigating', 'awaiting_complainant', 'escalated', 'resolution_proposed']);
const open = (status: CaseStatus) => status !== 'closed';

/**
 * Which statuses allow each staff action. This is the one place that says it: the case page
 * offers a form only where its action is allowed, and the action runner refuses the same
 * action in any other status (a form posted from a stale page, or by hand).
 */
const allowedIn: Record<StaffAction, (status: CaseStatus) => boolean> = {
  acknowledge: (status) => status === 'received',
  assign: open,
  // Internal notes are the record of the case: always, even once it is closed.
  note: () => true,
  message: open,
  requestInformation: (status) => working.has(status),
  propose: (status) => working.has(status),
  // Escalating a closed case re-opens it with a manager.
  escalate: () => true,
  deadlock: (status) => open(status) && status !== 'deadlock',
  close: open,
  // Who may decide (a manager not involved before) is appealDecision's question, not the status's.
  decideAppeal: (status) => status === 'appealed',
};

export type StaffActionRefusal = 'closed' | 'notAllowed' | 'notAppealed';

/**
 * Whether a case in this status allows the action, and if not, why in the words of the
 * action results: `closed` for a closed case, `notAppealed` for an appeal decision on a case
 * that is not under appeal, `notAllowed` otherwise.
 */
export function staffCan(status: CaseStatus, action: StaffAction): { ok: true } | { ok: false; reason: StaffActionRefusal } {
  if (allowedIn[action](status)) return { ok: true };
  if (action === 'decideAppeal') return { ok: false, reason: 'notAppealed' };
  return { ok: false, reason: status === 'closed' ? 'closed' : 'notAllowed' };
}

/** The actions a case in this status allows, in the page's order. */
export function staffActionsFor(status: CaseStatus): StaffAction[] {
  return staffActions.filter((action) => allowedIn[action](status));
}

/** Whether a posted value names a staff action. */
export const isStaffAction = (value: unknown): value is StaffAction => (staffActions as readonly unknown[]).includes(value);
