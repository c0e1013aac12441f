import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type ConnectOptions, type Database, type Db, type Engine } from '#src/db/index.ts';

/**
 * Store tests run on both engines:
 *
 *   describe.each(databaseEngines())('on %s', (engine) => {
 *     const store = useTestDatabase(engine);
 *     it('writes a case', async () => {
 *       await store.db.insert(cases).values({ ... });
 *     });
 *   });
 */
export function databaseEngines(): Engine[] {
  return ['pglite', 'postgres'];
}

export interface EmptyDatabase {
  engine: Engine;
  /** What to pass to connect() to open it. */
  options: ConnectOptions;
  /** The postgres:// URL of the database (PostgreSQL only). */
  url: string | undefined;
  /** Removes the database (PostgreSQL) or its folder (PGlite). */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database (no tables) of one engine, not yet opened: for PGlite a new
 * temporary folder, for PostgreSQL a new database on the test server (TEST_DATABASE_URL or
 * the throwaway cluster of test/support/postgres-global-setup.ts). `blank` makes PGlite
 * run its own initdb (seconds) instead of copying an initialised folder (milliseconds).
 */
export async function createEmptyDatabase(engine: Engine, { blank = false } = {}): Promise<EmptyDatabase> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'redress-pglite-'));
    if (!blank) cpSync(await pgliteTemplate(), join(dataDir, 'pglite'), { recursive: true });
    return {
      engine,
      options: { dataDir, databaseUrl: null },
      url: undefined,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = postgresAdminUrl();
  const name = `redress_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    options: { databaseUrl: url.toString() },
    url: url.toString(),
    drop: () => asAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

export interface TestDatabase {
  engine: Engine;
  /** The open, migrated database of this describe block. */
  readonly database: Database;
  /** Shorthand for `database.db`. */
  readonly db: Db;
  /** The postgres:// URL (PostgreSQL only), to open more connections as another server would. */
  readonly url: string | undefined;
  /** Opens another connection (pool) to the same database, closed after the block (PostgreSQL only). */
  connectAgain(options?: Omit<ConnectOptions, 'databaseUrl' | 'dataDir'>): Promise<Database>;
}

/**
 * Gives the enclosing describe block its own fresh database of `engine`, connected with
 * connect() (so migrations are applied the way the server applies them), closed and
 * removed after the block.
 */
export function useTestDatabase(engine: Engine, options: Omit<ConnectOptions, 'databaseUrl' | 'dataDir'> = {}): TestDatabase {
  let empty: EmptyDatabase | undefined;
  let opened: Database | undefined;
  const extra: Database[] = [];
  beforeAll(async () => {
    empty = await createEmptyDatabase(engine);
    opened = await connect({ ...empty.options, ...options });
  });
  afterAll(async () => {
    for (const database of extra) await database.close();
    await opened?.close();
    await empty?.drop();
  });
  const open = () => {
    if (!opened) throw new Error('the test database is opened in beforeAll: use it inside tests or hooks');
    return opened;
  };
  return {
    engine,
    get database() {
      return open();
    },
    get db() {
      return open().db;
    },
    get url() {
      return empty?.url;
    },
    async connectAgain(more = {}) {
      if (engine !== 'postgres' || !empty) throw new Error('only PostgreSQL takes a second connection (PGlite is one connection)');
      const database = await connect({ ...empty.options, ...more });
      extra.push(database);
      return database;
    },
  };
}

function postgresAdminUrl(): string {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) return given;
  const url = inject('postgresAdminUrl');
  if (url) return url;
  throw new Error(
    inject('postgresProblem') ??
      'No PostgreSQL server for the store tests: test/support/postgres-global-setup.ts is not in vitest.config.ts test.globalSetup. ' +
        "Install Debian's PostgreSQL packages (`apt-get install -y postgresql`) or set TEST_DATABASE_URL.",
  );
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * An initialised, empty PGlite folder to copy: PGlite's own initdb takes seconds, a copy
 * milliseconds. Built once per PGlite version and kept in node_modules/.cache.
 */
async function pgliteTemplate(): Promise<string> {
  const version = JSON.parse(readFileSync(resolve('node_modules/@electric-sql/pglite/package.json'), 'utf8')).version as string;
  const folder = resolve('node_modules/.cache/redress-tests', `pglite-${version}`);
  if (existsSync(join(folder, 'PG_VERSION'))) return folder;
  const building = `${folder}.${process.pid}.${randomBytes(4).toString('hex')}`;
  mkdirSync(dirname(building), { recursive: true });
  const client = await PGlite.create(building);
  await client.close();
  try {
    renameSync(building, folder);
  } catch {
    // Another test file built it at the same time: keep theirs.
    rmSync(building, { recursive: true, force: true });
  }
  return folder;
}
