import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, DatabaseLockedError } from '#src/db/index.ts';
import { createEmptyDatabase } from '../support/databases.ts';

describe('the embedded database belongs to one process', () => {
  it('refuses to open a folder another live process holds, naming it', async () => {
    const empty = await createEmptyDatabase('pglite');
    const dataDir = empty.options.dataDir!;
    // The parent of this test worker is alive and is not us.
    writeFileSync(join(dataDir, 'pglite.lock'), String(process.ppid));
    const error = await connect(empty.options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseLockedError);
    expect((error as Error).message).toContain('stop the server first, or use DATABASE_URL');
    await empty.drop();
  });

  it('takes over the lock of a process that has died, holds it while open and gives it back on close', async () => {
    const empty = await createEmptyDatabase('pglite');
    const lock = join(empty.options.dataDir!, 'pglite.lock');
    writeFileSync(lock, '999999999');
    const database = await connect(empty.options);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await database.close();
    expect(existsSync(lock)).toBe(false);
    await empty.drop();
  });
});
