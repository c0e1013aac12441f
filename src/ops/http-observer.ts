import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from './logger.ts';
import { methodLabel, serverMetrics } from './metrics.ts';
import { requestIdFrom, type RequestContext } from './request-context.ts';

/**
 * Starts watching one request: gives it an id (the caller's X-Request-Id when sane, else a
 * new one) and sends it back as X-Request-Id; when the response ends, writes one log line
 * and counts it in the metrics. The line and the labels hold the method, the route pattern
 * (filled in by Astro's middleware, or by the server for its own answers), the status and
 * the duration: never the URL (tokens travel in paths and query strings), the client's
 * address, a header value or a body.
 */
export function observeRequest(req: IncomingMessage, res: ServerResponse): RequestContext {
  const started = performance.now();
  const context: RequestContext = { id: requestIdFrom(req.headers['x-request-id'], randomUUID) };
  res.setHeader('x-request-id', context.id);
  let finished = false;
  serverMetrics().httpInFlight.inc();
  res.once('finish', () => (finished = true));
  res.once('close', () => {
    serverMetrics().httpInFlight.dec();
    const seconds = (performance.now() - started) / 1000;
    const method = methodLabel(req.method);
    // Requests Astro never routed: files from dist/client, or refused before routing.
    const route = context.route ?? (res.statusCode < 400 ? 'static' : 'unmatched');
    const status = finished ? res.statusCode : 0;
    const metrics = serverMetrics();
    metrics.httpRequests.inc({ method, route, status: String(status) });
    metrics.httpDuration.observe({ method, route }, seconds);
    // Probes come every few seconds from the platform: counted, but logged only at debug.
    const level = route === '/healthz' || route === '/readyz' ? 'debug' : 'info';
    logger()[level]({ reqId: context.id, method, route, status, ms: Math.round(seconds * 10_000) / 10, ...(finished ? {} : { aborted: true }) }, 'request');
  });
  return context;
}
