import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '#src/env.ts';
import { cases, connect, isDatabaseUnavailable } from '#src/db/index.ts';
import { createEmptyDatabase, useTestDatabase } from '../support/databases.ts';
import { newCase } from './fixtures.ts';

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe('DATABASE_URL in the environment', () => {
  it('is optional, and an empty value means the embedded database', () => {
    for (const source of [{}, { DATABASE_URL: '' }, { DATABASE_URL: '  ' }]) {
      const parsed = parseEnv(source);
      expect(parsed.ok).toBe(true);
      expect(parsed.ok && parsed.env.DATABASE_URL).toBeUndefined();
    }
  });

  it('takes a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://redress:secret@db:5432/redress', 'postgresql://localhost/redress?sslmode=require']) {
      expect(parseEnv({ DATABASE_URL: url })).toMatchObject({ ok: true, env: { DATABASE_URL: url } });
    }
  });

  it('names DATABASE_URL and what to set it to when it is not a PostgreSQL URL, without echoing it', () => {
    const parsed = parseEnv({ DATABASE_URL: 'mysql://root:hunter2@db/redress' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain('- DATABASE_URL:');
      expect(parsed.message).toContain('postgres://user:password@host:5432/redress');
      expect(parsed.message).not.toContain('hunter2');
    }
  });
});

describe('connecting', () => {
  it('fails with a clear message when the migrations folder cannot be found', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redress-no-migrations-'));
    try {
      await expect(connect({ dataDir, databaseUrl: null, migrationsFolder: join(dataDir, 'missing') })).rejects.toThrow('cannot find its database migrations');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('recognising an unavailable database', () => {
  const postgres = useTestDatabase('postgres');

  it('says the database is unavailable when nothing listens at DATABASE_URL', async () => {
    const port = await freePort();
    const error = await connect({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/redress` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('says the database is unavailable when the server ends the connection mid-query, and the pool recovers', async () => {
    const other = await postgres.connectAgain();
    const slow = postgres.db.execute(sql`select pg_sleep(5)`).catch((e: unknown) => e);
    // Another server's connection ends the sleeping one, as a restart or failover would.
    await new Promise((r) => setTimeout(r, 100));
    await other.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'select pg_sleep%'`);
    const error = await slow;
    expect(isDatabaseUnavailable(error)).toBe(true);
    await expect(postgres.db.select().from(cases)).resolves.toEqual([]);
  });

  it('says the embedded database is unavailable once it is closed', async () => {
    const empty = await createEmptyDatabase('pglite');
    try {
      const database = await connect(empty.options);
      await database.close();
      const error = await database.db
        .select()
        .from(cases)
        .catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await empty.drop();
    }
  });

  it('does not take a rejected statement or a bug for an unavailable database', async () => {
    const first = newCase();
    await postgres.db.insert(cases).values(first);
    const duplicate = await postgres.db
      .insert(cases)
      .values(newCase({ reference: first.reference }))
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
