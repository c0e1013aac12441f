import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';

// No Sanity project: content comes from a copy of content/*.ndjson that the test edits.
const previewSecret = 'local-preview-secret-for-tests';
const contentDir = mkdtempSync(join(tmpdir(), 'redress-local-content-'));
const dataDir = mkdtempSync(join(tmpdir(), 'redress-local-data-'));
let server: RunningServer;

beforeAll(async () => {
  cpSync('content', contentDir, { recursive: true });
  server = await startServer({ CONTENT_DIR: contentDir, CONTENT_WATCH: 'true', SANITY_PREVIEW_SECRET: previewSecret, DATA_DIR: dataDir });
});
afterAll(async () => {
  await server?.stop();
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const html = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} }).then((r) => r.text());

/** File watching is asynchronous: ask again until the page changes (or give up after 10 s). */
async function eventually(path: string, expected: string, cookie?: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const body = await html(path, cookie);
    if (body.includes(expected) || Date.now() > deadline) return body;
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('local content', () => {
  it('shows an edited content file on the next request, in pages already cached', async () => {
    expect(await html('/en/opus/code')).toContain('Opus');
    const file = join(contentDir, 'opus.ndjson');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name":"Opus"', '"name":"Opus Edited Locally"'));
    expect(await eventually('/en/opus/code', 'Opus Edited Locally')).toContain('Opus Edited Locally');
    expect(await html('/en/')).toContain('Opus Edited Locally');
  });

  it('previews drafts.* documents of the files with the secret, and only then', async () => {
    const published = readFileSync(join(contentDir, 'opex.ndjson'), 'utf8').split('\n')[0]!;
    const draft = { ...JSON.parse(published), _id: 'drafts.org-opex', name: 'OPEX Local Draft' };
    writeFileSync(join(contentDir, 'drafts.ndjson'), JSON.stringify(draft) + '\n');
    const start = await fetch(`${server.url}/api/preview?secret=${previewSecret}&redirect=/en/opex/code`, { redirect: 'manual' });
    const cookie = start.headers.get('set-cookie')!.split(';', 1)[0]!;
    expect(await eventually('/en/opex/code', 'OPEX Local Draft', cookie)).toContain('Preview: drafts');

    const preview = await fetch(`${server.url}/en/opex/code`, { headers: { cookie } });
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    expect(await preview.text()).toContain('OPEX Local Draft');
    expect(await html('/en/opex/code')).not.toContain('OPEX Local Draft');
  });
});
