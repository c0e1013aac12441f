import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOnNewConnection, startServer, type RunningServer } from '../support/server.ts';
import { siteEnvFor, startFakeContentLake, type FakeContentLake } from '../support/fake-content-lake.ts';
import { sendWebhook } from '../support/sanity-webhook-client.ts';
import { createEmptyDatabase, type EmptyDatabase } from '../support/databases.ts';
import { readDataset } from '#src/content/local-source.ts';

// Two servers, two processes each (WEB_CONCURRENCY=2), on one PostgreSQL, reading content
// through the real @sanity/client from a local Content Lake. A webhook reaches one process
// of one server; every process must show the change.
const secret = 'scale-out-webhook-secret';
let lake: FakeContentLake;
let database: EmptyDatabase;
const servers: RunningServer[] = [];
const dataDirs: string[] = [];

/** `count` page views spread over every process of every server, a few at a time. */
async function views(path: string, count: number): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, j) =>
      getOnNewConnection(`${servers[(i + j) % servers.length]!.url}${path}`).then((r) => r.body),
    );
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

beforeAll(async () => {
  lake = await startFakeContentLake();
  database = await createEmptyDatabase('postgres');
  for (let i = 0; i < 2; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'redress-scale-'));
    dataDirs.push(dataDir);
    servers.push(await startServer(siteEnvFor(lake, { SANITY_WEBHOOK_SECRET: secret, DATA_DIR: dataDir, DATABASE_URL: database.url!, WEB_CONCURRENCY: '2' })));
  }
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await lake?.close();
  await database?.drop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a change published through Sanity, with two servers of two processes on one PostgreSQL', () => {
  it('shows on every process of every server after one webhook to one of them: 0 stale answers of 200', async () => {
    const organisation = readDataset('content', { perspective: 'published' }).find((doc) => doc._type === 'organisation');
    expect(organisation, 'the content has an organisation to rename').toBeTruthy();
    const slug = (organisation!.slug as { current: string }).current;
    const path = `/en/${slug}/code`;
    // Every process renders and caches the page.
    for (const html of await views(path, 40)) expect(html).toContain('<title>');

    const marker = `Renamed across servers ${Date.now()}`;
    lake.patch(organisation!._id, { name: marker });
    // Until Sanity says so, every process keeps its cached page: the lake change alone shows nowhere.
    expect((await views(path, 40)).filter((html) => html.includes(marker))).toHaveLength(0);

    const response = await sendWebhook(servers[0]!.url, { _id: organisation!._id, _type: 'organisation', slug, organisation: null }, { secret });
    expect(response.status).toBe(200);

    // The broadcast is under way when the webhook answers; allow it up to a second to land
    // everywhere before counting (bench/webhook.ts measures how long it really takes).
    const budget = Date.now() + 1_000;
    while (Date.now() < budget) {
      const probe = await views(path, 8);
      if (probe.every((html) => html.includes(marker))) break;
    }
    const answers = await views(path, 200);
    const stale = answers.filter((html) => !html.includes(marker));
    expect(stale).toHaveLength(0);
  });
});
