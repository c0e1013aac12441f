import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChangeBroadcast, type ChangeBroadcast } from '#src/content/change-broadcast.ts';
import type { ContentChange } from '#src/content/content-dependencies.ts';
import { createEmptyDatabase, type EmptyDatabase } from '../support/databases.ts';

// Two "processes" (two broadcasts with their own listeners) on a real PostgreSQL server.
let database: EmptyDatabase;
beforeAll(async () => {
  database = await createEmptyDatabase('postgres');
});
afterAll(async () => {
  await database?.drop();
});

/** A content service that only records what it was told to drop. */
function recordingService() {
  const calls: (ContentChange | 'all')[] = [];
  return { calls, invalidate: (change?: ContentChange) => (calls.push(change ?? 'all'), { all: true as const }) };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const change: ContentChange = { documentIds: ['org-x'], types: ['organisation'], slugs: ['x'] };

describe('the content change broadcast over PostgreSQL LISTEN/NOTIFY', () => {
  const started: ChangeBroadcast[] = [];
  afterAll(async () => {
    for (const broadcast of started) await broadcast.close();
  });
  const quiet = () => {};

  it('hands a change to every other process, exactly, and not back to the sender', async () => {
    const a = recordingService();
    const b = recordingService();
    const channel = 'redress_content_test_one';
    started.push(startChangeBroadcast(a, { databaseUrl: database.url!, channel, log: quiet }));
    started.push(startChangeBroadcast(b, { databaseUrl: database.url!, channel, log: quiet }));
    // Each listener drops everything once when it starts listening.
    await until(() => a.calls.length === 1 && b.calls.length === 1, 'both listen');
    await started[0]!.announce(change);
    await until(() => b.calls.length === 2, 'the other process hears the change');
    expect(b.calls[1]).toEqual(change);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.calls).toEqual(['all']);
  });

  it('listens again after its connection is killed, drops everything, and hears later changes', async () => {
    const sender = recordingService();
    const receiver = recordingService();
    const channel = 'redress_content_test_two';
    const logged: string[] = [];
    started.push(startChangeBroadcast(sender, { databaseUrl: database.url!, channel, log: quiet }));
    const listening = startChangeBroadcast(receiver, { databaseUrl: database.url!, channel, log: (m) => logged.push(m) });
    started.push(listening);
    await until(() => sender.calls.length === 1 && receiver.calls.length === 1, 'both listen');

    // The database drops every listening session (a restart or a failover would).
    const admin = new pg.Client({ connectionString: database.url! });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'redress-listen'`);
    await admin.end();

    await until(() => receiver.calls.length === 2, 'the receiver reconnects');
    expect(receiver.calls[1]).toBe('all');
    expect(logged.join('\n')).toMatch(/listening again/);
    await until(() => sender.calls.length === 2, 'the sender reconnects');
    await started.at(-2)!.announce(change);
    await until(() => receiver.calls.length === 3, 'the receiver hears a change sent after the reconnect');
    expect(receiver.calls[2]).toEqual(change);
  });
});
