// Time from a signed Sanity webhook to the changed page: the built server reads content
// through the real @sanity/client from a local Content Lake (test/support/fake-content-lake.ts);
// each run publishes a change in the lake, sends the webhook and polls the page until the
// change shows. Prints p50/p95/max over BENCH_RUNS (50) runs per scenario and writes
// bench/results/webhook.json. Goal: under 1 s. Run: npm run bench:webhook.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../test/support/server.ts';
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
    times.sort((a, b) => a - b);
    const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * p))]! * 10) / 10;
    results.push({ scenario: scenario.name, page: scenario.page, runs, p50: at(0.5), p95: at(0.95), max: at(1), pollsPerRun: Math.round((polls / runs) * 10) / 10 });
  }
} finally {
  await server.stop();
  await lake.close();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`webhook: time from the signed webhook to the changed page, ${runs} runs each, ${cpus().length} cores, Node ${process.version}`);
console.table(results.map((r) => ({ scenario: r.scenario, 'p50 ms': r.p50, 'p95 ms': r.p95, 'max ms': r.max, 'page views per run': r.pollsPerRun })));
const goal = results.every((r) => r.max < 1000);
console.log(`goal (every change visible in under 1 s): ${goal ? 'met' : 'not met'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/webhook.json', JSON.stringify({ date: new Date().toISOString(), runs, results }, null, 2));
