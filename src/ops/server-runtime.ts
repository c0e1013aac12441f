/** What /readyz reports: each check, and whether the process should get traffic. */
export interface Readiness {
  ready: boolean;
  checks: {
    /** The case store answers a query. */
    database: 'ok' | 'unavailable' | 'stopped';
    /** connect() applied every migration in drizzle/ (it does before the store opens). */
    migrations: 'applied' | 'pending';
    /** Content (local files or Sanity) has been loaded and can be served. */
    content: 'ok' | 'unavailable';
  };
}

/**
 * The background side of one server process: the case store, the outbox worker that
 * delivers its mail and the case scheduler. site/lib/runtime.ts provides it (it lives in
 * the Astro build, beside the pages that use the same store); scripts/serve.ts drives it:
 * start at process start, readiness for /readyz, stop after the last request on shutdown.
 */
export interface ServerRuntime {
  /**
   * Opens the store (applying migrations) and starts the outbox worker and the scheduler.
   * If the database cannot be reached it keeps trying in the background; resolves once
   * started, or when stop() is called first.
   */
  start(): Promise<void>;
  /**
   * Stops the outbox worker (waiting for the mail being sent and giving back the mail it
   * had claimed) and the scheduler (waiting for a run in progress), then closes the store.
   * Afterwards database() refuses, as for a database that is down.
   */
  stop(): Promise<void>;
  /** Checks the store, the migrations and the content, each within a short time limit. */
  readiness(): Promise<Readiness>;
}

const key = Symbol.for('redress.server-runtime');

/**
 * Makes the runtime reachable from scripts/serve.ts. A global rather than an export
 * because serve.ts cannot import the build's hashed chunks by name: loading the build's
 * middleware (which uses the runtime) registers it.
 */
export function provideServerRuntime(runtime: ServerRuntime): void {
  (globalThis as { [key]?: ServerRuntime })[key] = runtime;
}

/** The runtime the Astro build registered in this process, if it has been loaded. */
export function registeredServerRuntime(): ServerRuntime | undefined {
  return (globalThis as { [key]?: ServerRuntime })[key];
}

/** Resolves `work` or, after `ms`, to `fallback`; the timer does not keep the process alive. */
export function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((done) => {
    timer = setTimeout(() => done(fallback), ms);
    timer.unref();
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}
