import { eq, getTableColumns, sql } from 'drizzle-orm';
import { attachments, caseEvents, cases, type Db } from '../../db/index.ts';
import { jsonRowsOf } from '../../db/json-rows.ts';
import { preparedPerDatabase } from '../../db/prepared.ts';
import type { CaseEventRow, CaseRow } from './types.ts';

export interface LoadedCase {
  case: CaseRow;
  /** Every event, internal ones too, in the order written. */
  events: CaseEventRow[];
  attachments: (typeof attachments.$inferSelect)[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string from an address can be a case id (anything else is no case, not a database error). */
export const isCaseId = (value: string) => uuid.test(value);

/**
 * What a select needs to give a LoadedCase in one statement, for a query over `cases` (alone
 * or joined): the row, its events in the order written and its files in the order uploaded.
 */
export const loadedCaseSelection = {
  case: getTableColumns(cases),
  events: jsonRowsOf(caseEvents, eq(caseEvents.caseId, cases.id), sql`${caseEvents.id}`),
  attachments: jsonRowsOf(attachments, eq(attachments.caseId, cases.id), sql`${attachments.createdAt}, ${attachments.id}`),
};

const caseById = preparedPerDatabase((db) =>
  db
    .select(loadedCaseSelection)
    .from(cases)
    .where(eq(cases.id, sql.placeholder('caseId')))
    .prepare('redress_case_by_id'),
);

/** A case with its events (ordered) and attachments, or null. For staff: internal events included. */
export async function loadCase(db: Db, caseId: string): Promise<LoadedCase | null> {
  if (!uuid.test(caseId)) return null;
  const [row] = await caseById(db).execute({ caseId });
  return row ?? null;
}

/** The events the complainant may see (visibility `complainant`), in order: the status page's timeline. */
export function complainantTimeline<Event extends { visibility: string }>(events: readonly Event[]): Event[] {
  return events.filter((event) => event.visibility === 'complainant');
}
