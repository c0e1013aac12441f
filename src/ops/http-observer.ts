import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
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
  res.once('finish', () => (finished = true));
  res.once('close', () => {
    const seconds = (performance.now() - started) / 1000;
    const method = methodLabel(req.method);
    // Requests Astro never routed: files from dist/client, or refused before routing.
    const route = context.route ?? (res.statusCode < 400 ? 'static' : 'unmatched');
    const status = finished ? res.statusCode : 0;
    const metrics = serverMetrics();
    metrics.httpRequests.inc({ method, route, status: String(status) });
    metrics.httpDuration.observe({ method, route }, seconds);
    logger().info(
      { reqId: context.id, method, route, status, ms: Math.round(seconds * 10_000) / 10, ...(finished ? {} : { aborted: true }) },
      'request',
    );
  });
  return context;
}

export interface RequestTracker {
  /** Requests received whose response has not ended. */
  readonly active: number;
}

/** Counts the server's requests in progress (a response ends on 'close', sent or not). */
export function trackRequests(server: Server): RequestTracker {
  let active = 0;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    active++;
    res.once('close', () => active--);
  });
  return {
    get active() {
      return active;
    },
  };
}

/**
 * Stops the server gracefully: the listening socket closes at once (new connections are
 * refused), idle keep-alive connections are closed, requests in progress run to the end
 * of their response and their connections close after it; whatever is still running
 * after `timeoutMs` is cut. Resolves when every connection is closed, with the number of
 * requests that were cut.
 */
export function closeGracefully(server: Server, requests: RequestTracker, timeoutMs: number): Promise<{ cut: number }> {
  return new Promise((done) => {
    let cut = 0;
    // A connection whose response just ended is idle: close it rather than wait for the
    // client to send another request on it (it would be answered with `connection: close`).
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      cut = requests.active;
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      done({ cut });
    });
    server.closeIdleConnections();
  });
}
