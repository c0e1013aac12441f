import { connect, type Database } from '#src/db/index.ts';
import { createTransport } from '#src/mail/index.ts';
import { env } from '#src/env.ts';
import { listOrganisations } from '#src/content/index.ts';
import { startBackgroundWork, type BackgroundWork } from '#src/ops/background.ts';
import { logger } from '#src/ops/logger.ts';
import { provideServerRuntime, withTimeout, type Readiness } from '#src/ops/server-runtime.ts';
import { policyForOrganisationId } from '#src/policy/index.ts';
import { importDiskUploads } from '#src/files/import-disk-uploads.ts';

let pending: Promise<Database> | undefined;
let opened: Database | undefined;
let background: BackgroundWork | undefined;
let stopped = false;
let wakeRetry: (() => void) | undefined;

/** Refused after stop(): the same 503 page as a database that is down (57P01 is admin shutdown). */
class StoreClosedError extends Error {
  override name = 'StoreClosedError';
  readonly code = '57P01';
  constructor() {
    super('the case store is closed: the server is shutting down');
  }
}

/**
 * The case store of this server process, opened (and migrated) once, with the outbox
 * worker and the case scheduler running beside it. scripts/serve.ts opens it at start
 * (serverRuntime.start); anything else (astro dev) opens it on first use. A failed
 * connection is not remembered, so the next call tries again once the database is back.
 */
export function database(): Promise<Database> {
  if (stopped) return Promise.reject(new StoreClosedError());
  pending ??= connect()
    .then((database) => {
      opened = database;
      // Files uploaded before they moved into the database (a no-op once done).
      importDiskUploads(database.db, env().DATA_DIR).catch((error: Error) => logger().error({ err: error }, 'files: import from DATA_DIR/uploads failed'));
      background = startBackgroundWork({
        db: database.db,
        transport: createTransport(env()),
        policyFor: policyForOrganisationId,
        publicBaseUrl: env().PUBLIC_BASE_URL,
      });
      return database;
    })
    .catch((error) => {
      pending = undefined;
      throw error;
    });
  return pending;
}

async function start(): Promise<void> {
  for (let failures = 0; !stopped; failures++) {
    try {
      await database();
      return;
    } catch (error) {
      if (stopped) return;
      // Once per outage in the log; /readyz says the rest.
      if (failures === 0) logger().error({ err: error }, 'case store unavailable at start; retrying');
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5)));
        wakeRetry = () => {
          clearTimeout(timer);
          done();
        };
      });
    }
  }
}

async function stop(): Promise<void> {
  stopped = true;
  wakeRetry?.();
  // A store being opened is closed once it is open, not left behind.
  await pending?.catch(() => undefined);
  try {
    await background?.stop();
  } catch (error) {
    logger().error({ err: error }, 'background work did not stop cleanly');
  }
  await opened?.close().catch((error: unknown) => logger().error({ err: error }, 'case store did not close cleanly'));
}

async function readiness(): Promise<Readiness> {
  const store = opened;
  const database = stopped
    ? ('stopped' as const)
    : store
      ? await withTimeout(
          store.db.execute('select 1').then(() => 'ok' as const),
          2_000,
          'unavailable' as const,
        )
      : ('unavailable' as const);
  const content = await withTimeout(
    listOrganisations().then(() => 'ok' as const),
    2_000,
    'unavailable' as const,
  );
  const checks: Readiness['checks'] = { database, migrations: store ? 'applied' : 'pending', content };
  return { ready: database === 'ok' && content === 'ok', checks };
}

provideServerRuntime({ start, stop, readiness });
