// Retention per regime: a closed case keeps its complainant's personal data only as long as its
// regime says records are kept (FCA DISP 1.9: three years from receipt; Hungary: five years).
// Then the personal data goes and the figures stay. This is the one exception to "events are
// never updated": erasure is an explicit operation, logged as an `anonymised` event and an
// audit row in the same transaction.
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { addDuration, type DurationUnit } from '../calendar/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { attachments, caseAnswers, caseEvents, cases, caseSessions, magicLinks, outbox, type Db } from '../db/index.ts';
import { readPromised } from './commitments.ts';
import type { CaseActionPolicy } from './actions/types.ts';
import { limitInForce } from './regime.ts';

const DAY = 86_400_000;
const units = new Set<DurationUnit>(['calendarDays', 'businessDays', 'weeks', 'months']);

/**
 * When a case's records may be anonymised: its receipt plus the retention period of the
 * regime in force at receipt (stored on the case at submission; for older cases, the current
 * regime's limit for that date), in the organisation's calendar. Undefined when no retention
 * period applies: such cases are kept.
 */
export function retentionEndsAt(row: { receivedAt: Date; promised: unknown }, policy: Pick<CaseActionPolicy, 'regime' | 'calendar'>): Date | undefined {
  const stored = readPromised(row.promised)?.regime?.retention;
  const retention = stored ?? limitInForce(policy.regime, 'retention', row.receivedAt, policy.calendar.timeZone)?.duration;
  const amount = retention?.amount;
  const unit = retention?.unit as DurationUnit | undefined;
  if (typeof amount !== 'number' || !unit || !units.has(unit)) return undefined;
  return addDuration(row.receivedAt, amount, unit, policy.calendar);
}

export interface RetentionOptions {
  now: Date;
  policyFor: (organisationId: string) => Promise<CaseActionPolicy | null>;
  /** Most cases anonymised per organisation and run (default 200); the next run takes the rest. */
  batch?: number;
}

/**
 * Anonymises the closed cases whose regime's retention period has passed. Per organisation with
 * a retention limit, candidates come from one indexed query (closed, not yet anonymised, received
 * before the shortest retention could end); each is then decided and anonymised in its own
 * transaction (the case row FOR UPDATE SKIP LOCKED, so two servers never do one twice).
 */
export async function anonymiseExpired(db: Db, { now, policyFor, batch = 200 }: RetentionOptions): Promise<{ anonymised: string[] }> {
  const anonymised: string[] = [];
  const organisations = await db
    .selectDistinct({ id: cases.organisationId })
    .from(cases)
    .where(and(eq(cases.status, 'closed'), isNull(cases.anonymisedAt)));
  for (const { id: organisationId } of organisations) {
    const policy = await policyFor(organisationId);
    const retentions = (policy?.regime?.limits ?? []).filter((l) => l.kind === 'retention' && typeof l.duration.amount === 'number');
    if (!policy || retentions.length === 0) continue;
    // A month is at least 28 days, a business day at least a day: a loose cut-off, decided exactly below.
    const shortest = Math.min(...retentions.map((l) => (l.duration.amount ?? 0) * ({ months: 28, weeks: 7 }[l.duration.unit ?? ''] ?? 1)));
    const cutoff = new Date(now.getTime() - shortest * DAY + DAY);
    const candidates = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.organisationId, organisationId), eq(cases.status, 'closed'), isNull(cases.anonymisedAt), lte(cases.receivedAt, cutoff)))
      .orderBy(asc(cases.receivedAt), asc(cases.id))
      .limit(batch);
    for (const { id } of candidates) {
      // Files live in the case store: deleting their rows (contents cascade) is part of the transaction.
      if (await anonymiseCase(db, id, policy, now)) anonymised.push(id);
    }
  }
  return { anonymised };
}

/**
 * Anonymises one case if it is closed, not yet anonymised and past its retention: removes the
 * complainant's name, contacts and answers, the text of every event (letters and replies name
 * people), the attachments, the queued mail, sign-in links and sessions; keeps the case's
 * reference, dates, status, channel, category and the events' types, times and outcomes, so
 * reports and published figures do not change. Writes an internal `anonymised` event and an
 * audit row. Returns the ids of the files removed with it, or null when nothing was done.
 */
export async function anonymiseCase(db: Db, caseId: string, policy: Pick<CaseActionPolicy, 'regime' | 'calendar'>, now: Date): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update', { skipLocked: true });
    if (!row || row.status !== 'closed' || row.anonymisedAt) return null;
    const endsAt = retentionEndsAt(row, policy);
    if (!endsAt || endsAt.getTime() > now.getTime()) return null;
    const files = await tx.delete(attachments).where(eq(attachments.caseId, caseId)).returning({ id: attachments.id });
    const answers = await tx.delete(caseAnswers).where(eq(caseAnswers.caseId, caseId)).returning({ key: caseAnswers.fieldKey });
    await tx
      .update(caseEvents)
      .set({ body: null })
      .where(and(eq(caseEvents.caseId, caseId), sql`${caseEvents.body} is not null`));
    await tx.delete(outbox).where(eq(outbox.caseId, caseId));
    await tx.delete(magicLinks).where(eq(magicLinks.caseId, caseId));
    await tx.delete(caseSessions).where(eq(caseSessions.caseId, caseId));
    await tx.update(cases).set({ complainantName: '', complainantEmail: null, complainantPhone: null, anonymisedAt: now }).where(eq(cases.id, caseId));
    const details = {
      regime: readPromised(row.promised)?.regime?.id ?? policy.regime?.id ?? null,
      retentionEndedAt: endsAt.toISOString(),
      answersRemoved: answers.length,
      filesRemoved: files.length,
    };
    await tx.insert(caseEvents).values({ caseId, type: 'anonymised', actorType: 'system', visibility: 'internal', data: details, createdAt: now });
    await recordAudit(tx, { actor: { type: 'system' }, organisationId: row.organisationId, caseId, action: 'case.anonymised', details, now });
    return files.map((f) => f.id);
  });
}
