import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorHtml, languageOf } from './error-html.ts';
import { forwardedView, trustedProxies, type ForwardedView } from './forwarded.ts';

/** What the site answers to: pages and forms. Anything else (PUT, DELETE, TRACE...) is 405. */
export const ALLOWED_METHODS = 'GET, HEAD, POST';

/** One year, subdomains included: sent only on https responses, where browsers heed it. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export interface EdgeOptions {
  /** TRUSTED_PROXIES entries. */
  trustedProxies: readonly string[];
  /** The largest body any route takes (MAX_BODY_MB): a longer declared body is refused before it is read. */
  maxBodyBytes: number;
}

/**
 * What the Node server does to a request before Astro sees it (scripts/serve.ts calls it
 * once per request): refuses methods no page takes and bodies declared larger than the
 * largest form, works out the real client and protocol behind a trusted proxy and shows
 * them to Astro as the socket's (so `Astro.clientAddress`, `Astro.url` and the origin check
 * see what the browser sees), and adds HSTS on https. Returns true when it has answered.
 */
export function createEdge(options: EdgeOptions) {
  const proxies = trustedProxies(options.trustedProxies);
  return function edge(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      if (method === 'OPTIONS') {
        res.writeHead(204, { allow: ALLOWED_METHODS, 'cache-control': 'no-store' }).end();
      } else {
        answer(req, res, 405, { allow: ALLOWED_METHODS });
      }
      return true;
    }
    try {
      decodeURI(req.url ?? '/');
    } catch {
      answer(req, res, 400, {});
      return true;
    }
    const encrypted = 'encrypted' in req.socket && Boolean((req.socket as { encrypted?: boolean }).encrypted);
    const view = forwardedView(req.socket.remoteAddress, req.headers, proxies, encrypted);
    for (const name of ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded']) delete req.headers[name];
    presentToAstro(req, view);
    if (view.protocol === 'https') res.setHeader('strict-transport-security', HSTS);
    const length = req.headers['content-length'];
    if (length !== undefined && (!/^\d{1,15}$/.test(length) || Number(length) > options.maxBodyBytes)) {
      // Closing the connection is what stops a client that has already started sending.
      answer(req, res, /^\d{1,15}$/.test(length) ? 413 : 400, { connection: 'close' });
      return true;
    }
    return false;
  };
}

function answer(req: IncomingMessage, res: ServerResponse, status: 400 | 405 | 413, headers: Record<string, string>) {
  const body = errorHtml(status, languageOf(req.url, req.headers['accept-language']));
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * @astrojs/node takes the client address from `req.socket.remoteAddress` and the protocol
 * from `req.socket.encrypted` (it has no trusted-proxy setting: its own X-Forwarded-For
 * handling believes the leftmost, client-written address), so this request's socket is
 * seen through a view that reports the forwarded ones. Everything else goes to the real
 * socket, methods bound to it; the socket itself is untouched, so a proxy's keep-alive
 * connection carrying several clients' requests gives each its own view.
 */
function presentToAstro(req: IncomingMessage, view: ForwardedView) {
  if (!view.viaTrustedProxy) return;
  const socket = req.socket;
  const seen = new Proxy(socket, {
    get(target, property) {
      if (property === 'remoteAddress') return view.clientAddress;
      if (property === 'encrypted') return view.protocol === 'https';
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has(target, property) {
      return property === 'encrypted' || Reflect.has(target, property);
    },
  });
  Object.defineProperty(req, 'socket', { value: seen, configurable: true, writable: true, enumerable: true });
}
