import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { caseAnswers, cases, formatRequests, staffMemberships, staffUsers, type Db } from '../db/index.ts';
import { jsonRowsOf } from '../db/json-rows.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { isCaseId, loadedCaseSelection, type LoadedCase } from './actions/load.ts';

export interface ColleagueRow {
  id: string;
  name: string;
  email: string;
  role: string;
}

/** What the back office's case page shows, beyond the case itself. */
export interface StaffCaseRecord extends LoadedCase {
  answers: (typeof caseAnswers.$inferSelect)[];
  /** The organisation's members who can be given the case (accounts not disabled), by name. */
  colleagues: ColleagueRow[];
  /** Requests for the case's documents in another format, newest first (20 at most). */
  formatRequests: (typeof formatRequests.$inferSelect)[];
}

// Every column goes in as its own nested SQL: drizzle writes the columns at the top level
// of a select-list expression without their table when the query reads one table, which
// here would make "organisation_id = organisation_id" (always true). Nested, they keep it.
const column = (c: AnyPgColumn) => sql`${c}`;
const colleaguesOfCase = sql<ColleagueRow[]>`coalesce((
  select json_agg(json_build_object('id', ${column(staffUsers.id)}, 'name', ${column(staffUsers.name)}, 'email', ${column(staffUsers.email)}, 'role', ${column(staffMemberships.role)})
    order by ${column(staffUsers.name)}, ${column(staffUsers.id)})
  from ${staffMemberships} join ${staffUsers} on ${eq(staffUsers.id, staffMemberships.userId)}
  where ${and(eq(staffMemberships.organisationId, cases.organisationId), isNull(staffUsers.disabledAt))}), '[]'::json)`.mapWith(
  (rows: ColleagueRow[] | string) => (typeof rows === 'string' ? (JSON.parse(rows) as ColleagueRow[]) : rows),
);

// One statement for the whole page: the case page is what handlers open all day.
const recordById = preparedPerDatabase((db) =>
  db
    .select({
      ...loadedCaseSelection,
      answers: jsonRowsOf(caseAnswers, eq(caseAnswers.caseId, cases.id), sql`${caseAnswers.fieldKey}`),
      colleagues: colleaguesOfCase,
      formatRequests: jsonRowsOf(
        formatRequests,
        and(eq(formatRequests.organisationId, cases.organisationId), eq(formatRequests.caseReference, cases.reference)),
        sql`${formatRequests.receivedAt} desc`,
        20,
      ),
    })
    .from(cases)
    .where(eq(cases.id, sql.placeholder('caseId')))
    .prepare('redress_staff_case_record'),
);

/** A case with everything its back-office page shows, or null. Who may see it is the caller's check. */
export async function loadStaffCaseRecord(db: Db, caseId: string): Promise<StaffCaseRecord | null> {
  if (!isCaseId(caseId)) return null;
  const [row] = await recordById(db).execute({ caseId });
  return row ?? null;
}
