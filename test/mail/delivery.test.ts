import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox, type Db } from '#src/db/index.ts';
import {
  claimDueMail,
  createResendTransport,
  createTransport,
  enqueueMail,
  MailPayloadError,
  markFailed,
  markSent,
  retryDelayMs,
  retryPolicy,
  startOutboxWorker,
  type AcknowledgementPayload,
  type MailLog,
  type MailTransport,
} from '#src/mail/index.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';
import { startFakeResend, type FakeResend } from './fake-resend.ts';

const t0 = new Date('2026-11-23T09:15:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const minutes = (n: number) => n * 60_000;

const acknowledgement = (n = 1): AcknowledgementPayload => ({
  kind: 'complaint',
  reference: `OPX-2026-ABCD-${String(n).padStart(4, '0')}`,
  accessCode: `SECRET-CODE-${n}`,
  statusUrl: 'http://localhost:4321/en/status',
  organisationName: 'OPEX',
  timeZone: 'Europe/London',
  acknowledgeBy: '2026-11-23T17:30:00Z',
  contacts: [{ kind: 'phone', value: '0800 123 456' }],
});

function quietLog(): MailLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

async function queue(db: Db, count: number, to = (n: number) => `person${n}@example.org`): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 1; n <= count; n++) {
    await db.transaction(async (tx) => {
      const { id } = await enqueueMail(tx as unknown as Db, { template: 'acknowledgement', language: 'en', to: to(n), payload: acknowledgement(n) });
      ids.push(id);
    });
  }
  // Queued "now" by the database clock; make them due from t0 on for the injected clock.
  await db.update(outbox).set({ nextAttemptAt: t0 });
  return ids;
}

async function row(db: Db, id: number) {
  const [found] = await db.select().from(outbox).where(eq(outbox.id, id));
  return found!;
}

describe('backoff', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [15, 3_600_000],
  ])('waits about %i → %i ms, within the jitter', (attempts, nominal) => {
    expect(retryDelayMs(attempts, () => 0.5)).toBe(nominal);
    expect(retryDelayMs(attempts, () => 0)).toBe(nominal * (1 - retryPolicy.jitter));
    expect(retryDelayMs(attempts, () => 0.999_999)).toBeLessThanOrEqual(nominal * (1 + retryPolicy.jitter));
  });
});

describe.each(databaseEngines())('mail delivery on %s', (engine) => {
  const store = useTestDatabase(engine);
  let resend: FakeResend;
  let transport: MailTransport;

  beforeAll(async () => {
    resend = await startFakeResend();
    transport = createResendTransport({ apiKey: 're_test_key', from: 'Redress <complaints@example.org>', baseUrl: resend.url });
  });
  afterAll(() => resend.close());
  beforeEach(async () => {
    await store.db.delete(outbox);
    resend.requests.length = 0;
    resend.script.length = 0;
  });

  it("queues mail in the caller's transaction: committed with it, rolled back with it", async () => {
    await store.db.transaction(async (tx) => {
      await enqueueMail(tx as unknown as Db, { template: 'acknowledgement', language: 'en', to: 'a@example.org', payload: acknowledgement() });
    });
    await expect(
      store.db.transaction(async (tx) => {
        await enqueueMail(tx as unknown as Db, { template: 'acknowledgement', language: 'en', to: 'b@example.org', payload: acknowledgement() });
        throw new Error('the case insert failed');
      }),
    ).rejects.toThrow('the case insert failed');
    expect((await store.db.select().from(outbox)).map((r) => r.toAddress)).toEqual(['a@example.org']);
  });

  it('refuses a payload that does not fit its template, before anything is written', async () => {
    await expect(enqueueMail(store.db, { template: 'acknowledgement', language: 'en', to: 'a@example.org', payload: { kind: 'complaint' } })).rejects.toThrow(
      MailPayloadError,
    );
    expect(await store.db.select().from(outbox)).toEqual([]);
  });

  it('retries after 429 and 500 with backoff, then delivers exactly once through the real resend SDK', async () => {
    const [id] = await queue(store.db, 1);
    resend.script.push(
      { status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' } },
      { status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'Something broke' } },
    );
    const log = quietLog();
    const worker = startOutboxWorker({ db: store.db, transport, poll: false, log });

    expect(await worker.drainOnce({ now: t0 })).toBe(1);
    let state = await row(store.db, id!);
    expect(state).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('429') });
    const firstDelay = state.nextAttemptAt.getTime() - t0.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(24_000);
    expect(firstDelay).toBeLessThanOrEqual(36_000);

    // Not due yet: nothing is claimed, nothing is sent (no retry storm).
    expect(await worker.drainOnce({ now: at(10_000) })).toBe(0);
    expect(resend.requests).toHaveLength(1);

    expect(await worker.drainOnce({ now: at(firstDelay) })).toBe(1);
    state = await row(store.db, id!);
    expect(state).toMatchObject({ status: 'pending', attempts: 2, lastError: expect.stringContaining('500') });
    const secondDelay = state.nextAttemptAt.getTime() - at(firstDelay).getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(48_000);
    expect(secondDelay).toBeLessThanOrEqual(72_000);

    expect(await worker.drainOnce({ now: state.nextAttemptAt })).toBe(1);
    state = await row(store.db, id!);
    expect(state).toMatchObject({ status: 'sent', attempts: 3, providerMessageId: 'email-1', lastError: null, lockedUntil: null });
    expect(state.sentAt).toEqual(state.nextAttemptAt);

    // Later drains find nothing; three requests, all for the same message, with one idempotency key.
    expect(await worker.drainOnce({ now: at(minutes(24 * 60)) })).toBe(0);
    expect(resend.requests).toHaveLength(3);
    expect(new Set(resend.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(resend.requests[0]!.idempotencyKey).toMatch(new RegExp(`^redress-outbox-${id}-\\d+$`));
    const sent = resend.requests[2]!;
    expect(sent.authorization).toBe('Bearer re_test_key');
    expect(sent.body).toMatchObject({
      from: 'Redress <complaints@example.org>',
      to: 'person1@example.org',
      subject: expect.stringContaining('OPX-2026-ABCD-0001'),
    });
    expect(sent.body.text).toContain('SECRET-CODE-1');
    expect(sent.body.html).toContain('<html lang="en" dir="ltr">');

    // The logs name the mail and the template, never the address or the code.
    expect(log.lines.join('\n')).toContain(`mail ${id} (acknowledgement`);
    expect(log.lines.join('\n')).not.toMatch(/person1@|SECRET-CODE/);
    await worker.stop();
  });

  it('removes the access code from the payload once the mail is delivered', async () => {
    const [id] = await queue(store.db, 1);
    expect((await row(store.db, id!)).payload).toHaveProperty('accessCode', 'SECRET-CODE-1');
    const worker = startOutboxWorker({ db: store.db, transport, poll: false, log: quietLog() });
    await worker.drainOnce({ now: t0 });
    const { payload, status } = await row(store.db, id!);
    expect(status).toBe('sent');
    expect(payload).not.toHaveProperty('accessCode');
    expect(payload).toMatchObject({ reference: 'OPX-2026-ABCD-0001', organisationName: 'OPEX' });
    const found = await store.db.execute(sql`select count(*)::int as n from outbox where payload::text like '%SECRET-CODE%'`);
    expect((found as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });

  it('removes every key named in payload.secretKeys too', async () => {
    const [inserted] = await store.db
      .insert(outbox)
      .values({
        template: 'magicLink',
        language: 'en',
        toAddress: 'a@example.org',
        status: 'sending',
        payload: { accessCode: 'c', token: 't', link: 'https://x/?t=t', keep: 1, secretKeys: ['token', 'link'] },
      })
      .returning({ id: outbox.id });
    await markSent(store.db, inserted!.id, 'email-x', t0);
    expect((await row(store.db, inserted!.id)).payload).toEqual({ keep: 1 });
  });

  it('gives up on a permanent 422 after one attempt, keeps the row, and stores no address', async () => {
    const [id] = await queue(store.db, 1);
    resend.script.push({
      status: 422,
      body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field: person1@example.org is not a valid address' },
    });
    const worker = startOutboxWorker({ db: store.db, transport, poll: false, log: quietLog() });
    expect(await worker.drainOnce({ now: t0 })).toBe(1);
    const state = await row(store.db, id!);
    expect(state).toMatchObject({ status: 'failed', attempts: 1, lockedUntil: null });
    expect(state.lastError).toContain('422 validation_error');
    expect(state.lastError).not.toContain('person1@example.org');
    expect(state.payload).not.toHaveProperty('accessCode');
    for (const later of [minutes(1), minutes(60), minutes(24 * 60)]) expect(await worker.drainOnce({ now: at(later) })).toBe(0);
    expect(resend.requests).toHaveLength(1);
    expect(await store.db.select().from(outbox)).toHaveLength(1);
  });

  it('keeps the mail when the provider cannot be reached, and sends it when it is back', async () => {
    const [id] = await queue(store.db, 1);
    const down = createResendTransport({ apiKey: 're_test_key', from: 'Redress <complaints@example.org>', baseUrl: 'http://127.0.0.1:9' });
    await startOutboxWorker({ db: store.db, transport: down, poll: false, log: quietLog() }).drainOnce({ now: t0 });
    const state = await row(store.db, id!);
    expect(state).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('no answer') });
    await startOutboxWorker({ db: store.db, transport, poll: false, log: quietLog() }).drainOnce({ now: at(minutes(5)) });
    expect(await row(store.db, id!)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(resend.requests).toHaveLength(1);
  });

  it('gives up after the last allowed attempt, and never deletes the row', async () => {
    const [id] = await queue(store.db, 1);
    await store.db.update(outbox).set({ attempts: retryPolicy.maxAttempts - 1 });
    resend.script.push({ status: 503, body: { statusCode: 503, name: 'application_error', message: 'down' } });
    await startOutboxWorker({ db: store.db, transport, poll: false, log: quietLog() }).drainOnce({ now: t0 });
    expect(await row(store.db, id!)).toMatchObject({ status: 'failed', attempts: retryPolicy.maxAttempts });
  });

  it('claims again a row whose worker died while sending, once its claim has run out', async () => {
    const [id] = await queue(store.db, 1);
    const claimed = await claimDueMail(store.db, { limit: 10, lockMs: minutes(10), now: t0 });
    expect(claimed.map((r) => r.id)).toEqual([id]);
    // The worker dies here. Until the claim runs out, nobody else takes the row.
    expect(await claimDueMail(store.db, { limit: 10, lockMs: minutes(10), now: at(minutes(9)) })).toEqual([]);
    const again = await claimDueMail(store.db, { limit: 10, lockMs: minutes(10), now: at(minutes(11)) });
    expect(again.map((r) => [r.id, r.status, r.attempts])).toEqual([[id, 'sending', 2]]);
  });

  it('does not turn a row sent by another worker back into pending', async () => {
    const [id] = await queue(store.db, 1);
    await claimDueMail(store.db, { limit: 1, lockMs: 1000, now: t0 });
    await markSent(store.db, id!, 'email-1', t0);
    expect(await markFailed(store.db, id!, 'late failure', t0)).toEqual({ status: 'unchanged' });
    expect(await row(store.db, id!)).toMatchObject({ status: 'sent' });
  });

  it('delivers in the background and stops cleanly', async () => {
    await queue(store.db, 3);
    const worker = startOutboxWorker({ db: store.db, transport, intervalMs: 20, log: quietLog(), now: () => at(minutes(1)) });
    for (let i = 0; i < 200 && resend.requests.length < 3; i++) await new Promise((done) => setTimeout(done, 10));
    await worker.stop();
    expect(resend.requests).toHaveLength(3);
    expect((await store.db.select({ status: outbox.status }).from(outbox)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('stops after the message in flight and gives the rest of its batch back', async () => {
    await queue(store.db, 5);
    resend.script.push({ status: 200, body: { id: 'slow' }, delayMs: 150 });
    const worker = startOutboxWorker({ db: store.db, transport, poll: false, log: quietLog() });
    const draining = worker.drainOnce({ now: t0 });
    while (resend.requests.length === 0) await new Promise((done) => setTimeout(done, 5));
    await worker.stop();
    expect(await draining).toBe(5);
    expect(resend.requests).toHaveLength(1);
    const rows = await store.db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'pending' && r.attempts === 0)).toHaveLength(4);
  });

  it('has two workers drain the same 200 mails concurrently and sends each exactly once', async () => {
    const ids = await queue(store.db, 200);
    // On PostgreSQL each worker has its own pool, as two servers would; PGlite is one connection.
    const other = engine === 'postgres' ? (await store.connectAgain()).db : store.db;
    // Set the fake API to answer slowly so that the workers really overlap.
    for (let i = 0; i < 200; i++) resend.script.push({ status: 200, body: { id: `email-${i}` }, delayMs: 2 });
    const workers = [store.db, other].map((db) => startOutboxWorker({ db, transport, poll: false, batch: 7, log: quietLog() }));
    const drainAll = async (worker: (typeof workers)[number]) => {
      let total = 0;
      for (;;) {
        const n = await worker.drainOnce({ now: at(1000) });
        if (n === 0) return total;
        total += n;
      }
    };
    const counts = await Promise.all(workers.map(drainAll));
    expect(counts[0]! + counts[1]!).toBe(200);
    if (engine === 'postgres') expect(counts.every((n) => n > 0)).toBe(true);
    expect(resend.requests).toHaveLength(200);
    expect(new Set(resend.requests.map((r) => r.idempotencyKey)).size).toBe(200);
    expect(new Set(resend.requests.map((r) => JSON.stringify(r.body.to))).size).toBe(200);
    const rows = await store.db.select({ id: outbox.id, status: outbox.status, attempts: outbox.attempts }).from(outbox);
    expect(
      rows
        .filter((r) => r.status === 'sent' && r.attempts === 1)
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual(ids);
    await Promise.all(workers.map((worker) => worker.stop()));
  });

  it('reads RESEND_BASE_URL through createTransport', async () => {
    const [id] = await queue(store.db, 1);
    const fromEnv = createTransport({ DATA_DIR: '.', RESEND_API_KEY: 're_env', MAIL_FROM: 'complaints@example.org', RESEND_BASE_URL: resend.url });
    await startOutboxWorker({ db: store.db, transport: fromEnv, poll: false, log: quietLog() }).drainOnce({ now: t0 });
    expect(await row(store.db, id!)).toMatchObject({ status: 'sent' });
    expect(resend.requests[0]!.authorization).toBe('Bearer re_env');
  });
});
