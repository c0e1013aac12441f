/**
 * The case actions (the core API that the status page and the back office call): each one
 * locks the case, checks the lifecycle rules, appends its events, updates the projections
 * and queues the complainant's mail in one transaction, and returns `{ ok: true, event }`
 * or `{ ok: false, reason }` for an expected refusal.
 */
export {
  acknowledge,
  addNote,
  assign,
  close,
  decideAppeal,
  escalate,
  issueDeadlock,
  proposeResolution,
  requestInformation,
  sendMessage,
} from './actions/staff.ts';
export { acceptResolution, appeal, complainantReply, rateSatisfaction, requestReopen, type DraftFiles } from './actions/complainant.ts';
export { closeIfWindowPassed } from './actions/system.ts';
export { caseClock, toLifecycleEvent } from './actions/run.ts';
export { complainantTimeline, loadCase, type LoadedCase } from './actions/load.ts';
export { ratingUrl, statusUrl } from './actions/mail.ts';
export type { LinkedCase } from './actions/linked-case.ts';
export type { ActionInput, ActionRefusal, ActionResult, Actor, CaseActionPolicy, CaseEventRow, CaseRow } from './actions/types.ts';
export { isStaffAction, staffActions, staffActionsFor, staffCan, type StaffAction, type StaffActionRefusal } from './staff-actions.ts';
