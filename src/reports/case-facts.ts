import { and, asc, gte, inArray, lt, sql } from 'drizzle-orm';
import { caseEvents, cases, type Db } from '../db/index.ts';
import { readPromised, type Promised } from '../cases/commitments.ts';
import type { LifecycleEvent } from '../cases/lifecycle.ts';

/**
 * The events that move a case between statuses or that a report reads. Notes, messages'
 * bodies and anything personal stay out: reports never need them.
 */
const reportedEvents = [
  'received',
  'acknowledged',
  'assigned',
  'message',
  'information_requested',
  'complainant_replied',
  'resolution_proposed',
  'resolution_accepted',
  'appealed',
  'appeal_decided',
  'reopen_requested',
  'escalated',
  'deadlock_issued',
  'adr_notice',
  'closed',
];

/** One case as reports read it: its row's projections and its status-relevant events. */
export interface CaseFacts {
  id: string;
  reference: string;
  organisationId: string;
  organisationSlug: string;
  kind: string;
  channel: string;
  language: string;
  status: string;
  compensationClaim: boolean;
  receivedAt: Date;
  /** What the complainant was promised at submission (src/cases/commitments.ts), when stored. */
  promised?: Promised;
  /** In the order written; `actorType`/`visibility` are not read by the rules reports use. */
  events: LifecycleEvent[];
}

/**
 * Every case of these organisations received in [from, to), oldest first, each with its
 * events aggregated by the database in the same query (one round trip, one scan of the
 * `cases_org_received_idx` range). Event data is kept for outcomes and reasons only.
 */
export async function loadCaseFacts(db: Db, { organisationIds, from, to }: { organisationIds: readonly string[]; from: Date; to: Date }): Promise<CaseFacts[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      organisationId: cases.organisationId,
      organisationSlug: cases.organisationSlug,
      kind: cases.kind,
      channel: cases.channel,
      language: cases.language,
      status: cases.status,
      compensationClaim: cases.compensationClaim,
      receivedAt: cases.receivedAt,
      promised: cases.promised,
      // Epoch milliseconds rather than timestamp text: the same on both engines, no parsing.
      events: sql<{ type: string; at: number; data: Record<string, unknown> }[]>`coalesce(
        json_agg(json_build_object(
          'type', ${caseEvents.type},
          'at', (extract(epoch from ${caseEvents.createdAt}) * 1000)::float8,
          'data', jsonb_build_object('outcome', ${caseEvents.data}->'outcome', 'reason', ${caseEvents.data}->'reason')
        ) order by ${caseEvents.id}) filter (where ${caseEvents.id} is not null),
        '[]'::json)`,
    })
    .from(cases)
    .leftJoin(caseEvents, and(sql`${caseEvents.caseId} = ${cases.id}`, inArray(caseEvents.type, reportedEvents)))
    .where(and(inArray(cases.organisationId, [...organisationIds]), gte(cases.receivedAt, from), lt(cases.receivedAt, to)))
    .groupBy(cases.id)
    .orderBy(asc(cases.receivedAt), asc(cases.id));
  return rows.map(({ events, promised, ...row }) => ({
    ...row,
    ...(readPromised(promised) ? { promised: readPromised(promised) } : {}),
    events: (typeof events === 'string' ? (JSON.parse(events) as typeof events) : events).map((e) => ({
      type: e.type,
      actorType: 'system',
      visibility: 'complainant',
      data: Object.fromEntries(Object.entries(e.data ?? {}).filter(([, value]) => value !== null && value !== undefined)),
      createdAt: new Date(e.at),
    })),
  }));
}
