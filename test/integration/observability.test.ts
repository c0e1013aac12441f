import { get } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, outbox, type Database } from '#src/db/index.ts';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { getOrganisation } from '#src/content/index.ts';
import { translator } from '#src/i18n/index.ts';
import { createEmptyDatabase, type EmptyDatabase } from '../support/databases.ts';
import { freePort, startServer, type RunningServer } from '../support/server.ts';
import { fileComplaint, formWhere } from '../support/cases.ts';
import { formFields, validAnswers } from '../support/complaint-forms.ts';
import { textOf } from '../support/html.ts';
import { logLines, queueMail, submitComplaints, until } from '../support/lifecycle.ts';
import { staffSignIn, staffPassword } from '../support/site-fixture.ts';

const token = 'metrics-token-0123456789abcdef';
const form = formWhere((f) => f.languages.includes('en'));
const t = translator('en');

describe('one server on PostgreSQL: probes, request logs, metrics, given-up mail', () => {
  let database: EmptyDatabase;
  let server: RunningServer;
  let store: Database;
  let metricsUrl = '';
  beforeAll(async () => {
    database = await createEmptyDatabase('postgres');
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    server = await startServer({ DATABASE_URL: database.url!, METRICS_PORT: String(metricsPort), METRICS_TOKEN: token, SUBMIT_RATE_LIMIT: '10000' });
    store = await connect({ databaseUrl: database.url! });
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await database?.drop();
  });
  const scrape = async () => (await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } })).text();

  it('answers /healthz while the process is up, and /readyz once the database, migrations and content are there', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await health.json()).toEqual({ status: 'ok' });
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, 20_000, 'readiness');
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'applied', content: 'ok' } });
  });

  it('sends back a sane X-Request-Id and makes a new one for anything else', async () => {
    const kept = await fetch(`${server.url}/en/`, { headers: { 'x-request-id': 'trace-0123456789' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-0123456789');
    for (const insane of ['short', 'has spaces in it', 'x'.repeat(200), 'quote"and<angle>']) {
      const made = await fetch(`${server.url}/en/`, { headers: { 'x-request-id': insane } });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('logs one JSON line per request with its id, route pattern, status and duration, and nothing personal', async () => {
    await fetch(`${server.url}/en/${form.slug}/?token=SECRET-IN-QUERY`, { headers: { 'x-request-id': 'trace-for-the-log-1' } });
    const { body } = validAnswers(formFields(form, 'en'));
    const personal = [...body.values()].filter((v): v is string => typeof v === 'string' && v.includes('@'));
    expect(personal.length).toBeGreaterThan(0);
    const posted = await fetch(`${server.url}/en/${form.slug}/complain?about=complaint`, {
      method: 'POST',
      body,
      headers: { origin: server.url },
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    const reqId = posted.headers.get('x-request-id')!;
    // The line is written when the response ends.
    await until(() => server.output().includes(reqId), 5_000, 'the log line');

    const requests = logLines(server.output()).filter((l) => l.msg === 'request');
    for (const line of requests) {
      expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'pid', 'reqId', 'route', 'status', 'time']);
      expect(String(line.route)).toMatch(/^(\/[^?]*|static|unmatched|page-cache)$/);
    }
    expect(requests.find((l) => l.reqId === 'trace-for-the-log-1')).toMatchObject({ method: 'GET', route: '/[lang]/[org]', status: 200 });
    expect(requests.find((l) => l.reqId === reqId)).toMatchObject({ method: 'POST', route: '/[lang]/[org]/complain', status: 303 });
    const everything = server.output();
    expect(everything).not.toContain('SECRET-IN-QUERY');
    for (const value of personal) expect(everything).not.toContain(value);
    expect(everything).not.toContain('::ffff:127.0.0.1');
  });

  it('serves metrics on the metrics port only, with the bearer token', async () => {
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    await fetch(`${server.url}/en/${form.slug}/`);
    const text = await scrape();
    expect(text).toMatch(/^redress_http_requests_total\{method="GET",route="\/\[lang\]\/\[org\]",status="200"\} \d+$/m);
    expect(text).toMatch(/^redress_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/\[lang\]\/\[org\]"\} \d+$/m);
    expect(text).toContain('redress_process_resident_memory_bytes');
    // Bounded labels: route patterns, never a URL.
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
    expect([...routes].filter((r) => r!.includes(form.slug) || r!.includes('?'))).toEqual([]);
  });

  it('counts the outbox (waiting, given up, oldest age) and the scheduler runs', async () => {
    await queueMail(store.db, 'metrics.waiting@example.org');
    const failed = await queueMail(store.db, 'metrics.failed@example.org', 2);
    await store.db.update(outbox).set({ status: 'failed', attempts: 16, lastError: 'refused' }).where(eq(outbox.id, failed));
    await until(async () => /^redress_outbox_mails\{status="failed"\} 1$/m.test(await scrape()), 10_000, 'the failed mail in the metrics');
    const text = await scrape();
    expect(text).toMatch(/^redress_outbox_oldest_waiting_seconds \d/m);
    expect(text).toMatch(/^redress_scheduler_runs_total\{result="ok"\} [1-9]/m);
    await until(async () => /^redress_mail_deliveries_total\{outcome="sent"\} [1-9]/m.test(await scrape()), 10_000, 'the delivery counted');
  });

  it('shows staff the mail of their organisation given up after its retries', async () => {
    const org = await getOrganisation(form.slug);
    const email = `observer@${form.slug}.example`;
    const now = new Date();
    const created = await createStaff(store.db, { email, name: 'Olive Observer', organisationSlug: form.slug, organisationId: org!._id, role: 'handler', now });
    await setPassword(store.db, { token: created.setPasswordToken!, password: staffPassword, now });
    const cookie = await staffSignIn(server.url, email);
    const before = textOf(await (await fetch(`${server.url}/staff`, { headers: { cookie } })).text());
    expect(before).not.toContain(t('staff.queue.failedMail', { count: 1 }));

    const filed = await fileComplaint(server.url, store.db, form, 'en');
    await until(async () => (await store.db.select().from(outbox).where(eq(outbox.caseId, filed.caseId))).length > 0, 5_000, 'the acknowledgement');
    await store.db.update(outbox).set({ status: 'failed' }).where(eq(outbox.caseId, filed.caseId));
    const count = (await store.db.select().from(outbox).where(eq(outbox.caseId, filed.caseId))).length;
    const page = textOf(await (await fetch(`${server.url}/staff`, { headers: { cookie } })).text());
    expect(page).toContain(t('staff.queue.failedMail', { count }));
  });
});

describe('readiness without a database', () => {
  it('is alive (/healthz 200) but not ready (/readyz 503, database unavailable)', async () => {
    const server = await startServer({ DATABASE_URL: 'postgres://redress@127.0.0.1:1/redress' });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { database: 'unavailable', migrations: 'pending' } });
    } finally {
      await server.stop();
    }
  });
});

describe('a cluster (WEB_CONCURRENCY=2, PostgreSQL)', () => {
  it("sums its processes' metrics, and on SIGTERM answers the requests in progress and exits 0", async () => {
    const database = await createEmptyDatabase('postgres');
    const metricsPort = await freePort();
    const server = await startServer({
      DATABASE_URL: database.url!,
      WEB_CONCURRENCY: '2',
      METRICS_PORT: String(metricsPort),
      SUBMIT_RATE_LIMIT: '10000',
      LOG_LEVEL: 'debug',
    });
    try {
      await until(() => logLines(server.output()).filter((l) => l.msg === 'Redress is listening').length === 2, 20_000, 'both processes');
      // Each on a connection of its own, so that the primary hands them round both processes.
      for (let i = 0; i < 20; i++) {
        await new Promise((done) => get(`${server.url}/healthz`, { agent: false }, (response) => response.resume().once('end', done)));
      }
      const answeredBy = new Set(
        logLines(server.output())
          .filter((l) => l.route === '/healthz')
          .map((l) => l.pid),
      );
      expect(answeredBy.size).toBe(2);
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const healthz = Number(text.match(/^redress_http_requests_total\{method="GET",route="\/healthz",status="200"\} (\d+)$/m)?.[1]);
      expect(healthz).toBe(20);
      // The database-wide outbox figures are the same in each process: shown once, not summed.
      await until(
        async () => /^redress_outbox_mails\{status="pending"\} 0$/m.test(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()),
        20_000,
        'the outbox figures',
      );

      await (
        await submitComplaints(server.url, 2)
      ).answers;
      const batch = await submitComplaints(server.url, 17);
      await batch.written;
      server.process.kill('SIGTERM');
      const results = await batch.answers;
      const { code } = await server.exited;
      expect(results.filter((r) => 'error' in r)).toEqual([]);
      expect(results.map((r) => ('status' in r ? r.status : 0))).toEqual(Array(17).fill(303));
      expect(code).toBe(0);
      expect(logLines(server.output()).filter((l) => l.msg === 'stopped').length).toBe(3);
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 120_000);
});
