// The production server: checks the environment first (a wrong setting stops the start
// with a message naming the variable), then serves the Astro build. Public pages already
// rendered are answered from the page cache before Astro is called at all: that is what
// lets a server-rendered page come close to a static file (bench/public-pages.ts).
// With PostgreSQL, WEB_CONCURRENCY > 1 runs that many server processes on one port (the
// embedded PGlite database belongs to one process, so it always runs one).
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseEnv } from '../src/env.ts';
import { sharedPageCache } from '../site/lib/page-cache.ts';
import { PREVIEW_COOKIE } from '../src/content/preview.ts';
import { createEdge } from '../src/http/edge.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const settings = parsed.env;
const processes = settings.DATABASE_URL ? settings.WEB_CONCURRENCY : 1;

if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    console.error(`server process ${worker.process.pid} ended (${code}); starting another`);
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  await serve();
}

async function serve() {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  // A URL, not a literal path: the build output does not exist when this file is type-checked.
  const entry = new URL('../dist/server/entry.mjs', import.meta.url).href;
  const { handler } = (await import(entry)) as {
    handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  };
  const cache = sharedPageCache();
  // Methods, body size, the client behind a trusted proxy, HSTS: before the cache and Astro.
  const edge = createEdge({ trustedProxies: settings.TRUSTED_PROXIES, maxBodyBytes: settings.MAX_BODY_MB * 1024 * 1024 });
  // An editor in draft preview must never get the published page from the cache; whether
  // the cookie is valid is Astro's middleware's to decide.
  const inPreview = (cookie: string | undefined) => cookie !== undefined && cookie.includes(`${PREVIEW_COOKIE}=`);

  const server = createServer((req, res) => {
    if (edge(req, res)) return;
    if (req.method === 'GET' && req.url && !inPreview(req.headers.cookie)) {
      const hit = cache.get(req.url.split('?', 1)[0]!);
      if (hit) {
        res.writeHead(hit.status, hit.headers);
        res.end(hit.body);
        return;
      }
    }
    handler(req, res);
  });

  const port = Number(process.env.PORT ?? 4321);
  const host = process.env.HOST ?? 'localhost';
  server.listen(port, host, () => {
    if (!cluster.isWorker || cluster.worker?.id === 1) console.log(`Redress is listening on http://${host}:${port}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
  }
}
