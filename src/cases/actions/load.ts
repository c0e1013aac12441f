import { asc, eq } from 'drizzle-orm';
import { attachments, cases, type Db } from '../../db/index.ts';
import { caseEventsOf } from './run.ts';
import type { CaseEventRow, CaseRow } from './types.ts';

export interface LoadedCase {
  case: CaseRow;
  /** Every event, internal ones too, in the order written. */
  events: CaseEventRow[];
  attachments: (typeof attachments.$inferSelect)[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case with its events (ordered) and attachments, or null. For staff: internal events included. */
export async function loadCase(db: Db, caseId: string): Promise<LoadedCase | null> {
  if (!uuid.test(caseId)) return null;
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) return null;
  const [events, files] = await Promise.all([
    caseEventsOf(db, caseId),
    db.select().from(attachments).where(eq(attachments.caseId, caseId)).orderBy(asc(attachments.createdAt), asc(attachments.id)),
  ]);
  return { case: row, events, attachments: files };
}

/** The events the complainant may see (visibility `complainant`), in order: the status page's timeline. */
export function complainantTimeline<Event extends { visibility: string }>(events: readonly Event[]): Event[] {
  return events.filter((event) => event.visibility === 'complainant');
}
