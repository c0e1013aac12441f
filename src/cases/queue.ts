import { and, asc, eq, gt, gte, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { cases, type Db } from '../db/index.ts';
import { normaliseReference } from './reference.ts';

/** What the queue can be narrowed to; every filter is optional and they combine with AND. */
export interface QueueFilters {
  /** One status; without it the queue shows open cases (every status but `closed`). */
  status?: string;
  assigneeId?: string;
  /** Only cases nobody is assigned to (ignored when `assigneeId` is given). */
  unassigned?: boolean;
  /** Only cases whose next commitment is past due at `now`. */
  overdue?: boolean;
  /** Only cases whose next commitment falls due within `dueSoonMs` of `now` (not yet overdue). */
  dueSoon?: boolean;
  language?: string;
  channel?: string;
  /** One of the member's organisations (others give an empty page). */
  organisationId?: string;
  /** A reference exactly (as typed: normalised first), else the start of the complainant's name. */
  search?: string;
}

/** Where a page starts: the sort key of the last row of the page before. */
export interface QueueCursor {
  dueAt: Date | null;
  id: string;
}

export interface QueueRow {
  id: string;
  reference: string;
  organisationId: string;
  organisationSlug: string;
  kind: string;
  channel: string;
  language: string;
  status: string;
  complainantName: string;
  receivedAt: Date;
  nextDueEvent: string | null;
  nextDueAt: Date | null;
  assigneeId: string | null;
  /** `overdue` past the due instant, `dueSoon` within `dueSoonMs`, else null. */
  due: 'overdue' | 'dueSoon' | null;
}

export interface QueuePage {
  rows: QueueRow[];
  /** The cursor of the next page, absent on the last page. */
  next?: QueueCursor;
}

export interface QueueQuery {
  /** The member's organisations: nothing outside them is ever returned. */
  organisationIds: readonly string[];
  filters?: QueueFilters;
  after?: QueueCursor;
  limit: number;
  now: Date;
  /** How close a due instant counts as "due soon" (default two days). */
  dueSoonMs?: number;
}

const DEFAULT_DUE_SOON_MS = 2 * 86_400_000;

const columns = {
  id: cases.id,
  reference: cases.reference,
  organisationId: cases.organisationId,
  organisationSlug: cases.organisationSlug,
  kind: cases.kind,
  channel: cases.channel,
  language: cases.language,
  status: cases.status,
  complainantName: cases.complainantName,
  receivedAt: cases.receivedAt,
  nextDueEvent: cases.nextDueEvent,
  nextDueAt: cases.nextDueAt,
  assigneeId: cases.assigneeId,
};

type Selected = Omit<QueueRow, 'due'>;

/** LIKE's wildcards and escape character taken literally. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the back-office queue: cases of the member's organisations, ordered by the
 * next commitment's due instant (cases with nothing due last) then id, `limit` rows after
 * the cursor. Keyset paging, so a page costs the same at the millionth case as at the first.
 *
 * Each organisation is read on its own index range (`cases_queue_open_idx`,
 * `cases_queue_assignee_idx`) and the ranges are merged here: one ordered index scan per
 * organisation instead of sorting all their cases. Cases with a due instant are read first;
 * those without (NULLS LAST) only when the page is not full.
 */
export async function queuePage(db: Db, query: QueueQuery): Promise<QueuePage> {
  const { filters = {}, after, now } = query;
  const limit = Math.max(1, Math.floor(query.limit));
  const dueSoonMs = query.dueSoonMs ?? DEFAULT_DUE_SOON_MS;
  const organisations = [...new Set(query.organisationIds)].filter((id) => !filters.organisationId || id === filters.organisationId);
  if (organisations.length === 0) return { rows: [] };

  const common: SQL[] = [filters.status ? eq(cases.status, filters.status) : ne(cases.status, 'closed')];
  if (filters.assigneeId) common.push(eq(cases.assigneeId, filters.assigneeId));
  else if (filters.unassigned) common.push(isNull(cases.assigneeId));
  if (filters.language) common.push(eq(cases.language, filters.language));
  if (filters.channel) common.push(eq(cases.channel, filters.channel));
  const search = filters.search?.trim();
  if (search) {
    const reference = normaliseReference(search);
    common.push(reference ? eq(cases.reference, reference) : sql`lower(${cases.complainantName}) like lower(${likePrefix(search)})`);
  }
  // Overdue and due-soon cases have a due instant: they never reach the NULLS LAST part.
  const dueRange: SQL[] = [];
  if (filters.overdue) dueRange.push(lt(cases.nextDueAt, now));
  if (filters.dueSoon) dueRange.push(gte(cases.nextDueAt, now), lt(cases.nextDueAt, new Date(now.getTime() + dueSoonMs)));
  const wantsUndated = dueRange.length === 0;

  const want = limit + 1;
  const dated: Selected[] = [];
  if (after?.dueAt !== null) {
    const from = after ? sql`(${cases.nextDueAt}, ${cases.id}) > (${after.dueAt!.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
    const pages = await Promise.all(
      organisations.map((organisationId) =>
        db
          .select(columns)
          .from(cases)
          .where(and(eq(cases.organisationId, organisationId), isNotNull(cases.nextDueAt), ...common, ...dueRange, from))
          .orderBy(asc(cases.nextDueAt), asc(cases.id))
          .limit(want),
      ),
    );
    dated.push(...pages.flat().sort((a, b) => a.nextDueAt!.getTime() - b.nextDueAt!.getTime() || compareIds(a.id, b.id)));
  }
  const undated: Selected[] = [];
  if (wantsUndated && dated.length < want) {
    const from = after && after.dueAt === null ? gt(cases.id, after.id) : undefined;
    const pages = await Promise.all(
      organisations.map((organisationId) =>
        db
          .select(columns)
          .from(cases)
          .where(and(eq(cases.organisationId, organisationId), isNull(cases.nextDueAt), ...common, from))
          .orderBy(asc(cases.id))
          .limit(want - dated.length),
      ),
    );
    undated.push(...pages.flat().sort((a, b) => compareIds(a.id, b.id)));
  }

  const all = [...dated, ...undated];
  const rows = all.slice(0, limit).map((row) => ({ ...row, due: dueFlag(row.nextDueAt, now, dueSoonMs) }));
  const last = rows.at(-1);
  return all.length > limit && last ? { rows, next: { dueAt: last.nextDueAt, id: last.id } } : { rows };
}

/** PostgreSQL orders uuids by their bytes, which is the order of their lower-case hex text. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dueFlag(dueAt: Date | null, now: Date, dueSoonMs: number): QueueRow['due'] {
  if (!dueAt) return null;
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  return dueAt.getTime() - now.getTime() < dueSoonMs ? 'dueSoon' : null;
}
