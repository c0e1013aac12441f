// The production server: checks the environment first (a wrong setting stops the start
// with a message naming the variable), then serves the Astro build. Before Astro it
// answers the probes (/healthz, /readyz) and public pages already rendered, from the page
// cache: that is what lets a server-rendered page come close to a static file
// (bench/public-pages.ts). Every request gets an id, one JSON log line and its metrics.
//
// At start, after the database is opened and migrated, the outbox worker and the case
// scheduler run; on SIGTERM or SIGINT the server stops taking connections, lets the
// requests in progress finish (SHUTDOWN_TIMEOUT_SECONDS at most), stops the worker (giving
// back the mail it had claimed) and the scheduler, closes the database and exits 0.
//
// With PostgreSQL, WEB_CONCURRENCY > 1 runs that many server processes on one port (the
// embedded PGlite database belongs to one process, so it always runs one); the primary
// passes the signal on, waits for them, and serves their summed metrics.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { AggregatorRegistry } from 'prom-client';
import { parseEnv, type Env } from '#src/env.ts';
import { sharedPageCache } from '../site/lib/page-cache.ts';
import { PREVIEW_COOKIE } from '#src/content/preview.ts';
import { logger } from '#src/ops/logger.ts';
import { processMetrics, serverMetrics } from '#src/ops/metrics.ts';
import { startMetricsServer } from '#src/ops/metrics-server.ts';
import { runInRequest } from '#src/ops/request-context.ts';
import { observeRequest } from '#src/ops/http-observer.ts';
import { gracefulServer } from '#src/ops/graceful-server.ts';
import { answerProbe } from '#src/ops/probes.ts';
import { registeredServerRuntime } from '#src/ops/server-runtime.ts';
import { createEdge } from '#src/http/edge.ts';
import { staticFiles } from '#src/http/static-files.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
const parsed = parseEnv(process.env);
if (!parsed.ok) {
  // Plain text for the person starting the server: the logger's own settings may be what is wrong.
  console.error(parsed.message);
  process.exit(1);
}
const env = parsed.env;
const processes = env.DATABASE_URL ? env.WEB_CONCURRENCY : 1;
const signals = ['SIGINT', 'SIGTERM'] as const;
// The background work (the mail being sent, a scheduler run) gets this long after the
// last request; a mail cut here is sent again by another process once its claim runs out.
const BACKGROUND_STOP_MS = 10_000;

if (cluster.isPrimary && processes > 1) {
  await runPrimary(env, processes);
} else {
  await runServer(env);
}

async function runPrimary(env: Env, processes: number) {
  const log = logger();
  for (let i = 0; i < processes; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ workerPid: worker.process.pid, code, signal }, 'server process ended; starting another');
    cluster.fork();
  });
  const aggregator = new AggregatorRegistry();
  const metricsServer = env.METRICS_PORT
    ? await startMetricsServer({
        port: env.METRICS_PORT,
        host: env.METRICS_HOST,
        token: env.METRICS_TOKEN,
        metrics: async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
      })
    : undefined;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    log.info({ signal, processes: workers.length }, 'stopping server processes');
    let clean = true;
    const exits = workers.map(
      (worker) =>
        new Promise<void>((done) =>
          worker.once('exit', (code) => {
            if (code !== 0) clean = false;
            done();
          }),
        ),
    );
    // The signal itself, not worker.kill(): that would cut the IPC channel first, and the
    // process's own shutdown does the rest.
    for (const worker of workers) worker.process.kill(signal);
    const backstop = setTimeout(
      () => {
        log.error('server processes did not stop in time; killing them');
        for (const worker of workers) worker.process.kill('SIGKILL');
        process.exit(1);
      },
      env.SHUTDOWN_TIMEOUT_SECONDS * 1000 + BACKGROUND_STOP_MS + 5_000,
    );
    backstop.unref();
    await Promise.all(exits);
    metricsServer?.close();
    log.info({ clean }, 'stopped');
    process.exit(clean ? 0 : 1);
  };
  // `on`, not `once`: a second Ctrl-C must not fall back to the default (an abrupt exit).
  for (const signal of signals) process.on(signal, () => void stop(signal));
}

async function runServer(env: Env) {
  const log = logger();
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  // URLs, not literal paths: the build output does not exist when this file is type-checked.
  // The adapter runs in its middleware mode: Astro renders, and the build's client files are
  // served here from a list made at start (src/http/static-files.ts) instead of a disk look-up
  // before every page.
  const { handler } = (await import(new URL('../dist/server/entry.mjs', import.meta.url).href)) as {
    handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;
  };
  const clientFiles = staticFiles(fileURLToPath(new URL('../dist/client/', import.meta.url)));
  // Loading the build's middleware registers its runtime (the store, the outbox worker, the
  // scheduler): Astro would load it at the first request, too late to send mail on a quiet site.
  await import(new URL('../dist/server/virtual_astro_middleware.mjs', import.meta.url).href);
  const runtime = registeredServerRuntime();
  if (!runtime) throw new Error('The build registered no server runtime (site/lib/runtime.ts): run `npm run build` again.');

  const metrics = serverMetrics();
  // In a cluster, the primary asks each process for its metrics over IPC: this listens.
  if (cluster.isWorker) new AggregatorRegistry();
  const cache = sharedPageCache();
  // Methods, body size, the client behind a trusted proxy, HSTS: before the cache and Astro.
  const edge = createEdge({ trustedProxies: env.TRUSTED_PROXIES, maxBodyBytes: env.MAX_BODY_MB * 1024 * 1024 });
  // An editor in draft preview must never get the published page from the cache; whether
  // the cookie is valid is Astro's middleware's to decide.
  const inPreview = (cookie: string | undefined) => cookie !== undefined && cookie.includes(`${PREVIEW_COOKIE}=`);
  let stopping = false;

  const server = createServer((req, res) => {
    const request = observeRequest(req, res);
    // A request that arrives while stopping is answered, and its connection closed after.
    if (stopping) res.setHeader('connection', 'close');
    runInRequest(request, () => {
      // Checks at the edge (proxy headers, limits) come before anything answers.
      if (edge(req, res)) return;
      if (answerProbe(req, res, { readiness: runtime.readiness, stopping: () => stopping }, request)) return;
      if (req.method === 'GET' && req.url && !inPreview(req.headers.cookie)) {
        const hit = cache.get(req.url.split('?', 1)[0]!);
        if (hit) {
          request.route = hit.route ?? 'page-cache';
          res.writeHead(hit.status, hit.headers);
          res.end(hit.body);
          return;
        }
      }
      if (clientFiles(req, res)) return;
      void handler(req, res);
    });
  });
  const graceful = gracefulServer(server);

  const metricsServer =
    env.METRICS_PORT && !cluster.isWorker
      ? await startMetricsServer({ port: env.METRICS_PORT, host: env.METRICS_HOST, token: env.METRICS_TOKEN, metrics: processMetrics })
      : undefined;

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    log.info({ signal, inFlight: graceful.active, graceSeconds: env.SHUTDOWN_TIMEOUT_SECONDS }, 'shutting down: finishing requests in progress');
    const { cut } = await graceful.close(env.SHUTDOWN_TIMEOUT_SECONDS * 1000, {
      listenerClosed: () => log.info({ inFlight: graceful.active }, 'refusing new connections'),
    });
    if (cut > 0) {
      metrics.requestsCut.inc(cut);
      log.warn({ cut }, 'requests cut: still running when the shutdown time ran out');
    }
    const backstop = setTimeout(() => {
      log.error('background work did not stop in time; exiting anyway (claimed mail is sent again once its claim runs out)');
      process.exit(1);
    }, BACKGROUND_STOP_MS);
    backstop.unref();
    await runtime.stop();
    clearTimeout(backstop);
    metricsServer?.close();
    log.info({ cut, ms: Math.round(performance.now() - started) }, 'stopped');
    process.exit(0);
  };
  // `on`, not `once`: a second signal (Ctrl-C twice, or the primary's and the terminal's)
  // must not fall back to the default, an abrupt exit in the middle of the shutdown.
  for (const signal of signals) process.on(signal, () => void stop(signal));

  // Whatever escapes goes to the log as JSON like the rest, then the process ends (a
  // supervisor or the cluster primary starts another).
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (error: unknown) => {
      log.fatal({ err: error }, event);
      process.exit(1);
    });
  }

  const port = Number(process.env.PORT ?? 4321);
  const host = process.env.HOST ?? 'localhost';
  await new Promise<void>((done) => {
    server.once('error', (error) => {
      log.fatal({ err: error, port, host }, 'cannot listen');
      process.exit(1);
    });
    server.listen(port, host, done);
  });
  log.info({ url: `http://${host}:${port}`, ...(cluster.isWorker ? { process: cluster.worker?.id } : {}) }, 'Redress is listening');
  // The store, the outbox worker and the scheduler start now, not at the first request;
  // while the database is unreachable this keeps trying and /readyz answers 503.
  void runtime.start();
}
