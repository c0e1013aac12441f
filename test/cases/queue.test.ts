import { beforeAll, describe, expect, it } from 'vitest';
import { cases, type Db } from '#src/db/index.ts';
import { queuePage, type QueueQuery } from '#src/cases/queue.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const now = new Date('2025-06-10T12:00:00Z');
const day = 86_400_000;
const at = (days: number) => new Date(now.getTime() + days * day);

interface Seed {
  ref: string;
  org?: string;
  status?: string;
  due?: Date | null;
  assignee?: string | null;
  language?: string;
  channel?: string;
  name?: string;
}

// Ids are given so that ties on the due instant have a known order.
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const seeds: Seed[] = [
  { ref: 'OPT-2025-0000-0001', due: at(-3), assignee: 'eva', name: 'Ágnes Kovács' },
  { ref: 'OPT-2025-0000-0002', due: at(-3), assignee: 'eva', status: 'awaiting_complainant', name: 'Anna Smith' },
  { ref: 'OPT-2025-0000-0003', due: at(-3), assignee: 'mark', language: 'hu', name: 'Béla Nagy' },
  { ref: 'OPT-2025-0000-0004', due: at(1), channel: 'phone', name: 'ANNA JONES' },
  { ref: 'OPT-2025-0000-0005', due: at(5), name: '100%_real Name' },
  { ref: 'OPT-2025-0000-0006', due: null, status: 'resolution_proposed', name: 'Claire Martin' },
  { ref: 'OPT-2025-0000-0007', due: null, status: 'deadlock', name: 'David Brown' },
  { ref: 'OPT-2025-0000-0008', due: null, status: 'closed', name: 'Anna Closed' },
  { ref: 'OPX-2025-0000-0009', org: 'org-b', due: at(-10), name: 'Anna Other' },
  { ref: 'OPX-2025-0000-0010', org: 'org-b', due: at(2), name: 'Karim Haddad' },
  { ref: 'ZZZ-2025-0000-0011', org: 'org-c', due: at(-20), name: 'Anna Elsewhere' },
];

async function seed(db: Db) {
  await db.insert(cases).values(
    seeds.map((s, i) => ({
      id: id(i + 1),
      reference: s.ref,
      organisationId: s.org ?? 'org-a',
      organisationSlug: (s.org ?? 'org-a').slice(4),
      channel: s.channel ?? 'web',
      language: s.language ?? 'en',
      status: s.status ?? 'investigating',
      accessCodeHash: 'test',
      complainantName: s.name ?? 'Someone',
      replyChannel: 'email',
      receivedAt: at(-30),
      nextDueEvent: s.due ? 'resolve' : null,
      nextDueAt: s.due ?? null,
      assigneeId: s.assignee ?? null,
    })),
  );
}

const refs = (page: { rows: { reference: string }[] }) => page.rows.map((r) => r.reference.slice(-2));

describe.each(databaseEngines())('the queue on %s', (engine) => {
  const store = useTestDatabase(engine);
  beforeAll(() => seed(store.db));
  const page = (query: Partial<QueueQuery>) => queuePage(store.db, { organisationIds: ['org-a', 'org-b'], limit: 50, now, ...query });

  it("shows the open cases of the member's organisations only, by due instant then id, nothing due last", async () => {
    const all = await page({});
    expect(refs(all)).toEqual(['09', '01', '02', '03', '04', '10', '05', '06', '07']);
    expect(all.next).toBeUndefined();
    expect(all.rows.map((r) => r.due)).toEqual(['overdue', 'overdue', 'overdue', 'overdue', 'dueSoon', null, null, null, null]);
  });

  it('returns nothing for a member of no organisation, or an organisation filter outside theirs', async () => {
    expect((await page({ organisationIds: [] })).rows).toEqual([]);
    expect((await page({ filters: { organisationId: 'org-c' } })).rows).toEqual([]);
  });

  it.each([
    [{ organisationId: 'org-b' }, ['09', '10']],
    [{ status: 'awaiting_complainant' }, ['02']],
    [{ status: 'closed' }, ['08']],
    [{ assigneeId: 'eva' }, ['01', '02']],
    [{ overdue: true }, ['09', '01', '02', '03']],
    [{ dueSoon: true }, ['04']],
    [{ language: 'hu' }, ['03']],
    [{ channel: 'phone' }, ['04']],
    [{ status: 'investigating', overdue: true, assigneeId: 'eva' }, ['01']],
    [{ search: 'opt 2025 0000 0005' }, ['05']],
    [{ search: 'OPX-2025-0000-0011' }, []],
    [{ search: 'anna' }, ['09', '02', '04']],
    // lower() follows the database's collation: on a C-collation cluster only ASCII letters fold.
    [{ search: 'Ágnes KOV' }, ['01']],
    [{ search: '100%_' }, ['05']],
    [{ search: '%' }, []],
  ] as const)('filters by %j', async (filters, expected) => {
    expect(refs(await page({ filters: { ...filters } }))).toEqual(expected);
  });

  it('pages with a keyset that keeps ties on the due instant and crosses into cases with nothing due', async () => {
    const seen: string[] = [];
    let after: QueueQuery['after'];
    for (let i = 0; i < 10; i++) {
      const result = await page({ limit: 2, after });
      seen.push(...refs(result));
      if (!result.next) break;
      after = result.next;
    }
    expect(seen).toEqual(['09', '01', '02', '03', '04', '10', '05', '06', '07']);
  });

  it('gives the cursor of the last row and continues after a cursor inside the tie', async () => {
    const first = await page({ organisationIds: ['org-a'], limit: 2 });
    expect(first.next).toEqual({ dueAt: at(-3), id: id(2) });
    expect(refs(await page({ organisationIds: ['org-a'], limit: 2, after: first.next }))).toEqual(['03', '04']);
    expect(refs(await page({ organisationIds: ['org-a'], limit: 5, after: { dueAt: null, id: id(6) } }))).toEqual(['07']);
  });
});
