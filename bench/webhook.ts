// Time from a signed Sanity webhook to the changed page: the built server reads content
// through the real @sanity/client from a local Content Lake (test/support/fake-content-lake.ts);
// each run publishes a change in the lake, sends the webhook and polls the page until the
// change shows. Two set-ups: one server on PGlite, and two servers of two processes each
// (WEB_CONCURRENCY=2) on one PostgreSQL, where the webhook reaches one process of one server
// and the others learn of it through LISTEN/NOTIFY (docs/decisions/004-...). There it measures
// the time until the other server shows the change, and until every process does (8 views in
// a row on new connections, spread over both servers, all changed), and counts the stale
// views seen after the webhook answered. Prints p50/p95/max over BENCH_RUNS (50) runs per
// scenario and writes bench/results/webhook.json. Goal: under 1 s. Run: npm run bench:webhook.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { getOnNewConnection, startServer, type RunningServer } from '../test/support/server.ts';
import { startThrowawayCluster } from '../test/support/postgres-global-setup.ts';
import { siteEnvFor, startFakeContentLake, type FakeContentLake } from '../test/support/fake-content-lake.ts';
import { sendWebhook, type WebhookBody } from '../test/support/sanity-webhook-client.ts';

const runs = Number(process.env.BENCH_RUNS ?? 50);
const secret = 'bench-webhook-secret';

interface Scenario {
  name: string;
  page: string;
  /** Publishes change number `n` in the lake and says what the webhook sends and the page must show. */
  publish(lake: FakeContentLake, n: number): { webhook: WebhookBody; marker: string };
}

const scenarios: Scenario[] = [
  {
    name: 'organisation renamed, its code page',
    page: '/en/opus/code',
    publish(lake, n) {
      const marker = `Opus rename ${n}`;
      lake.patch('org-opus', { name: marker });
      return { webhook: { _id: 'org-opus', _type: 'organisation', slug: 'opus', organisation: null }, marker };
    },
  },
  {
    name: 'shared ADR scheme edited, a page using it',
    page: '/en/opus-telecoms/',
    publish(lake, n) {
      const marker = `Ofcom edit ${n}`;
      const description = [{ _key: 'en', _type: 'internationalizedArrayTextValue', language: 'en', value: marker }];
      lake.patch('adr-ofcom', { description });
      return { webhook: { _id: 'adr-ofcom', _type: 'adrScheme', slug: null, organisation: null }, marker };
    },
  },
];

const lake = await startFakeContentLake();
const dataDir = mkdtempSync(join(tmpdir(), 'redress-bench-webhook-'));
const server = await startServer(siteEnvFor(lake, { SANITY_WEBHOOK_SECRET: secret, DATA_DIR: dataDir }));

const round = (ms: number) => Math.round(ms * 10) / 10;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);
};

const results = [];
try {
  for (const scenario of scenarios) {
    const times: number[] = [];
    let polls = 0;
    for (let n = 0; n < runs; n++) {
      await (await fetch(`${server.url}${scenario.page}`)).arrayBuffer(); // the page is cached before each change
      const { webhook, marker } = scenario.publish(lake, n);
      const started = performance.now();
      const response = await sendWebhook(server.url, webhook, { secret });
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      for (;;) {
        polls += 1;
        const html = await (await fetch(`${server.url}${scenario.page}`)).text();
        if (html.includes(marker)) break;
        if (performance.now() - started > 10_000) throw new Error(`${scenario.name}: change ${n} did not show within 10 s`);
      }
      times.push(performance.now() - started);
    }
    results.push({
      scenario: `1 server, PGlite: ${scenario.name}`,
      page: scenario.page,
      runs,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: percentile(times, 1),
      pollsPerRun: round(polls / runs),
    });
  }
} finally {
  await server.stop();
}

// Two servers x two processes on one PostgreSQL.
interface Spread {
  scenario: string;
  page: string;
  runs: number;
  otherServer: { p50: number; p95: number; max: number };
  everywhere: { p50: number; p95: number; max: number };
  staleAfterAnswer: number;
  viewsAfterAnswer: number;
}
const spread: Spread[] = [];
const cluster = await startThrowawayCluster();
const servers: RunningServer[] = [];
const dataDirs: string[] = [];
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE redress_bench_webhook');
  await admin.end();
  const databaseUrl = cluster.url.replace(/\/[^/?]*(\?|$)/, '/redress_bench_webhook$1');
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'redress-bench-webhook-'));
    dataDirs.push(dir);
    servers.push(await startServer(siteEnvFor(lake, { SANITY_WEBHOOK_SECRET: secret, DATA_DIR: dir, DATABASE_URL: databaseUrl, WEB_CONCURRENCY: '2' })));
  }
  const [receiving, other] = servers as [RunningServer, RunningServer];
  const view = async (target: RunningServer, page: string) => (await getOnNewConnection(`${target.url}${page}`)).body;
  for (const scenario of scenarios) {
    const toOther: number[] = [];
    const toAll: number[] = [];
    let stale = 0;
    let views = 0;
    for (let n = 0; n < runs; n++) {
      // Every process holds the page before each change.
      await Promise.all(Array.from({ length: 8 }, (_, i) => view(servers[i % 2]!, scenario.page)));
      const { webhook, marker } = scenario.publish(lake, 1000 + n);
      const started = performance.now();
      const response = await sendWebhook(receiving.url, webhook, { secret });
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      let otherAt: number | undefined;
      let inARow = 0;
      for (;;) {
        const target = views % 2 === 0 ? receiving : other;
        const html = await view(target, scenario.page);
        views += 1;
        const changed = html.includes(marker);
        if (!changed) stale += 1;
        if (changed && target === other && otherAt === undefined) otherAt = performance.now() - started;
        inARow = changed ? inARow + 1 : 0;
        if (inARow >= 8 && otherAt !== undefined) break;
        if (performance.now() - started > 10_000) throw new Error(`${scenario.name}: change ${n} not everywhere within 10 s`);
      }
      toOther.push(otherAt!);
      toAll.push(performance.now() - started);
    }
    const figures = (values: number[]) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95), max: percentile(values, 1) });
    spread.push({
      scenario: scenario.name,
      page: scenario.page,
      runs,
      otherServer: figures(toOther),
      everywhere: figures(toAll),
      staleAfterAnswer: stale,
      viewsAfterAnswer: views,
    });
  }
} finally {
  for (const running of servers) await running.stop();
  await cluster.stop();
  await lake.close();
  for (const dir of [dataDir, ...dataDirs]) rmSync(dir, { recursive: true, force: true });
}

console.log(`webhook: time from the signed webhook to the changed page, ${runs} runs each, ${cpus().length} cores, Node ${process.version}`);
console.table(results.map((r) => ({ scenario: r.scenario, 'p50 ms': r.p50, 'p95 ms': r.p95, 'max ms': r.max, 'page views per run': r.pollsPerRun })));
console.log('2 servers x 2 processes on one PostgreSQL: webhook to one process of server A; views on new connections alternate between A and B');
console.table(
  spread.map((r) => ({
    scenario: r.scenario,
    'to server B p50 ms': r.otherServer.p50,
    'p95 ms': r.otherServer.p95,
    'max ms': r.otherServer.max,
    'to every process p50 ms': r.everywhere.p50,
    'p95 ms ': r.everywhere.p95,
    'max ms ': r.everywhere.max,
    'stale views after the answer': `${r.staleAfterAnswer} of ${r.viewsAfterAnswer}`,
  })),
);
const goal = results.every((r) => r.max < 1000) && spread.every((r) => r.everywhere.max < 1000);
console.log(`goal (every change visible on every process in under 1 s): ${goal ? 'met' : 'not met'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/webhook.json', JSON.stringify({ date: new Date().toISOString(), runs, results, spread }, null, 2));
