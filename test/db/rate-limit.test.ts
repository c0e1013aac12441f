import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hitRateLimit, pruneRateLimits, rateLimits } from '#src/db/index.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const minute = 60_000;
/** 10:00:15 into a minute-aligned window that ends at 10:01:00. */
const now = new Date('2026-11-23T10:00:15Z');

describe.each(databaseEngines())('rate limits on %s', (engine) => {
  const store = useTestDatabase(engine, { poolSize: 20 });

  it('lets the first requests of a window through and counts down what remains', async () => {
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await hitRateLimit(store.db, { key: 'count-down', limit: 3, windowMs: minute, now }));
    expect(results).toEqual([
      { ok: true, remaining: 2 },
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
    ]);
  });

  it('refuses the request after the limit with the seconds until the window ends', async () => {
    for (let i = 0; i < 2; i++) await hitRateLimit(store.db, { key: 'refuse', limit: 2, windowMs: minute, now });
    expect(await hitRateLimit(store.db, { key: 'refuse', limit: 2, windowMs: minute, now })).toEqual({ ok: false, retryAfterSeconds: 45 });
    const later = new Date('2026-11-23T10:00:59.200Z');
    expect(await hitRateLimit(store.db, { key: 'refuse', limit: 2, windowMs: minute, now: later })).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('starts counting again in the next window', async () => {
    for (let i = 0; i < 3; i++) await hitRateLimit(store.db, { key: 'next-window', limit: 2, windowMs: minute, now });
    const nextWindow = new Date('2026-11-23T10:01:00Z');
    expect(await hitRateLimit(store.db, { key: 'next-window', limit: 2, windowMs: minute, now: nextWindow })).toEqual({ ok: true, remaining: 1 });
  });

  it('keeps a separate count for each key', async () => {
    await hitRateLimit(store.db, { key: 'client-a', limit: 1, windowMs: minute, now });
    expect(await hitRateLimit(store.db, { key: 'client-a', limit: 1, windowMs: minute, now })).toMatchObject({ ok: false });
    expect(await hitRateLimit(store.db, { key: 'client-b', limit: 1, windowMs: minute, now })).toEqual({ ok: true, remaining: 0 });
  });

  it('counts 50 concurrent hits exactly once each', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => hitRateLimit(store.db, { key: 'burst', limit: 20, windowMs: minute, now })));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(results.filter((r) => !r.ok)).toHaveLength(30);
    expect(results.flatMap((r) => (r.ok ? [r.remaining] : [])).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const [row] = await store.db.select().from(rateLimits).where(eq(rateLimits.key, 'burst'));
    expect(row!.count).toBe(50);
  });

  it('prunes the windows that started before a time and keeps the rest', async () => {
    await hitRateLimit(store.db, { key: 'old', limit: 5, windowMs: minute, now: new Date('2026-11-22T10:00:00Z') });
    await hitRateLimit(store.db, { key: 'current', limit: 5, windowMs: minute, now });
    const pruned = await pruneRateLimits(store.db, new Date('2026-11-23T00:00:00Z'));
    expect(pruned).toBe(1);
    const left = await store.db.select({ key: rateLimits.key }).from(rateLimits);
    expect(left.map((r) => r.key)).toContain('current');
    expect(left.map((r) => r.key)).not.toContain('old');
  });

  it('refuses a limit or window that makes no sense, as a bug', async () => {
    await expect(hitRateLimit(store.db, { key: 'bad', limit: -1, windowMs: minute, now })).rejects.toThrow('whole number');
    await expect(hitRateLimit(store.db, { key: 'bad', limit: 5, windowMs: 10, now })).rejects.toThrow('window');
  });
});

// PGlite belongs to one process; several servers share only a PostgreSQL database.
describe('rate limits on postgres with two servers', () => {
  const store = useTestDatabase('postgres', { poolSize: 20 });

  it('counts hits from two servers sharing the database together', async () => {
    const other = await store.connectAgain({ poolSize: 20 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => hitRateLimit(i % 2 ? other.db : store.db, { key: 'two-servers', limit: 25, windowMs: minute, now })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(25);
  });
});
