import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { siteEnvFor, startFakeContentLake, type FakeContentLake } from '../support/fake-content-lake.ts';
import { sendWebhook } from '../support/sanity-webhook-client.ts';

// The real @sanity/client in the real built server, talking to a local Content Lake that
// answers from content/*.ndjson with groq-js.
const secret = 'webhook-secret-for-the-tests';
let lake: FakeContentLake;
let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'redress-sanity-'));

const sanityEnv = (lake: FakeContentLake) => siteEnvFor(lake, { SANITY_WEBHOOK_SECRET: secret, DATA_DIR: dataDir });

beforeAll(async () => {
  lake = await startFakeContentLake();
  server = await startServer(sanityEnv(lake));
});
afterAll(async () => {
  await server?.stop();
  await lake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const page = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, html: await response.text(), headers: response.headers };
};
/** Lake queries made while `work` runs: 0 means everything came from the site's caches. */
const queriesDuring = async (work: () => Promise<unknown>) => {
  const before = lake.queries.published;
  await work();
  return lake.queries.published - before;
};
const organisationChange = (slug: string) => ({ _id: `org-${slug}`, _type: 'organisation', slug, organisation: null });

describe('publishing through Sanity', () => {
  it('shows a published change on the next page view after a signed webhook', async () => {
    expect((await page('/en/opus/code')).html).toContain('<title>');
    expect(await queriesDuring(() => page('/en/opus/code'))).toBe(0);

    lake.patch('org-opus', { name: 'Opus Published Change' });
    // Until Sanity says so, the cached page stands.
    expect((await page('/en/opus/code')).html).not.toContain('Opus Published Change');

    const response = await sendWebhook(server.url, organisationChange('opus'), { secret });
    expect(response.status).toBe(200);
    const after = await page('/en/opus/code');
    expect(after.status).toBe(200);
    expect(after.html).toContain('Opus Published Change');
  });

  it.each([
    ['a wrong signature', { secret: 'not-the-secret-at-all' }],
    ['no signature', { secret, signature: false }],
    ['a body changed after signing', { secret, tamper: (body: string) => body.replace('"opex"', '"opus"') }],
  ])('refuses a webhook with %s with 401 and changes nothing', async (_name, options) => {
    await page('/en/opex/code');
    await page('/en/');
    lake.patch('org-opex', { name: `OPEX forged ${_name}` });
    const response = await sendWebhook(server.url, organisationChange('opex'), options);
    expect(response.status).toBe(401);
    // Neither cache was touched: the pages are served as before, without asking the lake.
    const views = await queriesDuring(async () => {
      expect((await page('/en/opex/code')).html).not.toContain('forged');
      expect((await page('/en/')).html).not.toContain('forged');
    });
    expect(views).toBe(0);
  });

  it('drops only the pages of the organisation that changed', async () => {
    for (const path of ['/en/opus-telecoms/code', '/hu/opus-titasz/code', '/en/opex/code']) await page(path);
    lake.patch('org-opus-telecoms', { name: 'Opus Telecoms Renamed' });
    const response = await sendWebhook(server.url, organisationChange('opus-telecoms'), { secret });
    expect(await response.json()).toEqual({ invalidated: expect.any(Number) });

    const others = await queriesDuring(async () => {
      await page('/hu/opus-titasz/code');
      await page('/en/opex/code');
    });
    expect(others).toBe(0);
    expect((await page('/en/opus-telecoms/code')).html).toContain('Opus Telecoms Renamed');
    expect((await page('/en/')).html).toContain('Opus Telecoms Renamed');
  });

  it('a changed ADR scheme reaches every organisation that refers to it', async () => {
    await page('/en/opus/');
    await page('/en/opus-telecoms/');
    const ofcom = lake.document('adr-ofcom')!;
    const description = (ofcom.description as { _key: string; value: string }[]).map((item) =>
      item._key === 'en' ? { ...item, value: 'Ofcom, changed once for two organisations.' } : item,
    );
    lake.patch('adr-ofcom', { description });
    await sendWebhook(server.url, { _id: 'adr-ofcom', _type: 'adrScheme', slug: null, organisation: null }, { secret });
    expect((await page('/en/opus/')).html).toContain('Ofcom, changed once for two organisations.');
    expect((await page('/en/opus-telecoms/')).html).toContain('Ofcom, changed once for two organisations.');
  });

  it('keeps serving the last good content while the Content Lake is down', async () => {
    await page('/en/opex/');
    lake.down = true;
    try {
      lake.patch('org-opex', { name: 'OPEX while down' });
      await sendWebhook(server.url, organisationChange('opex'), { secret });
      const during = await page('/en/opex/');
      expect(during.status).toBe(200);
      expect(during.html).toContain('OPEX');
      expect(during.html).not.toContain('OPEX while down');
      expect(server.output()).toMatch(/serving the last good content/);
    } finally {
      lake.down = false;
    }
    // The webhook's change still counts once the lake is back.
    expect((await page('/en/opex/')).html).toContain('OPEX while down');
  });
});

describe('a cold start while the Content Lake is down', () => {
  it('answers the localised 503 page, then the content once the lake is back', async () => {
    const down = await startFakeContentLake();
    down.down = true;
    const cold = await startServer(sanityEnv(down));
    try {
      const response = await fetch(`${cold.url}/fr/opex/`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
      const html = await response.text();
      expect(html).toContain('lang="fr"');
      expect(html).not.toMatch(/\bat .+\.(m?js|ts):\d+/);
      down.down = false;
      expect((await fetch(`${cold.url}/fr/opex/`)).status).toBe(200);
    } finally {
      await cold.stop();
      await down.close();
    }
  });
});
