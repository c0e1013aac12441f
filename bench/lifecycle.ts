// Server lifecycle figures, against the built server:
// - requests cut by SIGTERM: 17 complaint submissions (with a PDF) in progress when the
//   server gets SIGTERM; how many got no complete answer, and how many of those the
//   database kept anyway (committed without an answer), on PGlite;
// - a dead process's mail: a server is killed (SIGKILL) while sending a mail through
//   (a stand-in for) Resend; how long until another server sends it again, on PostgreSQL.
// Prints both and writes bench/results/lifecycle.json. Run: npm run bench:lifecycle
// (after npm run build). BENCH_ROOT=<another checkout, built> measures that one instead.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { cases, connect } from '#src/db/index.ts';
import { freePort } from '../test/support/server.ts';
import { startThrowawayCluster } from '../test/support/postgres-global-setup.ts';
import { queueMail, submitComplaints, until } from '../test/support/lifecycle.ts';
import { startFakeResend } from '../test/mail/fake-resend.ts';

const root = resolve(process.env.BENCH_ROOT ?? '.');
const inFlight = Number(process.env.BENCH_REQUESTS ?? 17);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/** The server of `root` as a process; ready once it answers /en/. */
async function serve(env: Record<string, string>) {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [join(root, 'scripts/serve.ts')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CONTENT_WATCH: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
      return fetch(`${url}/en/`).then(
        () => true,
        () => false,
      );
    },
    60_000,
    'the server',
  );
  return { url, child, exited, output: () => output };
}

async function sigtermRound() {
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-bench-lifecycle-'));
  try {
    const server = await serve({ DATA_DIR: dataDir, SUBMIT_RATE_LIMIT: '100000000' });
    // Opens the database (the old server did it lazily) and loads the route's code.
    await (
      await submitComplaints(server.url, 1)
    ).answers;
    const batch = await submitComplaints(server.url, inFlight);
    // Every request written out in full: all of them are at the server.
    await batch.written;
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    const results = await batch.answers;
    const code = await server.exited;
    const exitMs = Math.round(performance.now() - signalled);
    const answered = results.filter((r) => 'status' in r && r.status === 303).length;
    const failures = [...new Set(results.flatMap((r) => ('error' in r ? [r.error] : r.status === 303 ? [] : [String(r.status)])))];
    const store = await connect({ dataDir, databaseUrl: null });
    const [row] = await store.db.select({ n: count() }).from(cases);
    await store.close();
    const committed = Number(row!.n) - 1;
    return { cut: inFlight - answered, failures: failures.join(' '), committedWithoutAnswer: Math.max(0, committed - answered), exitCode: code, exitMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function killedSenderRound(databaseUrl: string) {
  const fake = await startFakeResend();
  fake.script.push({ status: 200, body: { id: 'lost' }, delayMs: 300_000 });
  const env = { DATABASE_URL: databaseUrl, RESEND_API_KEY: 're_bench', MAIL_FROM: 'Redress <bench@example.org>', RESEND_BASE_URL: fake.url };
  const store = await connect({ databaseUrl, migrate: true });
  const first = await serve(env);
  try {
    await queueMail(store.db, 'bench@example.org');
    await until(() => fake.requests.length === 1, 60_000, 'the first send');
    first.child.kill('SIGKILL');
    const killedAt = performance.now();
    await first.exited;
    const second = await serve(env);
    try {
      // The old server waited 10 minutes and started its worker only at the first request
      // that needed the database: that is not measured here beyond 11 minutes.
      await until(() => fake.requests.length >= 2, 11 * 60_000, 'the mail sent again').catch(() => undefined);
      const resentSeconds = fake.requests.length >= 2 ? Math.round((performance.now() - killedAt) / 100) / 10 : null;
      return { resentSeconds, sameIdempotencyKey: fake.requests[1]?.idempotencyKey === fake.requests[0]?.idempotencyKey };
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    await store.close();
    void fake.close();
  }
}

const sigterm = [];
for (let i = 0; i < rounds; i++) sigterm.push(await sigtermRound());

let killed: Awaited<ReturnType<typeof killedSenderRound>> | undefined;
if (!process.env.BENCH_SKIP_KILL) {
  const cluster = await startThrowawayCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE redress_bench_lifecycle');
    await admin.end();
    killed = await killedSenderRound(cluster.url.replace(/\/[^/?]*(\?|$)/, '/redress_bench_lifecycle$1'));
  } finally {
    await cluster.stop();
  }
}

console.log(`lifecycle: ${inFlight} complaint submissions in progress at SIGTERM, ${rounds} rounds, server in ${root}`);
console.table(
  sigterm.map((r, i) => ({
    round: i + 1,
    'requests cut by SIGTERM': `${r.cut} of ${inFlight}`,
    failures: r.failures,
    'committed without an answer': r.committedWithoutAnswer,
    'exit code': r.exitCode,
    'exit ms': r.exitMs,
  })),
);
if (killed)
  console.log(
    `a killed process's claimed mail sent again after: ${killed.resentSeconds === null ? 'more than 11 min' : `${killed.resentSeconds} s`} (same idempotency key: ${killed.sameIdempotencyKey})`,
  );
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/lifecycle.json', JSON.stringify({ root, inFlight, sigterm, killed }, null, 2) + '\n');
