import { and, eq, inArray, isNull, or, sql, exists } from 'drizzle-orm';
import { cases, formatRequests, outbox, type Db } from '../db/index.ts';

/**
 * How many mails of these organisations were given up (status `failed`: refused for good,
 * or still failing after all their retries), for the notice on the staff queue: a
 * complainant who never got their acknowledgement or decision has to be reached another
 * way. A mail belongs to an organisation through its case, or, for accessible-format
 * request mail (which has no case), through the request reference in its payload.
 */
export async function countFailedMail(db: Db, organisationIds: readonly string[]): Promise<number> {
  if (organisationIds.length === 0) return 0;
  const ids = [...organisationIds];
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'failed'),
        or(
          exists(
            db
              .select({ one: sql`1` })
              .from(cases)
              .where(and(eq(cases.id, outbox.caseId), inArray(cases.organisationId, ids))),
          ),
          and(
            isNull(outbox.caseId),
            exists(
              db
                .select({ one: sql`1` })
                .from(formatRequests)
                .where(and(eq(formatRequests.reference, sql`${outbox.payload} ->> 'reference'`), inArray(formatRequests.organisationId, ids))),
            ),
          ),
        ),
      ),
    );
  return Number(row?.n ?? 0);
}
