// Pure, with no imports, so that the Studio can import it too (studio/schemaTypes/stage.ts).
/** The statuses of docs/case-lifecycle.md, folded from a case's events (the queue's filter lists them in this order). */
export const caseStatuses = [
  'received',
  'acknowledged',
  'investigating',
  'awaiting_complainant',
  'resolution_proposed',
  'accepted',
  'appealed',
  'appeal_decided',
  'escalated',
  'deadlock',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];
