import { connect, pruneRateLimits, type Database } from '../../src/db/index.ts';
import { createTransport, startOutboxWorker } from '../../src/mail/index.ts';
import { env } from '../../src/env.ts';
import { startCaseScheduler } from '../../src/cases/adr-scheduler.ts';
import { policyForOrganisationId } from './case-policy.ts';
import { importDiskUploads } from '../../src/files/import-disk-uploads.ts';

let pending: Promise<Database> | undefined;

/**
 * The case store of this server process, opened (and migrated) on first use, with the
 * outbox worker that delivers its mail running beside it. A failed connection is not
 * remembered, so the next request tries again once the database is back.
 */
export function database(): Promise<Database> {
  pending ??= connect()
    .then((database) => {
      startBackgroundWork(database);
      return database;
    })
    .catch((error) => {
      pending = undefined;
      throw error;
    });
  return pending;
}

function startBackgroundWork(database: Database) {
  // Files uploaded before they moved into the database (a no-op once done).
  importDiskUploads(database.db, env().DATA_DIR).catch((error: Error) => console.error(`files: import from DATA_DIR/uploads failed: ${error.message}`));
  const worker = startOutboxWorker({ db: database.db, transport: createTransport(env()) });
  // ADR letters when a case reaches its ADR point, and proposals whose appeal window passed.
  const scheduler = startCaseScheduler({ db: database.db, policyFor: policyForOrganisationId, publicBaseUrl: env().PUBLIC_BASE_URL });
  // Old rate-limit windows are useless: drop them now and then.
  const pruning = setInterval(() => {
    pruneRateLimits(database.db, new Date(Date.now() - 86_400_000)).catch(() => {});
  }, 600_000);
  pruning.unref();
  const stop = () => {
    clearInterval(pruning);
    void worker.stop();
    void scheduler.stop();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
