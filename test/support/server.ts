import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningServer {
  url: string;
  /** The server process, e.g. to read its memory from /proc. */
  pid: number;
  output: () => string;
  /** Sends SIGTERM and waits for the process to end. */
  stop: () => Promise<void>;
  /** The server process, to signal it (SIGTERM, SIGKILL) the way a platform would. */
  process: ChildProcess;
  /** Resolves when the process has ended, with its exit code (null when a signal ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Starts the built server (`npm run build` first: `npm test` does) as a real process on a
 * free port, with the given environment, and waits until it answers HTTP. Without a
 * DATA_DIR it gets a fresh temporary one: the server opens its embedded database at start,
 * and two servers cannot share one.
 */
export async function startServer(env: Record<string, string> = {}, options: { readyPath?: string } = {}): Promise<RunningServer> {
  const entry = resolve('scripts/serve.ts');
  if (!existsSync(resolve('dist/server/entry.mjs'))) throw new Error('dist/server/entry.mjs is missing: run `npm run build` (npm test does it first)');
  const port = await freePort();
  let log = '';
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'redress-server-'));
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CONTENT_WATCH: 'false', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  // Generous: a loaded CI machine may take a while to open the store and start its work.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      // /en/ by default; `/healthz` asks nothing of Astro, for tests that count requests.
      await fetch(`${url}${options.readyPath ?? '/en/'}`, { redirect: 'manual' });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    pid: child.pid!,
    process: child,
    exited,
    output: () => log,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * One GET on a connection of its own, closed after the answer. With WEB_CONCURRENCY > 1 the
 * cluster's primary hands each new connection to its processes in turn, so a series of these
 * reaches every process (fetch would keep reusing one connection, so one process).
 */
export function getOnNewConnection(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { agent: false, headers: { connection: 'close', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}
