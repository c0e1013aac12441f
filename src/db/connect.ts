import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { env } from '../env.ts';
import { logger } from '../ops/logger.ts';
import { schema } from './schema.ts';

export type Schema = typeof schema;

/**
 * The Drizzle database, the same type on both engines. A transaction (`tx` inside
 * `db.transaction`) is assignable to it too, so store functions take a `Db` and work
 * inside or outside a transaction.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The `tx` that `db.transaction(async (tx) => ...)` hands over. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Ends the pool (PostgreSQL) or closes the embedded database (PGlite). */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /**
   * Where the embedded database lives: `${dataDir}/pglite`. Default: DATA_DIR (./data).
   * Relative paths are resolved from the current directory.
   */
  dataDir?: string;
  /**
   * A postgres:// URL: use that PostgreSQL server. Default: DATABASE_URL. `null` means the
   * embedded database whatever the environment says (tests use it).
   */
  databaseUrl?: string | null;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** The drizzle-kit output folder. Default: `drizzle/` in the current directory, else beside this code. */
  migrationsFolder?: string;
  /** Most connections the PostgreSQL pool opens. Default: DATABASE_POOL_SIZE (10). */
  poolSize?: number;
}

/**
 * Opens the case store: embedded PGlite under `${dataDir}/pglite` by default, or a
 * PostgreSQL server when `databaseUrl` (DATABASE_URL) is set, and applies the migrations
 * in `drizzle/` so the schema is current before anything reads it.
 *
 * PGlite is one connection: its transactions run one after another, never interleaved.
 * Inside `db.transaction(async (tx) => ...)` always use `tx`, never `db`: on PGlite a query
 * on `db` waits for the transaction that is waiting for it, and never returns.
 */
export async function connect(options: ConnectOptions = {}): Promise<Database> {
  const databaseUrl = options.databaseUrl === undefined ? env().DATABASE_URL : options.databaseUrl;
  const shouldMigrate = options.migrate ?? true;
  const migrationsFolder = shouldMigrate ? findMigrationsFolder(options.migrationsFolder) : '';
  if (databaseUrl) return connectPostgres(databaseUrl, shouldMigrate, migrationsFolder, options.poolSize ?? env().DATABASE_POOL_SIZE);
  return connectPglite(resolve(options.dataDir ?? env().DATA_DIR), shouldMigrate, migrationsFolder);
}

async function connectPglite(dataDir: string, shouldMigrate: boolean, migrationsFolder: string): Promise<Database> {
  const folder = join(dataDir, 'pglite');
  mkdirSync(folder, { recursive: true });
  const unlock = lockPglite(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(folder);
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite({ client, schema });
  try {
    if (shouldMigrate) await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    unlock();
    throw error;
  }
  return {
    db: db as unknown as Db,
    engine: 'pglite',
    close: async () => {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

/** Thrown when the embedded database is already open in another process. */
export class DatabaseLockedError extends Error {
  override name = 'DatabaseLockedError';
  readonly code = 'REDRESS_DB_LOCKED';
  readonly dataDir: string;
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(`The embedded database in ${dataDir} is open in another process (pid ${pid}): stop the server first, or use DATABASE_URL (PostgreSQL).`);
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/**
 * PGlite belongs to one process and does not notice a second one opening its folder (both
 * would write, and the database would be corrupted). A lock file with the owner's pid stops
 * that: another live process holding it is refused with DatabaseLockedError; a lock left by
 * a process that has died is taken over. The same process may open the folder again
 * (tests do, one after another). Returns the function that releases the lock.
 */
function lockPglite(dataDir: string): () => void {
  const file = join(dataDir, 'pglite.lock');
  let acquired = false;
  for (let attempt = 0; attempt < 3 && !acquired; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      acquired = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner === process.pid) return () => {};
      if (Number.isInteger(owner) && owner > 0 && processIsAlive(owner)) throw new DatabaseLockedError(dataDir, owner);
      try {
        unlinkSync(file);
      } catch {
        // Another process took the stale lock over first: try again.
      }
    }
  }
  if (!acquired) throw new Error(`Redress could not take the lock ${file}; is another process starting on the same DATA_DIR?`);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return release;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just is not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function connectPostgres(url: string, shouldMigrate: boolean, migrationsFolder: string, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A server that is down should give a 503 page quickly, not hang the request.
    connectionTimeoutMillis: 5_000,
    application_name: 'redress',
  });
  // An idle connection that the server drops (restart, failover) emits 'error' on the pool;
  // unhandled it would end the process. The next query opens a fresh connection.
  let ended = false;
  pool.on('error', (error) => {
    if (!ended) logger().error({ err: error }, 'PostgreSQL connection lost');
  });
  const db = drizzlePostgres({ client: pool, schema });
  const close = async () => {
    if (ended) return;
    ended = true;
    await pool.end();
  };
  try {
    if (shouldMigrate) await migratePostgresLocked(pool, migrationsFolder);
  } catch (error) {
    await close();
    throw error;
  }
  return { db: db as unknown as Db, engine: 'postgres', close };
}

/**
 * Several servers may start at once against one PostgreSQL: an advisory lock makes them
 * apply the migrations one after another, so each one sees the others' work and skips it.
 */
async function migratePostgresLocked(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('redress.migrations'))`);
    try {
      await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder });
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('redress.migrations'))`);
    }
  } finally {
    client.release();
  }
}

/**
 * The migrations folder: `drizzle/` in the current directory (the server runs from the
 * repository root), else the nearest `drizzle/` above this file (src/db when run from
 * source, dist/server/... when bundled).
 */
function findMigrationsFolder(explicit?: string): string {
  const candidates: string[] = [];
  if (explicit) candidates.push(resolve(explicit));
  else {
    candidates.push(resolve('drizzle'));
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
      candidates.push(join(dir, 'drizzle'));
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  const found = candidates.find((folder) => existsSync(join(folder, 'meta', '_journal.json')));
  if (found) return found;
  throw new Error(
    `Redress cannot find its database migrations (drizzle/meta/_journal.json); looked in ${candidates.slice(0, 3).join(', ')}... ` +
      'Start the server from the repository root, the folder that holds drizzle/.',
  );
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  // PostgreSQL: too many connections, shutting down, starting up, crashed.
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);

const unavailableMessages = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /connection timeout/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /client was closed and is not queryable/i,
  /pglite is closed/i,
];

/**
 * Whether an error means the database cannot be reached (down, restarting, refusing
 * connections, closed), as opposed to a bug or a rejected statement: the caller shows a
 * 503 page. Looks through Drizzle's wrapping (`cause`) and AggregateError.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown): boolean => {
    if (!value || typeof value !== 'object' || seen.has(value)) return false;
    seen.add(value);
    const { code, message, cause, errors } = value as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message))) return true;
    if (Array.isArray(errors) && errors.some(visit)) return true;
    return visit(cause);
  };
  return visit(error);
}
