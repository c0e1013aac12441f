import { and, inArray, isNull, lt } from 'drizzle-orm';
import { attachments, type Db } from '../db/index.ts';

/** How long a file uploaded with a form may wait for the form to be submitted. */
export const DRAFT_FILE_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * Removes files uploaded with a form that was never submitted (no case after a day): their
 * records and, through the foreign key's cascade, their bytes. In batches, so that one run
 * never holds a long transaction; returns how many were removed.
 */
export async function removeUnclaimedDrafts(db: Db, { now, batch = 500 }: { now: Date; batch?: number }): Promise<number> {
  const cutoff = new Date(now.getTime() - DRAFT_FILE_LIFETIME_MS);
  let removed = 0;
  for (;;) {
    const oldest = db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(isNull(attachments.caseId), lt(attachments.createdAt, cutoff)))
      .limit(batch);
    const gone = await db
      .delete(attachments)
      // Checked again in the delete: a file attached to a case since the select stays.
      .where(and(inArray(attachments.id, oldest), isNull(attachments.caseId)))
      .returning({ id: attachments.id });
    removed += gone.length;
    if (gone.length < batch) return removed;
  }
}
