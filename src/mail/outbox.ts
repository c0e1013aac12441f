import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { outbox, type Db } from '../db/index.ts';
import { validatePayload } from './templates/index.ts';

/** A row of the outbox, as the worker sees it. */
export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxMail {
  /** The case the mail is about (null for mail that belongs to no case, like a sign-in link). */
  caseId?: string | null;
  /** A template name from src/mail/templates (acknowledgement, ...). */
  template: string;
  /** The reader's language. */
  language: string;
  /** The recipient's address. */
  to: string;
  /** What the template needs; checked against the template's schema. */
  payload: Record<string, unknown>;
}

/** Retry timing. Exported so that operators' docs and tests quote the same numbers. */
export const retryPolicy = {
  /** Delay after the first failure; doubled after each further failure. */
  baseDelayMs: 30_000,
  /** Longest delay between two attempts. */
  maxDelayMs: 60 * 60_000,
  /** Attempts before a mail is given up (status `failed`, kept for an operator): about 9 hours. */
  maxAttempts: 16,
  /** Each delay is drawn between (1 - jitter) and (1 + jitter) times the nominal delay. */
  jitter: 0.2,
} as const;

/**
 * Queues a mail in the caller's transaction: the case, its event and its mail commit
 * together or not at all. Throws MailPayloadError (a bug) when the template is unknown or
 * the payload does not fit it, which rolls the caller's transaction back.
 */
export async function enqueueMail(tx: Db, mail: OutboxMail): Promise<{ id: number }> {
  const [row] = await mailInsert(tx, mail).returning({ id: outbox.id });
  return { id: row!.id };
}

/** The insert that queues a mail (its payload checked first), for a caller that writes it within a larger statement. */
export function mailInsert(tx: Db, mail: OutboxMail) {
  const payload = validatePayload(mail.template, mail.payload);
  return tx.insert(outbox).values({ caseId: mail.caseId ?? null, template: mail.template, language: mail.language, toAddress: mail.to, payload });
}

export interface ClaimOptions {
  /** Most rows to claim. */
  limit: number;
  /** How long the claim holds: after it a row still `sending` is taken to belong to a dead worker. */
  lockMs: number;
  now?: Date;
}

/**
 * Claims the mail that is due: pending rows whose time has come, and rows left `sending`
 * by a worker that died (their `locked_until` has passed). In one statement the rows are
 * locked with FOR UPDATE SKIP LOCKED (so concurrent workers each get different rows and
 * never wait for one another), marked `sending` until now + lockMs, and their attempt
 * counted. Oldest due first.
 */
export async function claimDueMail(db: Db, { limit, lockMs, now = new Date() }: ClaimOptions): Promise<OutboxRow[]> {
  if (limit <= 0) return [];
  const lockedUntil = new Date(now.getTime() + lockMs);
  // One statement (the rows chosen in a subquery): one round trip for each poll, where a
  // transaction took four, and as safe, since the statement is atomic and its locks hold
  // until it ends.
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), and(eq(outbox.status, 'sending'), lt(outbox.lockedUntil, now))))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ status: 'sending', lockedUntil, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
  return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
}

/**
 * The payload without its secrets: `accessCode`, every key listed in `secretKeys`, and
 * `secretKeys` itself. Done in SQL so that the row need not be read first.
 */
const scrubbedPayload = sql`(${outbox.payload} - 'accessCode' - 'secretKeys' - (case when jsonb_typeof(${outbox.payload} -> 'secretKeys') = 'array' then array(select jsonb_array_elements_text(${outbox.payload} -> 'secretKeys')) else array[]::text[] end))`;

/**
 * Records a delivery and scrubs the secrets from the payload: the access code must not
 * stay in plain text in the database once the complainant has it.
 */
export async function markSent(db: Db, id: number, providerMessageId: string, now: Date = new Date()): Promise<void> {
  await db
    .update(outbox)
    .set({
      status: 'sent',
      sentAt: now,
      providerMessageId,
      lockedUntil: null,
      lastError: null,
      payload: scrubbedPayload,
    })
    .where(eq(outbox.id, id));
}

export interface FailureOptions {
  /** False for an answer that will not change (a rejected address): no retry. Default true. */
  retryable?: boolean;
  /** The provider asked to wait at least this long (Retry-After). */
  retryAfterMs?: number;
  /** 0 ≤ x < 1; injected by tests. Default Math.random. */
  random?: () => number;
}

/**
 * The delay before the next attempt after `attempts` failed ones: 30 s, 1 min, 2 min, 4 min...
 * capped at 1 h, each ±20 % so that mail that failed together does not retry together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const nominal = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(nominal * (1 - retryPolicy.jitter + 2 * retryPolicy.jitter * random()));
}

export type FailureOutcome = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' } | { status: 'unchanged' };

/**
 * Records a failed attempt (the row must be `sending`: claimDueMail counted the attempt).
 * A retryable failure waits for the next attempt with exponential backoff and jitter; a
 * permanent one, or the last allowed attempt, leaves the row `failed`, never deleted, with
 * its secrets scrubbed. The error is stored without personal data (addresses are masked).
 */
export async function markFailed(db: Db, id: number, error: string, now: Date = new Date(), options: FailureOptions = {}): Promise<FailureOutcome> {
  const [row] = await db.select({ attempts: outbox.attempts, status: outbox.status }).from(outbox).where(eq(outbox.id, id));
  // Sent meanwhile by another worker whose claim outlived ours: keep it sent.
  if (!row || row.status !== 'sending') return { status: 'unchanged' };
  const lastError = redactError(error);
  const giveUp = options.retryable === false || row.attempts >= retryPolicy.maxAttempts;
  if (giveUp) {
    await db
      .update(outbox)
      .set({ status: 'failed', lockedUntil: null, lastError, payload: scrubbedPayload })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
    return { status: 'failed' };
  }
  const delay = Math.max(retryDelayMs(row.attempts, options.random), options.retryAfterMs ?? 0);
  const nextAttemptAt = new Date(now.getTime() + Math.min(delay, retryPolicy.maxDelayMs));
  await db
    .update(outbox)
    .set({ status: 'pending', lockedUntil: null, lastError, nextAttemptAt })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
  return { status: 'pending', nextAttemptAt };
}

/**
 * Extends the claims on rows this worker still holds (status `sending`) until `until`: the
 * heartbeat that keeps a live worker's rows from being taken over while a dead worker's
 * rows are free again within one lease.
 */
export async function renewClaims(db: Db, ids: readonly number[], until: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ lockedUntil: until })
    .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'sending')));
}

/**
 * Gives claimed rows back untouched (a worker stopping before it got to them): pending
 * again at once, the attempt not counted.
 */
export async function releaseClaims(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ status: 'pending', lockedUntil: null, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
    .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'sending')));
}

/** How full the outbox is: for metrics and the operator. */
export interface OutboxStats {
  pending: number;
  sending: number;
  failed: number;
  /** Age of the oldest mail not yet sent (pending or sending), 0 when there is none. */
  oldestWaitingSeconds: number;
}

/** Counts the mail waiting, being sent and given up, and the age of the oldest waiting one. */
export async function outboxStats(db: Db, now: Date = new Date()): Promise<OutboxStats> {
  const rows = await db
    .select({ status: outbox.status, count: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${outbox.createdAt})` })
    .from(outbox)
    .where(inArray(outbox.status, ['pending', 'sending', 'failed']))
    .groupBy(outbox.status);
  const stats: OutboxStats = { pending: 0, sending: 0, failed: 0, oldestWaitingSeconds: 0 };
  let oldest = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const count = Number(row.count);
    if (row.status === 'pending' || row.status === 'sending' || row.status === 'failed') stats[row.status] = count;
    if (row.status !== 'failed' && row.oldest !== null) oldest = Math.min(oldest, new Date(row.oldest).getTime());
  }
  if (Number.isFinite(oldest)) stats.oldestWaitingSeconds = Math.max(0, (now.getTime() - oldest) / 1000);
  return stats;
}

/**
 * An error message fit for the database and the logs: one line, at most 300 characters,
 * with anything that looks like an email address masked.
 */
export function redactError(message: string): string {
  return message
    .replace(/[^\s<>"'`,;:()[\]]+@[^\s<>"'`,;:()[\]]+/g, '[address]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
