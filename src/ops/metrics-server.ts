import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface MetricsServerOptions {
  port: number;
  host: string;
  /** When set, scrapers must send `Authorization: Bearer <token>`. */
  token?: string;
  /** The metrics text and its content type (this process's, or the cluster's aggregate). */
  metrics: () => Promise<{ contentType: string; body: string }>;
}

/**
 * The Prometheus endpoint, on its own port and not on the site's: route names and volumes
 * are nobody's business on the public address. It listens on METRICS_HOST (loopback by
 * default: a scraper on the same machine, or a sidecar in the same pod), and asks for the
 * bearer token when METRICS_TOKEN is set (required by the environment check beyond loopback).
 */
export function startMetricsServer({ port, host, token, metrics }: MetricsServerOptions): Promise<Server> {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  const server = createServer((req, res) => {
    const path = req.url?.split('?', 1)[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    // Compared as digests: equal length, and no early exit that times the first wrong byte.
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }).end('Unauthorized\n');
      return;
    }
    metrics()
      .then(({ contentType, body }) =>
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
      )
      .catch(() => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n'));
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done(server);
    });
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
