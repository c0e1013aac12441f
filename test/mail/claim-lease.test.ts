import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, type Db } from '#src/db/index.ts';
import { claimDueMail, enqueueMail, outboxStats, startOutboxWorker, type MailLog, type MailTransport } from '#src/mail/index.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const quiet: MailLog = { info: () => {}, warn: () => {}, error: () => {} };

async function queue(db: Db, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 1; n <= count; n++) {
    const { id } = await db.transaction((tx) =>
      enqueueMail(tx as unknown as Db, {
        template: 'magicLink',
        language: 'en',
        to: `person${n}@example.org`,
        payload: { reference: 'OPX-2026-ABCD-EFGH', link: `http://localhost:4321/en/track/link/${n}`, expiresInMinutes: 30 },
      }),
    );
    ids.push(id);
  }
  return ids;
}

/** A transport whose sends wait until the test lets them go. */
function heldTransport() {
  const waiting: (() => void)[] = [];
  const sent: string[] = [];
  const transport: MailTransport = {
    name: 'held',
    send: (message) =>
      new Promise((done) => {
        waiting.push(() => {
          sent.push(message.idempotencyKey ?? '');
          done({ ok: true, id: `id-${sent.length}` });
        });
      }),
  };
  return { transport, waiting, sent, releaseAll: () => waiting.splice(0).forEach((go) => go()) };
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(databaseEngines())('the claim on a mail, on %s', (engine) => {
  const store = useTestDatabase(engine);

  it('is renewed while its worker is still sending, so no other worker takes the mail over', async () => {
    await store.db.delete(outbox);
    const [id] = await queue(store.db, 1);
    const held = heldTransport();
    const worker = startOutboxWorker({ db: store.db, transport: held.transport, lockMs: 300, heartbeatMs: 50, intervalMs: 20, log: quiet });
    await until(() => held.waiting.length === 1);
    // Three leases long: without the heartbeat the claim would have run out twice.
    await new Promise((r) => setTimeout(r, 900));
    expect(await claimDueMail(store.db, { limit: 10, lockMs: 300 })).toEqual([]);
    held.releaseAll();
    await until(async () => (await store.db.select().from(outbox).where(eq(outbox.id, id!)))[0]!.status === 'sent');
    await worker.stop();
    expect(held.sent).toHaveLength(1);
  });

  it('runs out one lease after its worker stopped renewing it, and another worker can claim the mail', async () => {
    await store.db.delete(outbox);
    const [id] = await queue(store.db, 1);
    const held = heldTransport();
    // A heartbeat that never comes in time: the worker claims and starts sending, and then
    // its claim ages as a dead process's would.
    const dead = startOutboxWorker({ db: store.db, transport: held.transport, lockMs: 300, heartbeatMs: 60_000, poll: false, log: quiet });
    void dead.drainOnce();
    await until(() => held.waiting.length === 1);
    const claimedAt = Date.now();
    let taken: Awaited<ReturnType<typeof claimDueMail>> = [];
    await until(async () => (taken = await claimDueMail(store.db, { limit: 10, lockMs: 30_000 })).length > 0);
    expect(Date.now() - claimedAt).toBeLessThan(1_500);
    expect(taken.map((row) => row.id)).toEqual([id]);
    expect(taken[0]!.attempts).toBe(2);
    held.releaseAll();
  });

  it('is given back when its worker stops: the mails not yet sent are pending again at once, their attempt not counted', async () => {
    await store.db.delete(outbox);
    const ids = await queue(store.db, 4);
    const held = heldTransport();
    const worker = startOutboxWorker({ db: store.db, transport: held.transport, intervalMs: 20, log: quiet });
    await until(() => held.waiting.length === 1);
    const stopping = worker.stop();
    held.releaseAll();
    await stopping;
    const rows = await store.db.select().from(outbox);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids[0]!)).toMatchObject({ status: 'sent', attempts: 1 });
    for (const id of ids.slice(1)) expect(byId.get(id)).toMatchObject({ status: 'pending', attempts: 0, lockedUntil: null });
    expect(await outboxStats(store.db)).toMatchObject({ pending: 3, sending: 0, failed: 0 });
  });
});
