// Load benchmark of complaint submission: concurrent complainants posting valid complaints,
// each with a small PDF, for BENCH_SECONDS (10 s), against the built server on PGlite and
// on PostgreSQL (one process, then two). Prints submissions/s, p50 and p99 latency, errors,
// the server's and PostgreSQL's CPU per submission and the cases found in the store afterwards,
// and writes bench/results/submit.json. Goal: >= 100/s on PGlite, >= 200/s on PostgreSQL.
// BENCH_ENGINE=postgres skips PGlite; BENCH_PG_SOCKET=1 reaches PostgreSQL through its Unix
// socket; BENCH_PROFILE=<dir> writes the server's CPU profile. Run: npm run bench:submit.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { cases, connect } from '#src/db/index.ts';
import { startServer } from '../test/support/server.ts';
import { cpuTimes } from './cpu-times.ts';
import { startThrowawayCluster } from '../test/support/postgres-global-setup.ts';
import { formFields, organisationForms, pdfBytes, validAnswers } from '../test/support/complaint-forms.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

// The form with the most questions of its own: the heaviest validation.
const form = organisationForms().sort((a, b) => b.definition.fields.length - a.definition.fields.length)[0]!;
const lang = form.languages[0]!;
const fields = formFields(form, lang);
const fileField = fields.find((f) => f.type === 'file' && !f.required && !f.showIf);

// The load generator shares the 2 cores with the server and the database, so it must cost
// little: each complainant's form is encoded once (multipart, with its PDF) and every post
// sends a copy with a fresh form key and draft id written into it, over node:http with
// keep-alive. Encoding a FormData through fetch for every post took about as much CPU as
// the server's own work on a submission.
const keyMark = 'K'.repeat(32);
const draftMark = 'D'.repeat(32);

async function bodyTemplate(): Promise<{ contentType: string; next: () => Buffer }> {
  const { body } = validAnswers(fields);
  body.set('_key', keyMark);
  body.set('_draft', draftMark);
  if (fileField) body.append(fileField.key, new File([pdfBytes()], 'receipt.pdf', { type: 'application/pdf' }));
  const encoded = new Response(body);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  const keyAt = bytes.indexOf(keyMark);
  const draftAt = bytes.indexOf(draftMark);
  if (keyAt < 0 || draftAt < 0) throw new Error('the form key or draft id is not in the encoded form');
  return {
    contentType: encoded.headers.get('content-type')!,
    next: () => {
      const copy = Buffer.from(bytes);
      copy.write(randomBytes(16).toString('hex'), keyAt, 'latin1');
      copy.write(randomBytes(16).toString('hex'), draftAt, 'latin1');
      return copy;
    },
  };
}

async function run(engine: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), `redress-bench-${engine}-`));
  const server = await startServer({
    DATA_DIR: dataDir,
    SUBMIT_RATE_LIMIT: '100000000',
    ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=' + process.env.BENCH_PROFILE } : {}),
    ...env,
  });
  const storedBefore = env.DATABASE_URL ? await casesIn(env.DATABASE_URL, dataDir) : 0;
  const url = new URL(`${server.url}/${lang}/${form.slug}/complain?about=complaint`);
  const template = await bodyTemplate();
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = () =>
    new Promise<{ ok: boolean; ms: number }>((done) => {
      const payload = template.next();
      const started = performance.now();
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { origin: server.url, 'content-type': template.contentType, 'content-length': payload.length },
        },
        (response) => {
          response.resume();
          response.on('end', () => done({ ok: response.statusCode === 303, ms: performance.now() - started }));
        },
      );
      request.on('error', () => done({ ok: false, ms: 0 }));
      request.end(payload);
    });
  let measured;
  try {
    // Warm up: the first request opens and migrates the database.
    for (let i = 0; i < warmUp; i++) await post();
    const latencies: number[] = [];
    let errors = 0;
    const before = cpuTimes(server.pid);
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          const result = await post();
          if (result.ok) latencies.push(result.ms);
          else errors += 1;
        }
      }),
    );
    const after = cpuTimes(server.pid);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
    const perSubmission = (ms: number) => Math.round((ms / Math.max(1, latencies.length + errors)) * 100) / 100;
    measured = {
      engine,
      submissions: latencies.length,
      perSecond: Math.round(latencies.length / seconds),
      p50: at(0.5),
      p99: at(0.99),
      errors,
      serverCpuMs: perSubmission(after.server - before.server),
      databaseCpuMs: perSubmission(after.database - before.database),
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
  // What the 303s claim, checked in the store: every accepted submission is a case.
  const stored = (await casesIn(env.DATABASE_URL, dataDir)) - storedBefore - warmUp;
  rmSync(dataDir, { recursive: true, force: true });
  return { ...measured, stored };
}

const warmUp = 20;

/** The number of cases in the store (PGlite: opened once the server has stopped). */
async function casesIn(databaseUrl: string | undefined, dataDir: string): Promise<number> {
  const database = await connect(databaseUrl ? { databaseUrl } : { dataDir, databaseUrl: null });
  try {
    const [row] = await database.db.select({ n: count() }).from(cases);
    return row?.n ?? 0;
  } finally {
    await database.close();
  }
}

const results = process.env.BENCH_ENGINE === 'postgres' ? [] : [await run('PGlite', {})];
const cluster = await startThrowawayCluster();
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE redress_bench');
  await admin.end();
  // BENCH_PG_SOCKET: through the server's Unix socket, as a database on the same machine is reached.
  const databaseUrl = (process.env.BENCH_PG_SOCKET ? cluster.socketUrl : cluster.url).replace(/\/[^/?]*(\?|$)/, '/redress_bench$1');
  results.push(await run('PostgreSQL', { DATABASE_URL: databaseUrl }));
  results.push(await run('PostgreSQL, 2 processes', { DATABASE_URL: databaseUrl, WEB_CONCURRENCY: '2' }));
} finally {
  await cluster.stop();
}

console.log(
  `submit: ${concurrency} concurrent complainants, ${seconds} s each, form of ${form.slug} (${fields.length} questions) with a PDF, ${cpus().length} cores, Node ${process.version}`,
);
console.table(
  results.map((r) => ({
    engine: r.engine,
    'submissions/s': r.perSecond,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    errors: r.errors,
    total: r.submissions,
    'server CPU ms': r.serverCpuMs,
    'database CPU ms': r.databaseCpuMs,
    'cases stored': r.stored,
  })),
);
const pglite = results.filter((r) => r.engine === 'PGlite');
const postgres = results.filter((r) => r.engine !== 'PGlite');
const goal =
  pglite.every((r) => r.perSecond >= 100) &&
  Math.max(...postgres.map((r) => r.perSecond)) >= 200 &&
  results.every((r) => r.errors === 0 && r.stored === r.submissions);
console.log(`goal (>= 100/s on PGlite, >= 200/s on PostgreSQL, 0 errors, every submission stored): ${goal ? 'met' : 'not met'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/submit.json', JSON.stringify({ date: new Date().toISOString(), seconds, concurrency, form: form.slug, results }, null, 2));
