// Load benchmark of the two personal pages: a signed-in complainant's status page and a member
// of staff's case page, each under BENCH_CONNECTIONS (32) connections for BENCH_SECONDS (10 s)
// with autocannon, against the built server on PGlite and on PostgreSQL. The database holds
// BENCH_CASES (2,000) other cases; the case measured has a realistic history (acknowledged,
// information asked and given, a resolution proposed) and a file. Prints req/s, p50 and p99 per
// page and engine, with the server's and PostgreSQL's CPU time per request (steadier than
// req/s on a shared machine), and writes bench/results/status.json. Goal: p99 <= 50 ms on
// PostgreSQL. The client shares the machine's cores with the server. Run: npm run bench:status.
// BENCH_ENGINE=postgres skips PGlite; BENCH_PROCESSES=2 adds a run with WEB_CONCURRENCY=2;
// BENCH_PG_SOCKET=1 reaches PostgreSQL through its Unix socket; BENCH_PROFILE=<dir> writes the
// server's CPU profile; BENCH_NODE_OPTIONS passes NODE_OPTIONS to the server; BENCH_CLIENT=wrk
// loads with Debian's wrk instead of autocannon (a client in C that leaves the cores to the
// server). Beside the latencies: the cores the server kept busy, and its garbage collection
// (ms per second, pauses over 10 ms) read from its own metrics. BENCH_SERVER_LOG=1 prints what the
// server logged besides its requests.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { connect, type Database } from '#src/db/index.ts';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { submitCase, type NewCase } from '#src/cases/submit.ts';
import { acknowledge, complainantReply, proposeResolution, requestInformation, type Actor } from '#src/cases/actions.ts';
import { storeUpload } from '#src/cases/attachment-store.ts';
import { freePort, startServer } from '../test/support/server.ts';
import { cpuTimes } from './cpu-times.ts';
import { staffSignIn } from '../test/support/site-fixture.ts';
import { startThrowawayCluster } from '../test/support/postgres-global-setup.ts';
import { formWhere, policyFor } from '../test/support/cases.ts';
import { pdfBytes } from '../test/support/complaint-forms.ts';
import { loadOrganisationPage } from '../site/lib/organisation-page.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const client = process.env.BENCH_CLIENT === 'wrk' ? 'wrk' : 'autocannon';
const otherCases = Number(process.env.BENCH_CASES ?? 2000);
const password = 'a long bench passphrase for the case page';
const publicBaseUrl = 'http://localhost:4321';

const form = formWhere((f) => f.languages.includes('en'));
const lang = 'en';

interface Seeded {
  reference: string;
  accessCode: string;
  caseId: string;
  staffEmail: string;
}

/** Writes the cases and the member of staff straight into the store, as the site would have. */
async function seed(database: Database): Promise<Seeded> {
  const { db } = database;
  const page = (await loadOrganisationPage(form.slug, lang))!;
  const policy = await policyFor(form.slug);
  const org = page.org;
  const organisation: NewCase['organisation'] = {
    id: org._id,
    slug: org.slug ?? form.slug,
    referencePrefix: org.referencePrefix ?? 'RD',
    calendar: page.calendar,
    commitments: org.commitments ?? [],
    adr: org.adr ?? [],
  };
  const fields = [
    { key: 'name', type: 'text', label: 'Name', labelLang: 'en', required: true, standard: true },
    { key: 'email', type: 'email', label: 'Email', labelLang: 'en', required: false, standard: true },
    { key: 'description', type: 'textarea', label: 'What happened', labelLang: 'en', required: true, standard: true },
    { key: 'documents', type: 'file', label: 'Documents', labelLang: 'en', required: false, standard: true },
  ] as NewCase['fields'];
  const submit = (now: Date, draftId: string | null, documents: string[] = []) =>
    submitCase(db, {
      organisation,
      kind: 'complaint',
      language: lang,
      idempotencyKey: randomBytes(16).toString('hex'),
      draftId,
      answers: {
        name: 'Bench Complainant',
        email: 'bench@example.org',
        description: 'The bill was wrong twice. '.repeat(20),
        ...(documents.length ? { documents } : {}),
      },
      fields,
      now,
      acknowledgement: () => null,
    });
  const started = Date.now() - 30 * 86_400_000;
  for (let i = 0; i < otherCases; i++) await submit(new Date(started + i * 60_000), null);

  const draftId = randomBytes(16).toString('hex');
  const file = await storeUpload(db, { draftId, fieldKey: 'documents', bytes: pdfBytes(), originalName: 'bill.pdf', mimeType: 'application/pdf' });
  const now = new Date(Date.now() - 3 * 86_400_000);
  const created = await submit(now, draftId, [file.id]);
  if (!created.ok || created.duplicate) throw new Error('the bench case was not created');
  const staff = await createStaff(db, {
    email: 'bench.handler@example.org',
    name: 'Bench Handler',
    organisationSlug: form.slug,
    organisationId: org._id,
    role: 'handler',
    now,
  });
  await setPassword(db, { token: staff.setPasswordToken!, password, now });
  const actor: Actor = { type: 'staff', id: staff.userId, name: 'Bench Handler', role: 'handler' };
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
  const base = { caseId: created.caseId, policy, publicBaseUrl };
  await acknowledge(db, { ...base, actor, now: at(1) });
  await requestInformation(db, { ...base, actor, now: at(2), body: 'Please send the second bill.' });
  await complainantReply(db, { ...base, actor: { type: 'complainant' }, now: at(20), body: 'Here it is.' });
  await proposeResolution(db, { ...base, actor, now: at(40), body: 'We will refund both bills.' });
  return { reference: created.reference, accessCode: created.accessCode, caseId: created.caseId, staffEmail: 'bench.handler@example.org' };
}

async function signInComplainant(url: string, seeded: Seeded): Promise<string> {
  const response = await fetch(`${url}/${lang}/track`, {
    method: 'POST',
    body: new URLSearchParams({ method: 'code', reference: seeded.reference, accessCode: seeded.accessCode }),
    headers: { origin: url },
    redirect: 'manual',
  });
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('redress_case_'))
    ?.split(';')[0];
  if (!cookie) throw new Error(`complainant sign-in refused: ${response.status}`);
  return cookie;
}

interface LoadResult {
  total: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function autocannonRun(url: string, cookie: string): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  return {
    total: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** wrk (Debian's package): a client in C on one thread, which takes far less of the shared cores. */
async function wrk(url: string, cookie: string): Promise<LoadResult> {
  // Not execFileSync: this process must go on reading the server's log, or the server blocks writing it.
  const { stdout: out } = await promisify(execFile)('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-H', `cookie: ${cookie}`, url], {
    encoding: 'utf8',
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new Error('BENCH_CLIENT=wrk needs wrk: apt-get install wrk');
    throw error;
  });
  const ms = (label: string) => {
    const m = out.match(new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm'));
    if (!m) throw new Error(`wrk printed no ${label}th percentile:\n${out}`);
    const value = Number(m[1]);
    return m[2] === 'us' ? value / 1000 : m[2] === 's' ? value * 1000 : value;
  };
  const total = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const socketErrors = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const errors = (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0) + Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  return { total, perSecond: Math.round(Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0)), p50: ms('50'), p99: ms('99'), errors };
}

/** The server's garbage collections so far (prom-client's default metrics): count, total ms, pauses over 10 ms. */
async function collections(metricsUrl: string) {
  const text = await (await fetch(metricsUrl)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, m) => total + Number(m[1]), 0);
  return {
    count: sum(/^redress_nodejs_gc_duration_seconds_count\{[^}]*\} (\S+)$/gm),
    ms: sum(/^redress_nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm) * 1000,
    under10ms: sum(/^redress_nodejs_gc_duration_seconds_bucket\{le="0.01"[^}]*\} (\S+)$/gm),
  };
}

async function load(url: string, cookie: string, serverPid: number, metricsUrl: string) {
  // Warm up: templates compiled, connections open, caches of content filled.
  for (let i = 0; i < 30; i++) {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    await response.arrayBuffer();
  }
  const before = cpuTimes(serverPid);
  const gcBefore = await collections(metricsUrl);
  const started = performance.now();
  const result = client === 'wrk' ? await wrk(url, cookie) : await autocannonRun(url, cookie);
  const after = cpuTimes(serverPid);
  const elapsedSeconds = (performance.now() - started) / 1000;
  const gcAfter = await collections(metricsUrl);
  const perRequest = (ms: number) => Math.round((ms / Math.max(1, result.total)) * 100) / 100;
  return {
    perSecond: result.perSecond,
    p50: result.p50,
    p99: result.p99,
    errors: result.errors,
    serverCpuMs: perRequest(after.server - before.server),
    databaseCpuMs: perRequest(after.database - before.database),
    // Above 1 the server's one thread (with its GC helpers) is the limit: latency is then
    // connections / throughput, whatever the client.
    serverCores: Math.round(((after.server - before.server) / 1000 / elapsedSeconds) * 100) / 100,
    gcPerSecondMs: Math.round((gcAfter.ms - gcBefore.ms) / elapsedSeconds),
    gcPausesOver10ms: gcAfter.count - gcAfter.under10ms - (gcBefore.count - gcBefore.under10ms),
  };
}

async function run(engine: string, options: { databaseUrl?: string; env?: Record<string, string> }) {
  const dataDir = mkdtempSync(join(tmpdir(), `redress-bench-status-`));
  const database = await connect(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir, databaseUrl: null });
  let seeded: Seeded;
  try {
    seeded = await seed(database);
  } finally {
    // PGlite belongs to one process: the server opens it next.
    await database.close();
  }
  const profile: Record<string, string> = process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE}` } : {};
  const metricsPort = await freePort();
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const server = await startServer({
    DATA_DIR: dataDir,
    METRICS_PORT: String(metricsPort),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...profile,
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...options.env,
  });
  try {
    const status = await load(`${server.url}/${lang}/track/${seeded.reference}`, await signInComplainant(server.url, seeded), server.pid, metricsUrl);
    const staff = await load(`${server.url}/staff/cases/${seeded.caseId}`, await staffSignIn(server.url, seeded.staffEmail, password), server.pid, metricsUrl);
    return [
      { engine, page: "complainant's status page", ...status },
      { engine, page: "staff's case page", ...staff },
    ];
  } catch (error) {
    console.error(`the server said:\n${server.output().slice(-20_000)}`);
    throw error;
  } finally {
    // BENCH_SERVER_LOG=1: what the server logged besides its requests (its background work, warnings).
    if (process.env.BENCH_SERVER_LOG)
      console.error(
        server
          .output()
          .split('\n')
          .filter((line) => !line.includes('"msg":"request"'))
          .join('\n'),
      );
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = process.env.BENCH_ENGINE === 'postgres' ? [] : await run('PGlite', {});
const cluster = await startThrowawayCluster();
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE redress_bench_status');
  await admin.end();
  // BENCH_PG_SOCKET: through the server's Unix socket, as a database on the same machine is reached.
  const base = process.env.BENCH_PG_SOCKET ? cluster.socketUrl : cluster.url;
  const databaseUrl = base.replace(/\/[^/?]*(\?|$)/, '/redress_bench_status$1');
  results.push(...(await run('PostgreSQL', { databaseUrl })));
  if (process.env.BENCH_PROCESSES)
    results.push(
      ...(await run(`PostgreSQL, ${process.env.BENCH_PROCESSES} processes`, { databaseUrl, env: { WEB_CONCURRENCY: process.env.BENCH_PROCESSES } })),
    );
} finally {
  await cluster.stop();
}

console.log(
  `status: ${connections} connections (${client}), ${seconds} s per page, ${otherCases} other cases, ${form.slug}, client and server on the same ${cpus().length} cores, Node ${process.version}`,
);
console.table(
  results.map((r) => ({
    engine: r.engine,
    page: r.page,
    'req/s': r.perSecond,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    errors: r.errors,
    'server CPU ms/req': r.serverCpuMs,
    'database CPU ms/req': r.databaseCpuMs,
    'server cores busy': r.serverCores,
    'GC ms/s': r.gcPerSecondMs,
    'GC pauses > 10 ms': r.gcPausesOver10ms,
  })),
);
const goal = results.filter((r) => r.engine === 'PostgreSQL').every((r) => r.p99 <= 50 && r.errors === 0);
console.log(`goal (p99 <= 50 ms on PostgreSQL, 0 errors): ${goal ? 'met' : 'not met'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/status.json', JSON.stringify({ date: new Date().toISOString(), client, seconds, connections, otherCases, results }, null, 2));
