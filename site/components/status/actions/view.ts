import type { CaseState } from '#src/cases/lifecycle.ts';

/** What the status page's action forms show: the case as it is now, and what was posted. */
export interface ComplainantActionView {
  state: CaseState;
  /** The upload draft of this page's forms, so that files kept after an error are not lost. */
  draft: string;
  /** The message for a field (`${action}-${field}`), after a post. */
  errorOf: (key: string) => string | undefined;
  /** What was posted in a field (`${action}-${field}`), to refill the form. */
  valueOf: (key: string) => string | undefined;
}
