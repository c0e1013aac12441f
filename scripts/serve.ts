// The production server: checks the environment first (a wrong setting stops the start
// with a message naming the variable), then serves the Astro build. Public pages already
// rendered are answered from the page cache before Astro is called at all: that is what
// lets a server-rendered page come close to a static file (bench/public-pages.ts).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseEnv } from '../src/env.ts';
import { sharedPageCache } from '../site/lib/page-cache.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import('../dist/server/entry.mjs')) as {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
};
const cache = sharedPageCache();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url) {
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
server.listen(port, host, () => console.log(`Redress is listening on http://${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
}
