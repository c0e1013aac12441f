// Load benchmark of the public pages: an organisation page and a code page rendered by the
// server (SSR, with its page cache), against the very same bytes served as a static file
// by the same server. Prints req/s, p50 and p99 latency and the SSR/static ratio, and
// writes bench/results/public-pages.json. Run: npm run bench:public (after npm run build).
import autocannon from 'autocannon';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { readDataset } from '#src/content/local-source.ts';
import { startServer } from '../test/support/server.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const duration = Number(process.env.BENCH_SECONDS ?? 10);

// The organisation with the most contact methods that have opening hours: its page does
// the most work per request (open now, next opening, holidays).
const org = readDataset('content')
  .filter((d) => d._type === 'organisation')
  .map((d) => ({
    slug: (d.slug as { current: string }).current,
    withHours: ((d.contactMethods as { openingHours?: unknown }[]) ?? []).filter((m) => m.openingHours).length,
  }))
  .sort((a, b) => b.withHours - a.withHours)[0]!;

const staticDir = join('dist', 'client', 'bench-static');
const server = await startServer();
const uncached = await startServer({ PAGE_CACHE: 'false' });
const pages = [
  { name: 'organisation page', path: `/en/${org.slug}/` },
  { name: 'code page', path: `/en/${org.slug}/code` },
];

async function run(url: string) {
  // A short warm-up, so that the first render and JIT are not measured.
  await autocannon({ url, connections, duration: 1 });
  const result = await autocannon({ url, connections, duration });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (result.non2xx ?? 0),
  };
}

const results = [];
try {
  mkdirSync(staticDir, { recursive: true });
  for (const page of pages) {
    const bytes = Buffer.from(await (await fetch(`${server.url}${page.path}`)).arrayBuffer());
    const file = `${page.path.replace(/\W+/g, '-')}.html`;
    writeFileSync(join(staticDir, file), bytes);
    const ssr = await run(`${server.url}${page.path}`);
    const staticFile = await run(`${server.url}/bench-static/${file}`);
    const rendered = await run(`${uncached.url}${page.path}`);
    const ratio = Number((ssr.requestsPerSecond / staticFile.requestsPerSecond).toFixed(2));
    results.push({ page: page.name, path: page.path, bytes: bytes.length, ssr, static: staticFile, renderedEachTime: rendered, ratio });
  }
} finally {
  await Promise.all([server.stop(), uncached.stop()]);
  rmSync(staticDir, { recursive: true, force: true });
}

console.log(`public pages: ${connections} connections, ${duration} s each, ${cpus().length} cores, Node ${process.version}`);
console.table(
  results.flatMap((r) => [
    { page: r.page, served: 'SSR', 'req/s': r.ssr.requestsPerSecond, 'p50 ms': r.ssr.p50, 'p99 ms': r.ssr.p99, errors: r.ssr.errors, 'SSR/static': r.ratio },
    {
      page: r.page,
      served: 'SSR, cache off',
      'req/s': r.renderedEachTime.requestsPerSecond,
      'p50 ms': r.renderedEachTime.p50,
      'p99 ms': r.renderedEachTime.p99,
      errors: r.renderedEachTime.errors,
      'SSR/static': '',
    },
    {
      page: r.page,
      served: 'static',
      'req/s': r.static.requestsPerSecond,
      'p50 ms': r.static.p50,
      'p99 ms': r.static.p99,
      errors: r.static.errors,
      'SSR/static': '',
    },
  ]),
);
const goal = results.every((r) => r.ratio >= 0.5 && r.ssr.p99 <= 25);
console.log(`goal (SSR/static >= 0.5 and SSR p99 <= 25 ms): ${goal ? 'met' : 'not met'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/public-pages.json', JSON.stringify({ date: new Date().toISOString(), connections, duration, results }, null, 2));
