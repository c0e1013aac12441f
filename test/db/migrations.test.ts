import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, rateLimits, type Database, type Db } from '#src/db/index.ts';
import { createEmptyDatabase, databaseEngines, type EmptyDatabase } from '../support/databases.ts';

const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
const tables = [
  'attachment_contents',
  'attachments',
  'audit_log',
  'case_answers',
  'case_events',
  'case_sessions',
  'cases',
  'format_request_events',
  'format_requests',
  'idempotency_keys',
  'magic_links',
  'outbox',
  'password_tokens',
  'rate_limits',
  'staff_memberships',
  'staff_sessions',
  'staff_users',
];

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function publicTables(db: Db): Promise<string[]> {
  const found = await rows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
  return found.map((row) => row.table_name);
}

async function appliedMigrations(db: Db): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row!.n;
}

describe.each(databaseEngines())('migrations on %s', (engine) => {
  let empty: EmptyDatabase | undefined;
  const open: Database[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.close();
    await empty?.drop();
  });

  it('creates every table on a fresh database when it connects', async () => {
    empty = await createEmptyDatabase(engine, { blank: true });
    // PGlite: a data folder that does not exist yet is created, with the database in pglite/.
    const dataDir = empty.options.dataDir && join(empty.options.dataDir, 'nested', 'data');
    const database = await connect({ ...empty.options, dataDir });
    open.push(database);
    expect(database.engine).toBe(engine);
    if (dataDir) expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(await publicTables(database.db)).toEqual(tables);
    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
  });

  it('applies nothing and keeps the data when it connects a second time', async () => {
    empty = await createEmptyDatabase(engine);
    const first = await connect(empty.options);
    await first.db.insert(rateLimits).values({ key: 'kept', windowStart: new Date(0), count: 3 });
    await first.close();
    const second = await connect(empty.options);
    open.push(second);
    expect(await appliedMigrations(second.db)).toBe(journal.entries.length);
    expect(await second.db.select().from(rateLimits)).toEqual([{ key: 'kept', windowStart: new Date(0), count: 3 }]);
  });

  it('opens without touching the schema when told not to migrate', async () => {
    empty = await createEmptyDatabase(engine);
    const database = await connect({ ...empty.options, migrate: false });
    open.push(database);
    expect(await publicTables(database.db)).toEqual([]);
  });
});

describe('migrations on postgres with several servers', () => {
  it('applies the migrations once when two servers start at the same moment', async () => {
    const empty = await createEmptyDatabase('postgres');
    try {
      const both = await Promise.all([connect(empty.options), connect(empty.options)]);
      expect(await appliedMigrations(both[0].db)).toBe(journal.entries.length);
      for (const database of both) await database.close();
    } finally {
      await empty.drop();
    }
  });
});
