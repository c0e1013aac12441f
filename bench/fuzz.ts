// The long fuzz run: FUZZ_COUNT (10,000) seeded malformed requests (FUZZ_SEED, 20261123)
// against every route of the built server, signed out and, every other request, signed in
// as a manager. Prints the count, the answers by status and every 5xx (kind, method, path;
// the seed and index give the request back), writes bench/results/fuzz.json, and exits 1
// if any 5xx was seen. Run: npm run fuzz (after npm run build). FUZZ_URL fuzzes a server
// that is already running instead (signed out only).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '#src/db/index.ts';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { startServer } from '../test/support/server.ts';
import { staffSignIn } from '../test/support/site-fixture.ts';
import { runFuzz } from '../test/support/fuzz.ts';

const count = Number(process.env.FUZZ_COUNT ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? 20261123);

let baseUrl = process.env.FUZZ_URL;
let cookie: string | undefined;
let stop = async () => {};
if (!baseUrl) {
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-fuzz-'));
  // A manager to fuzz the back office signed in; made before the server opens PGlite (one process).
  const store = await connect({ dataDir, databaseUrl: null });
  const now = new Date();
  const email = 'fuzz.manager@example.org';
  const created = await createStaff(store.db, { email, name: 'Fuzz', organisationSlug: 'opus', organisationId: 'org-opus', role: 'manager', now });
  await setPassword(store.db, { token: created.setPasswordToken!, password: 'correct horse battery staple 42', now });
  await store.close();
  const server = await startServer({
    DATA_DIR: dataDir,
    SUBMIT_RATE_LIMIT: '100000000',
    SANITY_WEBHOOK_SECRET: 'fuzz-webhook-secret',
    SANITY_PREVIEW_SECRET: 'fuzz-preview-secret-0123456789',
  });
  baseUrl = server.url;
  cookie = await staffSignIn(baseUrl, email);
  stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

const started = performance.now();
const result = await runFuzz({ baseUrl, seed, count, cookie, concurrency: 8 });
const seconds = (performance.now() - started) / 1000;
await stop();

const fiveXX = result.failures.length;
console.log(`fuzz: ${result.total} requests (seed ${seed}) in ${seconds.toFixed(1)} s, ${fiveXX} answered 5xx or not at all`);
console.log(
  'by status:',
  Object.entries(result.byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', '),
);
const byKind = new Map<string, number>();
for (const f of result.failures)
  byKind.set(
    `${f.status} ${f.kind} ${f.method} ${f.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{uuid}').split('?')[0]}`,
    (byKind.get(`${f.status} ${f.kind} ${f.method} ${f.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{uuid}').split('?')[0]}`) ?? 0) + 1,
  );
for (const [what, n] of [...byKind].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${n} x ${what}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/fuzz.json',
  JSON.stringify({ seed, count: result.total, seconds, fiveXX, byStatus: result.byStatus, failures: result.failures.slice(0, 200) }, null, 2),
);
process.exit(fiveXX === 0 ? 0 : 1);
