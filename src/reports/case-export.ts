import type { Db } from '../db/index.ts';
import { loadCaseFacts, type CaseFacts } from './case-facts.ts';
import type { CsvColumn } from './csv.ts';

/** One case in the regulators' record: what happened and when, without the complainant's details. */
export interface CaseExportRow {
  [column: string]: string | boolean | Date | null;
  reference: string;
  /** The organisation's slug. */
  organisation: string;
  kind: string;
  channel: string;
  language: string;
  receivedAt: Date;
  /** The first acknowledgement. */
  acknowledgedAt: Date | null;
  /** The first answer: a resolution proposed, or the case closed. */
  answeredAt: Date | null;
  status: string;
  compensationClaim: boolean;
  appealed: boolean;
  /** The latest appeal decision: upheld | partlyUpheld | notUpheld. */
  appealOutcome: string | null;
  /** The latest closure, while the case is closed (a re-opened case has none). */
  closedAt: Date | null;
  closedReason: string | null;
  adrNoticeSent: boolean;
  deadlockIssued: boolean;
}

/** The export's columns in order, with the header each one gets. */
export const caseExportColumns: readonly CsvColumn<CaseExportRow>[] = [
  { key: 'reference', label: 'reference' },
  { key: 'organisation', label: 'organisation' },
  { key: 'kind', label: 'kind' },
  { key: 'channel', label: 'channel' },
  { key: 'language', label: 'language' },
  { key: 'receivedAt', label: 'received_at' },
  { key: 'acknowledgedAt', label: 'acknowledged_at' },
  { key: 'answeredAt', label: 'answered_at' },
  { key: 'status', label: 'status' },
  { key: 'compensationClaim', label: 'compensation_claim' },
  { key: 'appealed', label: 'appealed' },
  { key: 'appealOutcome', label: 'appeal_outcome' },
  { key: 'closedAt', label: 'closed_at' },
  { key: 'closedReason', label: 'closed_reason' },
  { key: 'adrNoticeSent', label: 'adr_notice_sent' },
  { key: 'deadlockIssued', label: 'deadlock_issued' },
];

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** A case's export row from its facts (pure). */
export function caseExportRow(facts: CaseFacts): CaseExportRow {
  const { events } = facts;
  const first = (test: (type: string) => boolean) => events.find((e) => test(e.type))?.createdAt ?? null;
  const decision = events.findLast((e) => e.type === 'appeal_decided');
  const closed = facts.status === 'closed' ? events.findLast((e) => e.type === 'closed') : undefined;
  return {
    reference: facts.reference,
    organisation: facts.organisationSlug,
    kind: facts.kind,
    channel: facts.channel,
    language: facts.language,
    receivedAt: facts.receivedAt,
    acknowledgedAt: first((type) => type === 'acknowledged'),
    answeredAt: first((type) => type === 'resolution_proposed' || type === 'closed'),
    status: facts.status,
    compensationClaim: facts.compensationClaim,
    appealed: events.some((e) => e.type === 'appealed'),
    appealOutcome: text(decision?.data?.outcome),
    closedAt: closed?.createdAt ?? null,
    closedReason: text(closed?.data?.reason),
    adrNoticeSent: events.some((e) => e.type === 'adr_notice'),
    deadlockIssued: events.some((e) => e.type === 'deadlock_issued'),
  };
}

/**
 * The record regulators ask for: every case of these organisations received in [from, to),
 * oldest first, one row each (`toCsv(rows, caseExportColumns)` writes the file). No name,
 * contact detail or free text of the complainant is read.
 */
export async function caseExport(
  db: Db,
  { organisationIds, from, to }: { organisationIds: readonly string[]; from: Date; to: Date },
): Promise<CaseExportRow[]> {
  return (await loadCaseFacts(db, { organisationIds, from, to })).map(caseExportRow);
}
