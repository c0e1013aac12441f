import { AsyncLocalStorage } from 'node:async_hooks';

/** What the server knows about the request being handled, for logs and metrics. */
export interface RequestContext {
  /** The request id (also sent back as X-Request-Id). */
  readonly id: string;
  /** The route pattern Astro matched (`/[lang]/[org]/complain`), never the raw URL. */
  route?: string;
}

const key = Symbol.for('redress.request-context');

/**
 * One AsyncLocalStorage for the process. It lives on globalThis because two copies of this
 * module run in the server: the one scripts/serve.ts imports (which opens the context) and
 * the one bundled into the Astro build (whose middleware records the route and whose logs
 * carry the id).
 */
function storage(): AsyncLocalStorage<RequestContext> {
  const holder = globalThis as { [key]?: AsyncLocalStorage<RequestContext> };
  holder[key] ??= new AsyncLocalStorage<RequestContext>();
  return holder[key];
}

/** Runs `fn` (and everything it starts) inside the context of one request. */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

/** The request being handled, or undefined outside a request (timers, start-up). */
export function currentRequest(): RequestContext | undefined {
  return storage().getStore();
}

/** Records the route pattern of the current request; outside a request it does nothing. */
export function recordRoute(route: string): void {
  const context = storage().getStore();
  if (context) context.route = route;
}

const saneId = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id of a request: the caller's X-Request-Id when it looks like an id (8 to 128
 * letters, digits, dots, dashes, underscores, colons: what load balancers and tracing
 * send), so one id follows a request through the proxy and this server; otherwise a new
 * random one. Anything else is refused rather than cleaned, since it would be copied into
 * logs and a response header.
 */
export function requestIdFrom(header: string | string[] | undefined, generate: () => string): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && saneId.test(value) ? value : generate();
}
