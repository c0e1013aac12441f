import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { addressLines as formatAddressLines } from '../forms/address-format.ts';
import { formatRequestEvents, formatRequests, type Db, type Tx } from '../db/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { Address } from '../forms/types.ts';
import type { FormatRequestAnswers } from './request-form.ts';
import { notificationRecipients, type ContactContent, type Recipients } from './recipients.ts';
import { generateRequestReference } from './reference.ts';

export const formatStatuses = ['received', 'in_progress', 'fulfilled', 'declined'] as const;
export type FormatStatus = (typeof formatStatuses)[number];
/** Statuses in which the organisation still owes the requester something. */
export const openStatuses: readonly FormatStatus[] = ['received', 'in_progress'];

export type FormatRequestRow = typeof formatRequests.$inferSelect;
export type FormatRequestEvent = typeof formatRequestEvents.$inferSelect;

/** The organisation a request is made to, as far as the store and its mail need it. */
export interface FormatOrganisation {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  /** The organisation's first language: the notice to its staff is written in it. */
  language: string;
  /** ISO 3166-1 alpha-2: addresses are written in its order. */
  country?: string;
  contactMethods: readonly ContactContent[];
}

export interface NewFormatRequest {
  organisation: FormatOrganisation;
  answers: FormatRequestAnswers;
  /** The requester's language. */
  language: string;
  /** The form's one-time key: the same form sent twice makes one request. */
  idempotencyKey: string;
  now: Date;
  /** The site's address, for the link to the request in the back office. */
  publicBaseUrl: string;
  /** The organisation's own words about the format asked for, in the requester's language, if any. */
  commitment: string | null;
  /** Runs inside the transaction after the request row is written (tests inject failures here). */
  afterInsert?: (tx: Tx, id: string) => Promise<void>;
}

export interface RecordedRequest {
  /** True when this form was already sent: the first request is returned and nothing is written. */
  duplicate: boolean;
  id: string;
  reference: string;
  receivedAt: Date;
  /** Who was told (nothing is said about it in public). */
  notified: Recipients['source'];
}

/** A postal address on lines, as a letter in the organisation's country has it (see src/forms/address-format.ts). */
export function addressLines(address: Partial<Address> | null | undefined, country?: string | null): string {
  return formatAddressLines(address, country).join('\n');
}

const optional = (value: string | null | undefined) => value || undefined;

/** The payload pieces every mail about the request shares. */
function mailFacts(row: FormatRequestRow, organisation: { name: string; timeZone: string }) {
  return {
    reference: row.reference,
    organisationName: organisation.name,
    timeZone: organisation.timeZone,
    receivedAt: row.receivedAt.toISOString(),
    subject: row.subject,
    caseReference: optional(row.caseReference),
    format: row.format,
    details: optional(row.details),
    delivery: row.delivery,
  };
}

/**
 * Records a request in ONE transaction: the request, its `received` event, the
 * acknowledgement to the requester (when they gave an email address) and the notice to the
 * organisation's accessibility contact (src/formats/recipients.ts) in the outbox. All of it
 * commits or none of it does. A form sent again with the same key returns the first request.
 */
export async function recordFormatRequest(db: Db, input: NewFormatRequest): Promise<RecordedRequest> {
  const { organisation, answers, now } = input;
  return db.transaction(async (tx) => {
    const [earlier] = await tx.select().from(formatRequests).where(eq(formatRequests.idempotencyKey, input.idempotencyKey));
    if (earlier) return { duplicate: true, id: earlier.id, reference: earlier.reference, receivedAt: earlier.receivedAt, notified: 'none' as const };

    let row: FormatRequestRow | undefined;
    // A random reference that already exists (1 in 34 billion): draw another. A form sent
    // twice at once meets the other's idempotency key here and is answered with it.
    for (let attempt = 0; !row && attempt < 4; attempt++) {
      [row] = await tx
        .insert(formatRequests)
        .values({
          reference: generateRequestReference(),
          organisationId: organisation.id,
          organisationSlug: organisation.slug,
          subject: answers.subject,
          caseReference: answers.caseReference,
          format: answers.format,
          details: answers.details,
          delivery: answers.delivery,
          name: answers.name,
          email: answers.email,
          phone: answers.phone,
          postalAddress: answers.postalAddress ? { ...answers.postalAddress } : null,
          notes: answers.notes,
          language: input.language,
          status: 'received',
          receivedAt: now,
          updatedAt: now,
          idempotencyKey: input.idempotencyKey,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        const [first] = await tx.select().from(formatRequests).where(eq(formatRequests.idempotencyKey, input.idempotencyKey));
        if (first) return { duplicate: true, id: first.id, reference: first.reference, receivedAt: first.receivedAt, notified: 'none' as const };
      }
    }
    if (!row) throw new Error('could not draw a free format request reference');

    await input.afterInsert?.(tx, row.id);
    await tx.insert(formatRequestEvents).values({ requestId: row.id, type: 'received', actorType: 'requester', createdAt: now });
    const facts = mailFacts(row, organisation);
    if (row.email) {
      await enqueueMail(tx, {
        template: 'formatRequestAcknowledgement',
        language: input.language,
        to: row.email,
        payload: { ...facts, commitment: optional(input.commitment) },
      });
    }
    const recipients = await notificationRecipients(tx, organisation.id, organisation.contactMethods);
    for (const to of recipients.addresses) {
      await enqueueMail(tx, {
        template: 'formatRequestNotification',
        language: organisation.language,
        to,
        payload: {
          ...facts,
          name: row.name,
          email: optional(row.email),
          phone: optional(row.phone),
          postalAddress: optional(addressLines(row.postalAddress, organisation.country)),
          notes: optional(row.notes),
          requesterLanguage: input.language,
          staffUrl: `${input.publicBaseUrl}/staff/formats/${row.id}`,
        },
      });
    }
    return { duplicate: false, id: row.id, reference: row.reference, receivedAt: row.receivedAt, notified: recipients.source };
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request by id, or null (also for an id that is not a UUID). */
export async function findFormatRequest(db: Db, id: string | undefined): Promise<FormatRequestRow | null> {
  if (!id || !uuidPattern.test(id)) return null;
  const [row] = await db.select().from(formatRequests).where(eq(formatRequests.id, id));
  return row ?? null;
}

/**
 * A request with its events for a member of staff, or null when there is none OR it
 * belongs to an organisation outside `organisationIds`: both are a 404, so that a request's
 * existence is never revealed.
 */
export async function loadFormatRequest(db: Db, id: string | undefined, organisationIds: readonly string[]) {
  const request = await findFormatRequest(db, id);
  if (!request || !organisationIds.includes(request.organisationId)) return null;
  const events = await db.select().from(formatRequestEvents).where(eq(formatRequestEvents.requestId, request.id)).orderBy(asc(formatRequestEvents.id));
  return { request, events };
}

export type FormatListFilter = FormatStatus | 'open' | 'all';

/** Whether a list shows open requests, oldest first (who has waited longest), rather than the others, newest first. */
export const listsOldestFirst = (filter: FormatListFilter) => filter === 'open' || (openStatuses as readonly string[]).includes(filter);

/** The requests of some organisations, in the order of `listsOldestFirst`. At most `limit`. */
export async function listFormatRequests(db: Db, options: { organisationIds: readonly string[]; filter: FormatListFilter; limit?: number }) {
  if (options.organisationIds.length === 0) return [];
  const scope: SQL[] = [inArray(formatRequests.organisationId, [...options.organisationIds])];
  if (options.filter === 'open') scope.push(inArray(formatRequests.status, [...openStatuses]));
  else if (options.filter !== 'all') scope.push(eq(formatRequests.status, options.filter));
  return db
    .select()
    .from(formatRequests)
    .where(and(...scope))
    .orderBy(listsOldestFirst(options.filter) ? asc(formatRequests.receivedAt) : desc(formatRequests.receivedAt), asc(formatRequests.id))
    .limit(options.limit ?? 200);
}

/** How many requests of these organisations are still open. */
export async function countOpenFormatRequests(db: Db, organisationIds: readonly string[]): Promise<number> {
  if (organisationIds.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(formatRequests)
    .where(and(inArray(formatRequests.organisationId, [...organisationIds]), inArray(formatRequests.status, [...openStatuses])));
  return Number(row?.n ?? 0);
}

export type FormatAction = 'start' | 'fulfil' | 'decline';

/** From which statuses each action may go, where it leads, and the event it writes. */
const actions: Record<FormatAction, { from: readonly FormatStatus[]; to: FormatStatus; event: string }> = {
  start: { from: ['received'], to: 'in_progress', event: 'started' },
  fulfil: { from: ['received', 'in_progress'], to: 'fulfilled', event: 'fulfilled' },
  decline: { from: ['received', 'in_progress'], to: 'declined', event: 'declined' },
};

/** The actions open to staff in a status. */
export const actionsIn = (status: string): FormatAction[] =>
  (Object.keys(actions) as FormatAction[]).filter((action) => (actions[action].from as readonly string[]).includes(status));

export interface FormatActionInput {
  requestId: string;
  /** The member's organisations: a request outside them is `notFound`. */
  organisationIds: readonly string[];
  action: FormatAction;
  actor: { id: string; name: string };
  /** How it was sent (fulfil, required), why not (decline, required). */
  body: string | null;
  /** The day it was sent (fulfil), YYYY-MM-DD in the organisation's calendar. */
  sentOn?: string | null;
  organisation: { name: string; timeZone: string };
  clientKey?: string | null;
  now: Date;
}

export type FormatActionResult = { ok: true } | { ok: false; reason: 'notFound' | 'notAllowed' | 'bodyRequired' };

/**
 * A member of staff starts, fulfils or declines a request. In one transaction: the status
 * moves on only from a status that allows it (a colleague who acted first wins, the other
 * is refused), the event is written, the audit row too, and the requester, when they gave
 * an email address, is told it was sent or why it will not be.
 */
export async function actOnFormatRequest(db: Db, input: FormatActionInput): Promise<FormatActionResult> {
  const rule = actions[input.action];
  const body = input.body?.trim() || null;
  if (input.action !== 'start' && !body) return { ok: false, reason: 'bodyRequired' };
  return db.transaction(async (tx) => {
    const found = await findFormatRequest(tx, input.requestId);
    if (!found || !input.organisationIds.includes(found.organisationId)) return { ok: false, reason: 'notFound' } as const;
    const [row] = await tx
      .update(formatRequests)
      .set({
        status: rule.to,
        updatedAt: input.now,
        ...(input.action === 'start' ? {} : { note: body }),
        ...(input.action === 'fulfil' ? { fulfilledBy: input.actor.id } : {}),
      })
      .where(and(eq(formatRequests.id, found.id), inArray(formatRequests.status, [...rule.from])))
      .returning();
    if (!row) return { ok: false, reason: 'notAllowed' } as const;
    const data = input.action === 'fulfil' && input.sentOn ? { sentOn: input.sentOn } : {};
    await tx.insert(formatRequestEvents).values({
      requestId: row.id,
      type: rule.event,
      actorType: 'staff',
      actorId: input.actor.id,
      actorName: input.actor.name,
      body,
      data,
      createdAt: input.now,
    });
    await recordAudit(tx, {
      actor: { type: 'staff', id: input.actor.id },
      organisationId: row.organisationId,
      action: `formatRequest.${rule.event}`,
      details: { formatRequestId: row.id, reference: row.reference },
      clientKey: input.clientKey ?? null,
      now: input.now,
    });
    if (row.email && input.action !== 'start') {
      await enqueueMail(tx, {
        template: 'formatRequestUpdate',
        language: row.language,
        to: row.email,
        payload: { update: rule.to, ...mailFacts(row, input.organisation), body: body!, ...data },
      });
    }
    return { ok: true } as const;
  });
}
