import type { StatusPeriod } from './case-status.ts';
import type { CaseStatus } from './lifecycle-types.ts';

// The order of the statuses along the contract's main path, for a status no stage lists.
// An escalated case is back under investigation; a deadlock comes after any answer.
const order: readonly CaseStatus[] = [
  'received',
  'acknowledged',
  'investigating',
  'escalated',
  'awaiting_complainant',
  'resolution_proposed',
  'accepted',
  'appealed',
  'appeal_decided',
  'deadlock',
  'closed',
];

type Stages = readonly { statuses?: readonly string[] | null }[];

/**
 * The index of the organisation's stage to mark for a status: the stage that lists it, else the
 * last stage listing a status that comes before it on the contract's path (so a case shows the
 * furthest stage it has reached), else -1. Stages without statuses (an informal first
 * contact, "open over 8 weeks") are never marked this way.
 */
export function stageIndex(stages: Stages, status: CaseStatus): number {
  const listed = stages.findIndex((s) => s.statuses?.includes(status));
  if (listed >= 0) return listed;
  const rank = order.indexOf(status);
  return stages.findLastIndex((s) =>
    (s.statuses ?? []).some((st) => {
      const r = order.indexOf(st as CaseStatus);
      return r >= 0 && r < rank;
    }),
  );
}

/**
 * The stage to mark for a case: the furthest stage any status of its history (and the status
 * shown now, which may be `closed` after a passed appeal window) reaches. The marker never moves
 * backwards: after an appeal decision, a re-opening or a reply to a request for information it
 * stays on the furthest stage reached.
 */
export function furthestStageIndex(stages: Stages, history: readonly Pick<StatusPeriod, 'status'>[], current?: CaseStatus): number {
  const statuses = [...history.map((p) => p.status), ...(current ? [current] : [])];
  return statuses.reduce((furthest, status) => Math.max(furthest, stageIndex(stages, status)), -1);
}
