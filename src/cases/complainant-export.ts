// "Everything you hold about me": one complainant's data across an organisation's cases, as
// JSON, for a subject access request. Staff (managers, admins) ask for it from a case; the
// export finds the complainant's other cases of the same organisation by their email address
// or telephone number and through links between cases.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { attachments, caseAnswers, caseEvents, cases, formatRequests, type Db } from '../db/index.ts';

/** One case as the export shows it: the row without secrets, answers, every event, files (metadata). */
export interface ExportedCase {
  id: string;
  reference: string;
  kind: string;
  channel: string;
  language: string;
  status: string;
  receivedAt: string;
  complainant: { name: string; email: string | null; phone: string | null; replyChannel: string };
  category: string | null;
  compensationClaim: boolean;
  linkedCaseId: string | null;
  anonymisedAt: string | null;
  promised: unknown;
  answers: { field: string; value: unknown }[];
  events: { type: string; at: string; actorType: string; actorName: string | null; visibility: string; body: string | null; data: Record<string, unknown> }[];
  files: { id: string; name: string; type: string; size: number; sha256: string; uploadedBy: string; at: string }[];
}

export interface ComplainantExport {
  exportedAt: string;
  organisationId: string;
  /** How the cases were matched to the complainant. */
  matchedBy: { email: string | null; phone: string | null; fromCase: string };
  cases: ExportedCase[];
  formatRequests: {
    reference: string;
    format: string;
    delivery: string;
    status: string;
    receivedAt: string;
    name: string;
    email: string | null;
    phone: string | null;
    postalAddress: unknown;
    details: string | null;
  }[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Everything about the complainant of `caseId`: every case of the same organisation with the
 * same email address (case-insensitive) or telephone number, or linked to one of them, each
 * with its answers, all its events (internal notes included: they are about the complainant
 * too) and its files' metadata; and the organisation's accessible-format requests from the same
 * address. The access-code hash and file storage names are left out. Null when there is no such case.
 */
export async function complainantExport(db: Db, caseId: string, now: Date): Promise<ComplainantExport | null> {
  if (!uuid.test(caseId)) return null;
  const [first] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!first) return null;
  const email = first.complainantEmail?.toLowerCase() ?? null;
  const phone = first.complainantPhone ?? null;
  const same = [eq(cases.id, first.id)];
  if (email) same.push(sql`lower(${cases.complainantEmail}) = ${email}`);
  if (phone) same.push(eq(cases.complainantPhone, phone));
  const matched = await db
    .select()
    .from(cases)
    .where(and(eq(cases.organisationId, first.organisationId), or(...same)));
  const ids = new Set(matched.map((c) => c.id));
  const links = matched.flatMap((c) => (c.linkedCaseId && !ids.has(c.linkedCaseId) ? [c.linkedCaseId] : []));
  const linked = links.length
    ? await db
        .select()
        .from(cases)
        .where(and(eq(cases.organisationId, first.organisationId), inArray(cases.id, links)))
    : [];
  const rows = [...matched, ...linked].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const caseIds = rows.map((r) => r.id);
  const [answers, events, files] = await Promise.all([
    db.select().from(caseAnswers).where(inArray(caseAnswers.caseId, caseIds)),
    db.select().from(caseEvents).where(inArray(caseEvents.caseId, caseIds)).orderBy(asc(caseEvents.id)),
    db.select().from(attachments).where(inArray(attachments.caseId, caseIds)).orderBy(asc(attachments.createdAt)),
  ]);
  const requests = email
    ? await db
        .select()
        .from(formatRequests)
        .where(and(eq(formatRequests.organisationId, first.organisationId), sql`lower(${formatRequests.email}) = ${email}`))
        .orderBy(asc(formatRequests.receivedAt))
    : [];
  return {
    exportedAt: now.toISOString(),
    organisationId: first.organisationId,
    matchedBy: { email, phone, fromCase: first.reference },
    cases: rows.map((c) => ({
      id: c.id,
      reference: c.reference,
      kind: c.kind,
      channel: c.channel,
      language: c.language,
      status: c.status,
      receivedAt: c.receivedAt.toISOString(),
      complainant: { name: c.complainantName, email: c.complainantEmail, phone: c.complainantPhone, replyChannel: c.replyChannel },
      category: c.category,
      compensationClaim: c.compensationClaim,
      linkedCaseId: c.linkedCaseId,
      anonymisedAt: c.anonymisedAt?.toISOString() ?? null,
      promised: c.promised ?? null,
      answers: answers.filter((a) => a.caseId === c.id).map((a) => ({ field: a.fieldKey, value: a.value })),
      events: events
        .filter((e) => e.caseId === c.id)
        .map((e) => ({
          type: e.type,
          at: e.createdAt.toISOString(),
          actorType: e.actorType,
          actorName: e.actorName,
          visibility: e.visibility,
          body: e.body,
          data: e.data,
        })),
      files: files
        .filter((f) => f.caseId === c.id)
        .map((f) => ({
          id: f.id,
          name: f.originalName,
          type: f.mimeType,
          size: f.size,
          sha256: f.sha256,
          uploadedBy: f.uploadedBy,
          at: f.createdAt.toISOString(),
        })),
    })),
    formatRequests: requests.map((r) => ({
      reference: r.reference,
      format: r.format,
      delivery: r.delivery,
      status: r.status,
      receivedAt: r.receivedAt.toISOString(),
      name: r.name,
      email: r.email,
      phone: r.phone,
      postalAddress: r.postalAddress ?? null,
      details: r.details,
    })),
  };
}
