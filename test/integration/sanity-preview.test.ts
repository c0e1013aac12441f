import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { siteEnvFor, startFakeContentLake, type FakeContentLake } from '../support/fake-content-lake.ts';

// Draft preview against the real @sanity/client: the drafts perspective with the read token.
const previewSecret = 'preview-secret-for-the-tests';
const token = 'read-token-for-the-tests';
let lake: FakeContentLake;
let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'redress-preview-'));

beforeAll(async () => {
  lake = await startFakeContentLake({ token });
  lake.put({ ...lake.document('org-opex')!, _id: 'drafts.org-opex', name: 'OPEX Draft Name' });
  server = await startServer(siteEnvFor(lake, { SANITY_READ_TOKEN: token, SANITY_PREVIEW_SECRET: previewSecret, DATA_DIR: dataDir }));
});
afterAll(async () => {
  await server?.stop();
  await lake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const startPreview = async (redirect = '/en/opex/code') => {
  const response = await get(`/api/preview?secret=${encodeURIComponent(previewSecret)}&redirect=${encodeURIComponent(redirect)}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, setCookie, cookie: setCookie.split(';', 1)[0]! };
};

describe('draft preview', () => {
  it('shows published content to everyone else, even after an editor previewed', async () => {
    const { cookie } = await startPreview();
    expect(await (await get('/en/opex/code', cookie)).text()).toContain('OPEX Draft Name');
    const html = await (await get('/en/opex/code')).text();
    expect(html).not.toContain('OPEX Draft Name');
    // The banner's element, not its class name: the inlined stylesheet names the class on every page.
    expect(html).not.toContain('class="notice preview-banner"');
  });

  it('refuses a wrong secret without setting anything', async () => {
    const response = await get('/api/preview?secret=guess&redirect=/en/opex/code');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('sets an httpOnly cookie that holds no secret and sends the editor to the page', async () => {
    const { response, setCookie } = await startPreview('/en/opex/code');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/en/opex/code');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toContain(previewSecret);
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', '/.//evil.example/x'])('never redirects off the site (%s)', async (target) => {
    const { response } = await startPreview(target);
    expect(response.headers.get('location')).toBe('/');
  });

  it('shows drafts with a banner and an exit link, never cached, never indexed', async () => {
    const { cookie } = await startPreview();
    const before = lake.queries.drafts;
    for (let view = 0; view < 2; view++) {
      const response = await get('/en/opex/code', cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      const html = await response.text();
      expect(html).toContain('OPEX Draft Name');
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toContain('Preview: drafts');
      expect(html).toContain('href="/api/preview/exit?redirect=%2Fen%2Fopex%2Fcode"');
    }
    // Each view asked the lake again: nothing of a preview is served from memory.
    expect(lake.queries.drafts - before).toBeGreaterThanOrEqual(2);
  });

  it('sees a newer draft at once', async () => {
    const { cookie } = await startPreview();
    lake.patch('drafts.org-opex', { name: 'OPEX Second Draft' });
    expect(await (await get('/en/opex/code', cookie)).text()).toContain('OPEX Second Draft');
    lake.patch('drafts.org-opex', { name: 'OPEX Draft Name' });
  });

  it('ignores a forged cookie', async () => {
    const html = await (await get('/en/opex/code', `redress_preview=${Math.floor(Date.now() / 1000) + 3600}.${'A'.repeat(43)}`)).text();
    expect(html).not.toContain('OPEX Draft Name');
    expect(html).not.toContain('Preview: drafts');
  });

  it('ends with the exit link', async () => {
    const response = await get('/api/preview/exit?redirect=/en/opex/code');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/en/opex/code');
    expect(response.headers.get('set-cookie')).toMatch(/^redress_preview=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
  });

  // The exit link needs no secret: anyone could send a victim there.
  it.each(['/.//evil.example/x', '/a/..//evil.example/x'])('never sends anyone off the site on exit either (%s)', async (target) => {
    const response = await get(`/api/preview/exit?redirect=${encodeURIComponent(target)}`);
    expect(response.headers.get('location')).toBe('/');
  });
});
