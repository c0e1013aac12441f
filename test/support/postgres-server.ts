import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { connect, type Database } from '#src/db/index.ts';
import { createEmptyDatabase, type EmptyDatabase } from './databases.ts';
import { startServer, type RunningServer } from './server.ts';

export interface ServerWithDatabase {
  readonly server: RunningServer;
  /** The same PostgreSQL database the server uses, for the test to read and drive. */
  readonly store: Database;
  readonly url: string;
  readonly dataDir: string;
  readonly databaseUrl: string;
}

/**
 * The built server on a fresh PostgreSQL database that the test opens too, so that it can
 * check what a request wrote and act as staff through the core API. One per describe block.
 */
export function useServerOnPostgres(env: Record<string, string> = {}): ServerWithDatabase {
  let empty: EmptyDatabase | undefined;
  let server: RunningServer | undefined;
  let store: Database | undefined;
  let dataDir = '';
  beforeAll(async () => {
    empty = await createEmptyDatabase('postgres');
    dataDir = mkdtempSync(join(tmpdir(), 'redress-data-'));
    server = await startServer({ DATABASE_URL: empty.url!, DATA_DIR: dataDir, SUBMIT_RATE_LIMIT: '10000', ...env });
    store = await connect({ databaseUrl: empty.url! });
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await empty?.drop();
  });
  return {
    get server() {
      return server!;
    },
    get store() {
      return store!;
    },
    get url() {
      return server!.url;
    },
    get dataDir() {
      return dataDir;
    },
    get databaseUrl() {
      return empty!.url!;
    },
  };
}
