import type { Db } from '../../db/index.ts';
import { closureMails } from './mail.ts';
import { refuse, runCaseAction } from './run.ts';
import type { ActionInput, ActionResult } from './types.ts';

/**
 * Writes the `closed` event (reason `windowPassed`, by the system) of a proposal whose
 * appeal window has passed without an appeal; the rules read such a case as closed from
 * the end of the window already, this makes it so in the store and tells the complainant.
 * Refused (`windowOpen`) while the proposal still stands.
 */
export function closeIfWindowPassed(db: Db, input: Omit<ActionInput, 'actor'> & { actor?: ActionInput['actor'] }): Promise<ActionResult> {
  const full = { ...input, actor: { type: 'system' as const } };
  return runCaseAction(db, full, ({ row, state, lifecycle }) => {
    const written = lifecycle.at(-1);
    if (state.status !== 'closed' || state.closedReason !== 'windowPassed' || written?.type === 'closed') refuse('windowOpen');
    return {
      events: [{ type: 'closed', data: { reason: 'windowPassed' } }],
      mail: () => closureMails(row, input.policy, input.publicBaseUrl, 'windowPassed'),
    };
  });
}
