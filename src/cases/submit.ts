import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { attachments, caseAnswers, caseEvents, cases, idempotencyKeys, type Db, type Tx } from '../db/index.ts';
import { localParts, type OrgCalendar } from '../calendar/index.ts';
import type { FormField, FormValues } from '../forms/types.ts';
import { mailInsert } from '../mail/outbox.ts';
import { generateAccessCode, hashAccessCode } from './access-code.ts';
import { firstTask, promiseAtSubmission, promisedDates, storePromised } from './commitments.ts';
import type { PlannedDeadline } from './deadlines.ts';
import type { AdrRule, LifecycleCommitment } from './lifecycle-types.ts';
import type { RegimePolicy } from './regime.ts';
import { generateReference } from './reference.ts';
import { firstAdrCheck } from './schedule-columns.ts';

export interface CaseOrganisation {
  id: string;
  slug: string;
  referencePrefix: string;
  calendar: OrgCalendar;
  commitments: readonly LifecycleCommitment[];
  /** ADR rules and regime: their dates are promised (and stored) at submission too. */
  adr?: readonly AdrRule[] | null;
  regime?: RegimePolicy | null;
}

export interface AcknowledgementMail {
  template: string;
  to: string;
  payload: Record<string, unknown>;
}

export interface NewCase {
  organisation: CaseOrganisation;
  kind: 'complaint' | 'compliment';
  channel?: 'web' | 'phone' | 'post' | 'inPerson' | 'email';
  language: string;
  /** The form's one-time key: the same submission sent twice makes one case. */
  idempotencyKey: string;
  /** The form the uploads came with. */
  draftId: string | null;
  /** Validated answers, by question key. */
  answers: FormValues;
  fields: readonly FormField[];
  now: Date;
  /** The acknowledgement to queue with the case, or null (no email address to send to). */
  acknowledgement: (created: { reference: string; accessCode: string; deadlines: PlannedDeadline[] }) => AcknowledgementMail | null;
  /**
   * The member of staff who logged a complaint received by phone, post or in person: the
   * `received` event names them as its actor.
   */
  receivedBy?: { id: string; name: string };
  /** Runs inside the transaction after the case row is written (tests inject failures; the back office writes its audit row). */
  afterCaseInsert?: (tx: Tx, caseId: string) => Promise<void>;
}

export type SubmitResult =
  | { ok: true; duplicate: false; caseId: string; reference: string; accessCode: string; deadlines: PlannedDeadline[] }
  | { ok: true; duplicate: true; caseId: string; reference: string };

const text = (value: FormValues[string] | undefined) => (typeof value === 'string' && value ? value : null);

/** The name of the unique constraint a failed insert broke, looking through Drizzle's wrapping. */
function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown; message?: string } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint ?? e.message ?? 'unique';
  }
  return null;
}

/**
 * Records a complaint (or compliment): in ONE transaction the case, its answers, its
 * attachments, its "received" event, the acknowledgement in the outbox and the idempotency
 * key. All of it commits or none of it does. A second submission with the same key
 * returns the first case. The access code exists in plain text only in the result (to
 * show once) and in the queued mail (scrubbed after delivery); the case keeps a hash.
 */
export async function submitCase(db: Db, input: NewCase): Promise<SubmitResult> {
  // A repeated submission is caught by the idempotency key's primary key inside the
  // transaction (below), not by a lookup first: one round trip less for every complaint.
  const { organisation, answers, now } = input;
  const compensationClaim = input.fields.some((f) => f.role === 'compensationClaim' && answers[f.key] === 'yes');
  // What the complainant is promised is decided once, here, and kept on the case: later
  // content edits never move these dates (src/cases/commitments.ts).
  const promised = input.kind === 'complaint' ? promiseAtSubmission(organisation, now, { compensationClaim }) : null;
  const deadlines = promised ? promisedDates(promised) : [];
  const next = promised ? firstTask(promised, now) : undefined;
  // A caller that does not pass the ADR rules gets the scheduler's look at receipt: early is
  // safe, the scheduler applies the rules then and stores the right instant.
  const adrEligibleAt = !promised ? null : organisation.adr === undefined ? now : firstAdrCheck(promised);
  const year = Number(localParts(now, organisation.calendar.timeZone).date.slice(0, 4));
  const accessCode = generateAccessCode();
  const accessCodeHash = await hashAccessCode(accessCode);
  const fileKeys = new Set(input.fields.filter((f) => f.type === 'file').map((f) => f.key));
  const fileIds = [...fileKeys].flatMap((key) => (Array.isArray(answers[key]) ? (answers[key] as string[]) : []));

  for (let attempt = 0; ; attempt++) {
    const reference = generateReference(organisation.referencePrefix, year);
    try {
      const caseId = randomUUID();
      await db.transaction(async (tx) => {
        // Files are recorded as attachments, not as answers.
        const rows = Object.entries(answers)
          .filter(([key]) => !fileKeys.has(key))
          .map(([fieldKey, value]) => ({ caseId, fieldKey, value }));
        const mail = input.acknowledgement({ reference, accessCode, deadlines });
        // Every row in one statement of data-modifying WITHs (foreign keys are checked at its
        // end): three round trips to the database for a complaint instead of eight.
        const writes = [
          sql`new_case as (${tx
            .insert(cases)
            .values({
              id: caseId,
              reference,
              organisationId: organisation.id,
              organisationSlug: organisation.slug,
              kind: input.kind,
              channel: input.channel ?? 'web',
              language: input.language,
              status: 'received',
              accessCodeHash,
              complainantName: text(answers.name) ?? '',
              complainantEmail: text(answers.email),
              complainantPhone: text(answers.phone),
              replyChannel: text(answers.replyChannel) ?? (text(answers.email) ? 'email' : 'phone'),
              category: text(answers.category),
              compensationClaim,
              receivedAt: now,
              nextDueEvent: next?.event ?? null,
              nextDueAt: next?.due ?? null,
              promised: promised ? { ...storePromised(promised) } : null,
              adrEligibleAt,
            })
            .getSQL()})`,
          ...(rows.length ? [sql`new_answers as (${tx.insert(caseAnswers).values(rows).getSQL()})`] : []),
          sql`new_event as (${tx
            .insert(caseEvents)
            .values({
              caseId,
              type: 'received',
              actorType: input.receivedBy ? 'staff' : 'complainant',
              actorId: input.receivedBy?.id ?? null,
              actorName: input.receivedBy?.name ?? null,
              visibility: 'complainant',
              data: { channel: input.channel ?? 'web', deadlines: deadlines.map((d) => ({ event: d.event, due: d.due.toISOString() })) },
              createdAt: now,
            })
            .getSQL()})`,
          ...(mail
            ? [sql`new_mail as (${mailInsert(tx, { caseId, template: mail.template, language: input.language, to: mail.to, payload: mail.payload }).getSQL()})`]
            : []),
          sql`new_key as (${tx.insert(idempotencyKeys).values({ key: input.idempotencyKey, caseId }).getSQL()})`,
          // Only files uploaded with this very form, and not already part of a case.
          ...(fileIds.length
            ? [
                sql`attached as (${tx
                  .update(attachments)
                  .set({ caseId, draftId: null })
                  .where(and(inArray(attachments.id, fileIds), eq(attachments.draftId, input.draftId ?? ''), isNull(attachments.caseId)))
                  .returning({ id: attachments.id })
                  .getSQL()})`,
              ]
            : []),
        ];
        const attached = fileIds.length ? sql`(select count(*)::int from attached)` : sql`0`;
        // Both drivers (node-postgres and PGlite) answer { rows }.
        const result = (await tx.execute(sql`with ${sql.join(writes, sql`, `)} select ${attached} as attached`)) as { rows: { attached: number }[] };
        if (Number(result.rows[0]?.attached ?? 0) !== fileIds.length) throw new Error('an attachment of this submission is missing');
        await input.afterCaseInsert?.(tx, caseId);
      });
      return { ok: true, duplicate: false, caseId, reference, accessCode, deadlines };
    } catch (error) {
      const violated = uniqueViolation(error);
      if (violated?.includes('idempotency')) {
        const first = await findByIdempotencyKey(db, input.idempotencyKey);
        if (first) return { ok: true, duplicate: true, ...first };
      }
      // A random reference that already exists: draw another (1 in 34 billion per year and prefix).
      if (violated?.includes('reference') && attempt < 3) continue;
      throw error;
    }
  }
}

async function findByIdempotencyKey(db: Db, key: string): Promise<{ caseId: string; reference: string } | null> {
  const [row] = await db
    .select({ caseId: cases.id, reference: cases.reference })
    .from(idempotencyKeys)
    .innerJoin(cases, eq(cases.id, idempotencyKeys.caseId))
    .where(eq(idempotencyKeys.key, key));
  return row ?? null;
}

/** A case by its id, or null. */
export async function findCase(db: Db, id: string) {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row ?? null;
}

/** The deadlines promised when the case was received (recorded on its "received" event). */
export async function receivedDeadlines(db: Db, caseId: string): Promise<PlannedDeadline[]> {
  const [event] = await db
    .select({ data: caseEvents.data })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'received')))
    .limit(1);
  const list = (event?.data?.deadlines ?? []) as { event: string; due: string }[];
  return list.map((d) => ({ event: d.event, due: new Date(d.due) }));
}
