import type { Actor, CaseActionPolicy, CaseEventRow } from '#src/cases/actions.ts';
import type { CaseStatus } from '#src/cases/lifecycle.ts';
import type { Colleague } from '../../../lib/staff.ts';

/** What the case page's action forms show: the case as it is now, and what was posted. */
export interface StaffActionView {
  status: CaseStatus;
  policy: CaseActionPolicy;
  actor: Actor;
  userId: string;
  colleagues: readonly Colleague[];
  /** The complainant's appeal, shown above the decision form. */
  appealEvent?: CaseEventRow | undefined;
  /** Whether this member may decide the appeal (appealDecision), while the case is under appeal. */
  decision: { ok: true } | { ok: false; reason: string } | null;
  /** The message for a field (`${action}-${field}`), after a post. */
  errorOf: (key: string) => string | undefined;
  /** What was posted in a field (`${action}-${field}`), to refill the form. */
  valueOf: (key: string) => string | undefined;
}
