import type { Db } from '../db/index.ts';
import { claimDueMail, markFailed, markSent, redactError, releaseClaims, renewClaims, type OutboxRow } from './outbox.ts';
import { MailPayloadError, renderMail } from './templates/index.ts';
import type { RenderedMail } from './templates/template.ts';
import type { MailTransport } from './transport.ts';

/** Where the worker reports: ids, template names, counts and errors, never personal data. */
export interface MailLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  transport: MailTransport;
  /** Default renderMail. */
  render?: (template: string, language: string, payload: unknown) => RenderedMail;
  /** Pause between polls when the outbox is empty (default 1 s). */
  intervalMs?: number;
  /** Rows claimed at once (default 10); they are sent one after another. */
  batch?: number;
  /**
   * How long a claim holds without being renewed (default 30 s). The worker renews the
   * claims it holds every `heartbeatMs` while it works through its batch, however long the
   * transport takes; a row still `sending` after its claim ran out belongs to a worker
   * that died (or stalled), and another worker takes it over. So the mail of a process
   * killed mid-batch waits at most this long, not the length of a whole batch.
   */
  lockMs?: number;
  /** How often held claims are renewed (default a third of lockMs). */
  heartbeatMs?: number;
  /** Told the outcome of each claimed mail, for metrics. */
  onOutcome?: (outcome: 'sent' | 'retry' | 'failed' | 'released') => void;
  /** Default console. */
  log?: MailLog;
  /** The clock (default the real one). */
  now?: () => Date;
  /** Poll in the background (default true). Tests set false and call drainOnce themselves. */
  poll?: boolean;
}

export interface OutboxWorker {
  /**
   * Stops polling, waits for the message being sent, and gives back every other mail this
   * worker has claimed (pending again at once, the attempt not counted), so that another
   * process sends it without waiting for the claim to run out.
   */
  stop(): Promise<void>;
  /**
   * Claims one batch of due mail and sends it; resolves to the number of rows claimed.
   * Rejects only when the database cannot be reached. Calls never overlap.
   */
  drainOnce(options?: { now?: Date }): Promise<number>;
}

/**
 * The outbox worker, inside the server process: polls the outbox, renders each due mail in
 * its reader's language, hands it to the transport, and records the outcome (sent, or
 * failed with backoff). The loop never throws: a database that is down is logged and
 * retried at the next poll. Several workers, in one process or many servers, can run at
 * once: claimDueMail gives each row to one of them, and the claim is a short lease that
 * this worker keeps renewing while it holds the row (see `lockMs`). If a lease runs out
 * while the mail is in fact being sent (a stalled process), another worker may send it
 * again: the idempotency key, the same for every attempt at one mail, lets Resend send it
 * once.
 */
export function startOutboxWorker({
  db,
  transport,
  render = renderMail,
  intervalMs = 1_000,
  batch = 10,
  lockMs = 30_000,
  heartbeatMs = Math.max(1, Math.floor(lockMs / 3)),
  onOutcome,
  log = console,
  now: clock = () => new Date(),
  poll = true,
}: OutboxWorkerOptions): OutboxWorker {
  let stopping = false;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let loopDone: Promise<void> = Promise.resolve();
  // The rows this worker has claimed and not yet recorded an outcome for.
  const held = new Set<number>();
  let renewing: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    if (held.size === 0) return;
    const ids = [...held];
    renewing = renewClaims(db, ids, new Date(clock().getTime() + lockMs)).catch((error: unknown) => {
      // The database is away: the claims may run out and the rows go to another worker,
      // which is what should happen if this process cannot record outcomes anyway.
      log.warn(`outbox worker: could not renew ${ids.length} claim(s): ${redactError((error as Error)?.message ?? 'error')}`);
    });
  }, heartbeatMs);
  heartbeat.unref?.();

  async function deliver(row: OutboxRow, at: () => Date): Promise<'sent' | 'retry' | 'failed'> {
    const label = `mail ${row.id} (${row.template}, attempt ${row.attempts})`;
    let rendered: RenderedMail;
    try {
      rendered = render(row.template, row.language, row.payload);
    } catch (error) {
      // A payload that does not render will not render next time either: a bug to fix.
      const message = error instanceof MailPayloadError ? error.message : `render failed: ${(error as Error)?.name ?? 'error'}`;
      await markFailed(db, row.id, message, at(), { retryable: false });
      log.error(`${label} not sent: ${redactError(message)}`);
      return 'failed';
    }
    let result: Awaited<ReturnType<MailTransport['send']>>;
    try {
      result = await transport.send({
        to: row.toAddress,
        ...rendered,
        idempotencyKey: `redress-outbox-${row.id}-${row.createdAt.getTime()}`,
      });
    } catch (error) {
      result = { ok: false, retryable: true, error: `${transport.name} threw ${(error as Error)?.name ?? 'error'}` };
    }
    if (result.ok) {
      await markSent(db, row.id, result.id, at());
      log.info(`${label} sent by ${transport.name}`);
      return 'sent';
    }
    const outcome = await markFailed(db, row.id, result.error, at(), { retryable: result.retryable, retryAfterMs: result.retryAfterMs });
    if (outcome.status === 'pending') {
      log.warn(`${label} not sent, retry at ${outcome.nextAttemptAt.toISOString()}: ${redactError(result.error)}`);
      return 'retry';
    }
    log.error(`${label} given up: ${redactError(result.error)}`);
    return 'failed';
  }

  async function drain(now: Date | undefined): Promise<number> {
    const at = () => now ?? clock();
    const rows = await claimDueMail(db, { limit: batch, lockMs, now: at() });
    for (const row of rows) held.add(row.id);
    for (let i = 0; i < rows.length; i++) {
      if (stopping) {
        const rest = rows.slice(i).map((row) => row.id);
        await releaseClaims(db, rest);
        for (const id of rest) {
          held.delete(id);
          onOutcome?.('released');
        }
        break;
      }
      try {
        // Not `onOutcome?.(await deliver(...))`: without a listener that would skip the delivery.
        const outcome = await deliver(rows[i]!, at);
        onOutcome?.(outcome);
      } catch (error) {
        // The database failed while recording the outcome: the claim runs out and the row
        // is tried again (the idempotency key keeps a provider from sending it twice).
        log.error(`mail ${rows[i]!.id} (${rows[i]!.template}): could not record the outcome: ${redactError((error as Error)?.message ?? 'error')}`);
      } finally {
        // Renewed no more: recorded, or left for its claim to run out.
        held.delete(rows[i]!.id);
      }
    }
    return rows.length;
  }

  function drainOnce(options: { now?: Date } = {}): Promise<number> {
    const run = queue.then(() => drain(options.now));
    queue = run.catch(() => undefined);
    return run;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((done) => {
      wake = done;
      timer = setTimeout(done, ms);
      timer.unref?.();
    });
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await drainOnce();
        failures = 0;
      } catch (error) {
        failures++;
        // Once per outage is enough in the log; the loop keeps trying.
        if (failures === 1) log.error(`outbox worker: cannot claim mail: ${redactError((error as Error)?.message ?? 'error')}`);
      }
      if (stopping) break;
      // A full batch means more may be waiting: go again at once.
      if (claimed < batch || failures > 0) await sleep(failures > 0 ? Math.min(30_000, intervalMs * 2 ** Math.min(failures, 5)) : intervalMs);
    }
  }

  // loop() catches everything itself; the catch only keeps a broken logger from surfacing.
  if (poll) loopDone = loop().catch(() => undefined);

  return {
    drainOnce,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loopDone;
      await queue;
      clearInterval(heartbeat);
      await renewing;
    },
  };
}
