// Load benchmark of complaint submission: concurrent complainants posting valid complaints,
// each with a small PDF, for BENCH_SECONDS (10 s), against the built server on PGlite and
// on PostgreSQL. Prints submissions/s, p50 and p99 latency and errors, and writes
// bench/results/submit.json. Run: npm run bench:submit (after npm run build).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
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

function body(): FormData {
  const { body } = validAnswers(fields);
  body.set('_key', randomBytes(16).toString('hex'));
  body.set('_draft', randomBytes(16).toString('hex'));
  if (fileField) body.append(fileField.key, new File([pdfBytes()], 'receipt.pdf', { type: 'application/pdf' }));
  return body;
}

async function run(engine: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), `redress-bench-${engine}-`));
  const server = await startServer({
    DATA_DIR: dataDir,
    SUBMIT_RATE_LIMIT: '100000000',
    ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=' + process.env.BENCH_PROFILE } : {}),
    ...env,
  });
  const url = `${server.url}/${lang}/${form.slug}/complain?about=complaint`;
  const post = async () => {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', body: body(), headers: { origin: server.url }, redirect: 'manual' });
    await response.arrayBuffer();
    return { ok: response.status === 303, ms: performance.now() - started };
  };
  try {
    // Warm up: the first request opens and migrates the database.
    for (let i = 0; i < 20; i++) await post();
    const latencies: number[] = [];
    let errors = 0;
    const before = cpuTimes(server.pid);
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          const result = await post().catch(() => ({ ok: false, ms: 0 }));
          if (result.ok) latencies.push(result.ms);
          else errors += 1;
        }
      }),
    );
    const after = cpuTimes(server.pid);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
    const perSubmission = (ms: number) => Math.round((ms / Math.max(1, latencies.length + errors)) * 100) / 100;
    return {
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
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
  })),
);
const pglite = results.filter((r) => r.engine === 'PGlite');
const postgres = results.filter((r) => r.engine !== 'PGlite');
const goal = pglite.every((r) => r.perSecond >= 100) && Math.max(...postgres.map((r) => r.perSecond)) >= 200 && results.every((r) => r.errors === 0);
console.log(`goal (>= 100/s on PGlite, >= 200/s on PostgreSQL, 0 errors): ${goal ? 'met' : 'not met'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/submit.json', JSON.stringify({ date: new Date().toISOString(), seconds, concurrency, form: form.slug, results }, null, 2));
