import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases, connect, outbox } from '#src/db/index.ts';
import { listMailbox, mailboxDir } from '#src/mail/index.ts';
import { createEmptyDatabase } from '../support/databases.ts';
import { logLines, queueMail, submitComplaints, tryConnect, until } from '../support/lifecycle.ts';
import { startServer } from '../support/server.ts';
import { startFakeResend } from '../mail/fake-resend.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'redress-lifecycle-'));
const resendEnv = (url: string) => ({ RESEND_API_KEY: 're_test_key', MAIL_FROM: 'Redress <complaints@example.org>', RESEND_BASE_URL: url });

describe('stopping the server with SIGTERM', () => {
  it('answers all 17 complaints in progress, refuses new connections, and exits 0 within the time limit', async () => {
    const dataDir = tempDir();
    const server = await startServer({ DATA_DIR: dataDir, SUBMIT_RATE_LIMIT: '100000' });
    // The first submission loads the route's code; not counted.
    await (
      await submitComplaints(server.url, 1)
    ).answers;
    const batch = await submitComplaints(server.url, 17);
    await batch.written;
    const signalled = Date.now();
    server.process.kill('SIGTERM');
    // Once the process has taken the signal and closed its listening socket (after
    // accepting the connections the kernel had already completed):
    await until(() => server.output().includes('"refusing new connections"'), 5_000, 'the listening socket to close');
    const newConnection = await tryConnect(server.url);
    const results = await batch.answers;
    const { code } = await server.exited;
    const exitMs = Date.now() - signalled;

    if (process.env.DEBUG_LIFECYCLE)
      console.log(
        server
          .output()
          .split('\n')
          .filter((l) => !l.includes('"outbox"'))
          .slice(-30)
          .join('\n'),
      );
    expect(results.filter((r) => 'error' in r)).toEqual([]);
    expect(results.map((r) => ('status' in r ? r.status : 0))).toEqual(Array(17).fill(303));
    expect(newConnection).toBe('refused');
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    const lines = logLines(server.output());
    const shutdown = lines.find((l) => String(l.msg).startsWith('shutting down'))!;
    expect(shutdown.inFlight).toBeGreaterThan(0);
    expect(lines.find((l) => l.msg === 'stopped')).toMatchObject({ cut: 0 });

    // Every complaint the database kept was answered: none committed without a reply.
    const store = await connect({ dataDir, databaseUrl: null });
    try {
      const [row] = await store.db.select({ n: count() }).from(cases);
      expect(Number(row!.n)).toBe(18);
    } finally {
      await store.close();
    }
  }, 90_000);

  it('cuts what is still running after SHUTDOWN_TIMEOUT_SECONDS, and still exits 0', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '0', SUBMIT_RATE_LIMIT: '100000' });
    await (
      await submitComplaints(server.url, 1)
    ).answers;
    const batch = await submitComplaints(server.url, 17);
    await batch.written;
    // And one upload that is still arriving when the signal lands, however fast complaints
    // are: the server has its headers, half its body, and will get no more.
    const stalled = httpRequest(`${server.url}/en/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '4000', origin: server.url },
    });
    const stalledEnded = new Promise<void>((done) => {
      stalled.once('error', () => done());
      stalled.once('response', (response) => response.resume().once('end', done).once('error', done));
    });
    stalled.write('reference=' + 'A'.repeat(1990));
    await new Promise((r) => setTimeout(r, 500));
    server.process.kill('SIGTERM');
    await batch.answers;
    await stalledEnded;
    expect((await server.exited).code).toBe(0);
    const stopped = logLines(server.output()).find((l) => l.msg === 'stopped')!;
    expect(stopped.cut).toBeGreaterThan(0);
  }, 90_000);

  it('gives back the mail it had claimed, so that the next process sends it at once', async () => {
    const fake = await startFakeResend();
    // The first mail takes a while to send: the worker holds the rest of its batch meanwhile.
    fake.script.push({ status: 200, body: { id: 'slow-1' }, delayMs: 1_500 });
    const dataDir = tempDir();
    const setup = await connect({ dataDir, databaseUrl: null });
    for (let n = 1; n <= 4; n++) await queueMail(setup.db, `waiting${n}@example.org`, n);
    await setup.close();
    const server = await startServer({ DATA_DIR: dataDir, ...resendEnv(fake.url) }, { readyPath: '/healthz' });
    try {
      await until(() => fake.requests.length === 1, 15_000, 'the first send');
      server.process.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    } finally {
      await server.stop();
      await fake.close();
    }
    const store = await connect({ dataDir, databaseUrl: null });
    try {
      const rows = await store.db.select().from(outbox).orderBy(outbox.id);
      expect(rows.map((r) => r.status)).toEqual(['sent', 'pending', 'pending', 'pending']);
      for (const row of rows.slice(1)) expect(row).toMatchObject({ attempts: 0, lockedUntil: null });
    } finally {
      await store.close();
    }
  }, 90_000);
});

describe('starting the server', () => {
  it('delivers mail queued before the start without any request to the site', async () => {
    const dataDir = tempDir();
    const setup = await connect({ dataDir, databaseUrl: null });
    await queueMail(setup.db, 'queued.before.start@example.org');
    await setup.close();
    const server = await startServer({ DATA_DIR: dataDir }, { readyPath: '/healthz' });
    try {
      await until(async () => (await listMailbox(mailboxDir(dataDir))).length === 1, 10_000, 'the mail');
      const [mail] = await listMailbox(mailboxDir(dataDir));
      expect(mail!.to).toContain('queued.before.start@example.org');
      // Nothing but the probe startServer waited on (logged at debug only) reached the server.
      expect(logLines(server.output()).filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 90_000);
});

describe('a server process killed while sending a mail (SIGKILL, PostgreSQL)', () => {
  it('has its mail sent by another process within a minute, with the same idempotency key, and recorded once', async () => {
    const fake = await startFakeResend();
    // The killed process's send never completes: it dies first.
    fake.script.push({ status: 200, body: { id: 'lost-with-the-process' }, delayMs: 120_000 });
    const database = await createEmptyDatabase('postgres');
    const store = await connect({ databaseUrl: database.url! });
    const env = { DATABASE_URL: database.url!, ...resendEnv(fake.url) };
    const servers = [];
    try {
      const id = await queueMail(store.db, 'killed.mid.send@example.org');
      const first = await startServer(env, { readyPath: '/healthz' });
      servers.push(first);
      await until(() => fake.requests.length === 1, 15_000, 'the first send');
      first.process.kill('SIGKILL');
      const killedAt = Date.now();
      await first.exited;
      const second = await startServer(env, { readyPath: '/healthz' });
      servers.push(second);
      await until(() => fake.requests.length === 2, 60_000, 'the mail sent again');
      const resentAfterMs = Date.now() - killedAt;
      await until(async () => (await store.db.select().from(outbox).where(eq(outbox.id, id)))[0]!.status === 'sent', 5_000, 'the mail recorded as sent');

      expect(resentAfterMs).toBeLessThan(60_000);
      expect(fake.requests[1]!.idempotencyKey).toBe(fake.requests[0]!.idempotencyKey);
      const [row] = await store.db.select().from(outbox).where(eq(outbox.id, id));
      expect(row).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: 'email-1' });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(fake.requests).toHaveLength(2);
      console.log(`a killed process's claimed mail was sent again ${(resentAfterMs / 1000).toFixed(1)} s after the kill`);
    } finally {
      for (const server of servers) await server.stop();
      await store.close();
      await database.drop();
      void fake.close();
    }
  }, 120_000);
});
