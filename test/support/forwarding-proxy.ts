import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real reverse proxy for tests, as nginx would be configured in front of the site: it
 * listens on 127.0.0.1, passes the Host header through, appends the TCP peer's address to
 * X-Forwarded-For and says X-Forwarded-Proto: https (TLS is "terminated" here). Requests
 * reach the site from 127.0.0.1, the address to put in TRUSTED_PROXIES.
 */
export interface ForwardingProxy {
  url: string;
  /** What the browser would call the site: https and the proxy's host and port. */
  publicOrigin: string;
  close: () => Promise<void>;
}

export async function startForwardingProxy(target: string): Promise<ForwardingProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const peer = req.socket.remoteAddress ?? '';
    const before = req.headers['x-forwarded-for'];
    const headers: IncomingHttpHeaders = { ...req.headers, 'x-forwarded-for': before ? `${before}, ${peer}` : peer, 'x-forwarded-proto': 'https' };
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, localAddress: '127.0.0.1' },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    publicOrigin: `https://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request from a chosen local address (127.0.0.2, 127.0.0.3...: all loopback on
 * Linux), so that a proxy or the server sees different clients from one test process.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((done, fail) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

/** The Set-Cookie lines of a response. */
export const setCookies = (response: RawResponse): string[] => response.headers['set-cookie'] ?? [];
