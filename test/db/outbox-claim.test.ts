import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, type Db } from '#src/db/index.ts';
import { useTestDatabase } from '../support/databases.ts';

/** Claims up to `limit` due rows the way a mail worker does; `whileLocked` runs while they are still locked. */
async function claim(db: Db, limit: number, whileLocked: (ids: number[]) => Promise<void>): Promise<number[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, new Date())))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) await tx.update(outbox).set({ status: 'sending' }).where(inArray(outbox.id, ids));
    await whileLocked(ids);
    return ids;
  });
}

// Two servers, each with its own pool; PGlite is one connection, so this is PostgreSQL only.
describe('outbox claims on postgres', () => {
  const store = useTestDatabase('postgres');

  it('gives two connections claiming with FOR UPDATE SKIP LOCKED disjoint rows', async () => {
    await store.db
      .insert(outbox)
      .values(Array.from({ length: 10 }, (_, i) => ({ template: 'acknowledgement', language: 'en', toAddress: `person${i}@example.org` })));
    const other = await store.connectAgain();

    let second: number[] = [];
    const first = await claim(store.db, 6, async () => {
      // While the first worker still holds its rows, the second takes what is left.
      second = await claim(other.db, 6, async () => {});
    });

    expect(first).toHaveLength(6);
    expect(second).toHaveLength(4);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect([...first, ...second].sort((a, b) => a - b)).toHaveLength(10);
    const sending = await store.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'sending'));
    expect(sending).toHaveLength(10);
  });

  it('lets many concurrent claims from two servers take every row exactly once', async () => {
    await store.db
      .insert(outbox)
      .values(Array.from({ length: 60 }, (_, i) => ({ template: 'acknowledgement', language: 'en', toAddress: `burst${i}@example.org` })));
    const other = await store.connectAgain();
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(i % 2 ? other.db : store.db, 5, () => new Promise((r) => setTimeout(r, 5)))));
    const ids = claims.flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(60);
  });
});
