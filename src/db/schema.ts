import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jsonb } from './json-column.ts';

/**
 * The case store: one schema for PGlite and PostgreSQL. Personal data lives here and
 * nowhere else (never in Sanity, never in logs). Nothing is edited in place except the
 * projections (`status`, `next_due_*`) that are kept beside the append-only events so
 * that queues can filter without replaying every case.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** PREFIX-YYYY-XXXX-XXXX, random, with a check symbol (src/cases/reference.ts). */
    reference: text('reference').notNull(),
    /** The organisation's Sanity document ID and slug at the time of submission. */
    organisationId: text('organisation_id').notNull(),
    organisationSlug: text('organisation_slug').notNull(),
    /** complaint | compliment */
    kind: text('kind').notNull().default('complaint'),
    /** web | phone | post | inPerson | email */
    channel: text('channel').notNull().default('web'),
    /** The complainant's language: mail and pages use it. */
    language: text('language').notNull(),
    /** Derived from the events; kept here for queues. */
    status: text('status').notNull().default('received'),
    /** A hash of the access code (src/cases/access-code.ts); the code itself is never stored. */
    accessCodeHash: text('access_code_hash').notNull(),
    complainantName: text('complainant_name').notNull(),
    complainantEmail: text('complainant_email'),
    complainantPhone: text('complainant_phone'),
    /** email | post | phone */
    replyChannel: text('reply_channel').notNull(),
    category: text('category'),
    compensationClaim: boolean('compensation_claim').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The next commitment and when it is due, from the organisation's calendar. */
    nextDueEvent: text('next_due_event'),
    nextDueAt: timestamp('next_due_at', { withTimezone: true, mode: 'date' }),
    /**
     * While a proposal stands: when its appeal window closes (organisation's calendar), so that
     * closing passed windows is one index scan. Null in every other status. The scheduler
     * corrects a value that proves early (src/cases/adr-scheduler.ts), which is also how rows
     * from before this column are backfilled.
     */
    appealClosesAt: timestamp('appeal_closes_at', { withTimezone: true, mode: 'date' }),
    /**
     * When the case is (or next becomes) due an ADR letter by the organisation's rules, until the
     * letter is sent; null when no rule can apply. An early value is safe: the scheduler checks
     * the rules and moves it on.
     */
    adrEligibleAt: timestamp('adr_eligible_at', { withTimezone: true, mode: 'date' }),
    assigneeId: text('assignee_id'),
    linkedCaseId: uuid('linked_case_id'),
    /**
     * What the complainant was promised at submission (src/cases/commitments.ts): each
     * commitment's due date, the law's cap, each ADR rule's date and the regime's retention.
     * Later content edits never change it. Null for cases received before it was kept.
     */
    promised: jsonb('promised').$type<Record<string, unknown>>(),
    /** When the personal data was removed after the regime's retention period (src/cases/retention.ts). */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('cases_reference_key').on(t.reference),
    index('cases_org_status_received_idx').on(t.organisationId, t.status, t.receivedAt, t.id),
    index('cases_org_due_idx').on(t.organisationId, t.nextDueAt),
    // The queue (src/cases/queue.ts): open cases of one organisation in keyset order
    // (next_due_at, id), all of them or one assignee's; closed cases leave these indexes.
    index('cases_queue_open_idx')
      .on(t.organisationId, t.nextDueAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    index('cases_queue_assignee_idx')
      .on(t.organisationId, t.assigneeId, t.nextDueAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    // Staff who take cases in one language: without it the planner misjudges language filters
    // (status and next_due_at are correlated) and sorts every open case of the organisation.
    index('cases_queue_language_idx')
      .on(t.organisationId, t.language, t.nextDueAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    // Search by the start of the complainant's name, whatever the database's collation.
    index('cases_org_name_idx').on(t.organisationId, sql`lower(${t.complainantName}) text_pattern_ops`),
    // Reports: one organisation's cases received over a date range.
    index('cases_org_received_idx').on(t.organisationId, t.receivedAt),
    // The case scheduler: proposals whose window has passed, cases due an ADR letter. Partial,
    // so each index holds only the cases still waiting, not the millions already done.
    index('cases_appeal_closes_idx')
      .on(t.appealClosesAt, t.id)
      .where(sql`${t.appealClosesAt} is not null`),
    index('cases_adr_eligible_idx')
      .on(t.adrEligibleAt, t.id)
      .where(sql`${t.adrEligibleAt} is not null`),
  ],
);

/** What happened to a case, in order. Append-only: rows are never updated or deleted. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** received | acknowledged | assigned | note | message | information_requested | ... */
    type: text('type').notNull(),
    /** complainant | staff | system */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    /** complainant (shown on the status page) | internal (staff only) */
    visibility: text('visibility').notNull(),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    // Some events happen once per case whatever races: the ADR notice (two schedulers on one
    // database must not send two letters) and the satisfaction rating.
    uniqueIndex('case_events_once_key')
      .on(t.caseId, t.type)
      .where(sql`${t.type} in ('adr_notice', 'satisfaction_rated')`),
  ],
);

/** The complainant's answers to the organisation's own form fields, by field key. */
export const caseAnswers = pgTable(
  'case_answers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fieldKey: text('field_key').notNull(),
    /** A string, a list of strings, or an address object. */
    value: jsonb('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.fieldKey] })],
);

/**
 * Uploaded files. A file is uploaded with its form (draftId) before the case exists, so that
 * a form shown again with errors keeps it; the submission then attaches it to the case.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    /** The form submission the file came with, until it belongs to a case. */
    draftId: text('draft_id'),
    fieldKey: text('field_key').notNull(),
    /**
     * Files from before they moved into the database: the random name under DATA_DIR/uploads,
     * until the start-up import (src/files/import-disk-uploads.ts) copies the bytes into
     * `attachment_contents`; null for every file stored since.
     */
    storageName: text('storage_name'),
    originalName: text('original_name').notNull(),
    /** Detected from the bytes, not the name. */
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** complainant | staff */
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_case_idx').on(t.caseId),
    index('attachments_draft_idx').on(t.draftId),
    // Draft files never submitted are removed after a day (src/files/draft-cleanup.ts).
    index('attachments_unclaimed_idx')
      .on(t.createdAt)
      .where(sql`${t.caseId} is null`),
  ],
);

/** The most bytes one stored file may have, whatever a form allows: the database refuses more. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The bytes of uploaded files, beside their records so that listing a case's files never reads
 * them. Written in the same transaction as the record; removed with it. The column is stored
 * uncompressed out of line (`storage external`, in the migration): uploads are PDFs and photos,
 * already compressed, and it lets a download read the file in slices without detoasting it whole.
 */
export const attachmentContents = pgTable(
  'attachment_contents',
  {
    attachmentId: uuid('attachment_id')
      .primaryKey()
      .references(() => attachments.id, { onDelete: 'cascade' }),
    content: bytea('content').notNull(),
  },
  (t) => [check('attachment_contents_size_check', sql`octet_length(${t.content}) <= ${sql.raw(String(MAX_FILE_BYTES))}`)],
);

/**
 * Mail waiting to go. Written in the same transaction as the event that causes it; a
 * worker claims rows with FOR UPDATE SKIP LOCKED, so several servers never send one twice.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').references(() => cases.id),
    /** The template: acknowledgement | ... */
    template: text('template').notNull(),
    language: text('language').notNull(),
    toAddress: text('to_address').notNull(),
    /** What the template needs (reference, dates, links...). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** pending | sending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** A claimed row whose worker died becomes claimable again after this. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

/** A submission's key: the same form sent twice (double click, retried POST) makes one case. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  createdAt: createdAt(),
});

/** Fixed-window counters for rate limits, shared by every server on the database. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull().default(0),
  },
  // The window_start index lets pruneRateLimits delete old windows without a full scan.
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);

/**
 * Single-purpose sign-in links sent to a complainant's email: the token is at least 128
 * bits, only its SHA-256 is stored, it expires and works once.
 */
export const magicLinks = pgTable(
  'magic_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('magic_links_token_key').on(t.tokenHash)],
);

/**
 * A complainant's signed-in session on ONE case (the status page). The cookie holds a
 * random token; only its SHA-256 is stored, bound to the case it opened.
 */
export const caseSessions = pgTable(
  'case_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_sessions_token_key').on(t.tokenHash)],
);

/**
 * Members of staff (the back office, docs/back-office.md). The email is stored lower-cased;
 * the password hash (argon2id) is null until the person follows their set-password link.
 * Failed sign-ins are counted here, and `locked_until` stops sign-in for a while after
 * too many (src/auth/session.ts).
 */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('staff_users_email_key').on(t.email)],
);

/** A member of staff's role in one organisation (its content `_id`); one row per organisation. */
export const staffMemberships = pgTable(
  'staff_memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => staffUsers.id),
    organisationId: text('organisation_id').notNull(),
    organisationSlug: text('organisation_slug').notNull(),
    /** handler | manager | admin */
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index('staff_memberships_org_idx').on(t.organisationId)],
);

/**
 * Staff sessions (src/auth/staff-session.ts): id, user_id, expires_at, the shape Lucia v3 used.
 * The id is the SHA-256 of the cookie's token, never the token itself. `expires_at` slides
 * (idle expiry); `created_at` gives the absolute limit.
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => staffUsers.id),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('staff_sessions_user_idx').on(t.userId)],
);

/** Single-use links to set a password: only the token's SHA-256 is stored; they expire. */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => staffUsers.id),
    /** set */
    purpose: text('purpose').notNull().default('set'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('password_tokens_user_idx').on(t.userId)],
);

/**
 * What staff did, one row per action, written in the same transaction as the action.
 * Append-only. `client_hash` is a hash of the client's address, never the address.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** staff | system */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    organisationId: text('organisation_id').notNull(),
    caseId: uuid('case_id'),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    clientHash: text('client_hash'),
  },
  (t) => [index('audit_log_org_at_idx').on(t.organisationId, t.at), index('audit_log_case_idx').on(t.caseId)],
);

/**
 * Requests for the complaints code (or a letter about a case) in an accessible format or as
 * a free posted copy (src/formats). The contact details are personal data, kept like a
 * case's. `status` is a projection of the events, kept here for the back office's list.
 */
export const formatRequests = pgTable(
  'format_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** AF-XXXX-XXXX, random (src/formats/reference.ts): what the requester quotes. */
    reference: text('reference').notNull(),
    organisationId: text('organisation_id').notNull(),
    organisationSlug: text('organisation_slug').notNull(),
    /** code | caseLetter */
    subject: text('subject').notNull(),
    /** The case reference as typed and normalised (caseLetter); never checked against the cases. */
    caseReference: text('case_reference'),
    /** braille | largePrint | audio | easyRead | otherLanguage | postedCopy | other */
    format: text('format').notNull(),
    /** Which language or what other format (otherLanguage, other). */
    details: text('details'),
    /** post | email */
    delivery: text('delivery').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    postalAddress: jsonb('postal_address').$type<Record<string, string>>(),
    notes: text('notes'),
    /** The requester's language: mail and pages use it. */
    language: text('language').notNull(),
    /** received | in_progress | fulfilled | declined */
    status: text('status').notNull().default('received'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    fulfilledBy: text('fulfilled_by'),
    /** How and when it was sent (fulfilled) or why not (declined). */
    note: text('note'),
    /** The form's one-time key: the same form sent twice makes one request. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('format_requests_reference_key').on(t.reference),
    uniqueIndex('format_requests_idempotency_key').on(t.idempotencyKey),
    index('format_requests_org_status_idx').on(t.organisationId, t.status, t.receivedAt),
    // The case page lists the requests quoting its reference.
    index('format_requests_case_idx').on(t.organisationId, t.caseReference),
  ],
);

/** What happened to a format request, in order. Append-only. */
export const formatRequestEvents = pgTable(
  'format_request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => formatRequests.id),
    /** received | started | fulfilled | declined */
    type: text('type').notNull(),
    /** requester | staff */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('format_request_events_request_idx').on(t.requestId, t.id)],
);

export const schema = {
  cases,
  caseEvents,
  caseAnswers,
  attachments,
  attachmentContents,
  outbox,
  idempotencyKeys,
  rateLimits,
  magicLinks,
  caseSessions,
  staffUsers,
  staffMemberships,
  staffSessions,
  passwordTokens,
  auditLog,
  formatRequests,
  formatRequestEvents,
};
