import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readiness } from './server-runtime.ts';

export interface ProbeOptions {
  /** The runtime's checks (database, migrations, content). */
  readiness: () => Promise<Readiness>;
  /** True once the server has begun to shut down: no longer ready, whatever the checks say. */
  stopping: () => boolean;
}

/**
 * Answers the platform's probes, before Astro, the page cache or the database are asked
 * anything: `/healthz` (liveness: the process is up and its event loop turns; it asks
 * nothing else, so a database outage does not get every process restarted) and `/readyz`
 * (readiness: the database answers, the migrations are applied and content is loaded;
 * 503 otherwise, and from the moment a shutdown begins). Returns false for any other request.
 */
export function answerProbe(req: IncomingMessage, res: ServerResponse, options: ProbeOptions, context: { route?: string }): boolean {
  const path = req.url?.split('?', 1)[0];
  if (path !== '/healthz' && path !== '/readyz') return false;
  context.route = path;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { status: 'method not allowed' }, { allow: 'GET, HEAD' });
    return true;
  }
  if (path === '/healthz') {
    send(res, 200, { status: 'ok' });
    return true;
  }
  options
    .readiness()
    .then((readiness) => {
      const ready = readiness.ready && !options.stopping();
      send(res, ready ? 200 : 503, { status: ready ? 'ready' : options.stopping() ? 'stopping' : 'not ready', checks: readiness.checks });
    })
    .catch(() => send(res, 503, { status: 'not ready' }));
  return true;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
