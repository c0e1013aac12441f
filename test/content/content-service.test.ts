import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContentService, ContentUnavailableError } from '#src/content/content-service.ts';
import { createLocalSource, readDataset } from '#src/content/local-source.ts';
import type { ContentSource } from '#src/content/source.ts';
import { organisationQuery, organisationsQuery } from '#src/content/queries.ts';

const fixtures = 'test/fixtures/content';
const quiet = () => {};

/** A source that answers or fails on command, like Sanity going down and coming back. */
function flakySource(): ContentSource & { up: boolean; calls: number } {
  const listeners: (() => void)[] = [];
  const source = {
    kind: 'sanity' as const,
    up: true,
    calls: 0,
    async fetch<T>(_query: string, params: Record<string, unknown> = {}) {
      source.calls += 1;
      if (!source.up) throw new Error('getaddrinfo ENOTFOUND example.apicdn.sanity.io');
      return { answer: params.n ?? 1, at: source.calls } as T;
    },
    onChange: (listener: () => void) => void listeners.push(listener),
    close: () => {},
  };
  return source;
}

describe('content service', () => {
  it('serves a fresh answer from memory without asking the source again', async () => {
    const source = flakySource();
    const service = createContentService(source, { ttlMs: 60_000, log: quiet });
    await service.query('q');
    await service.query('q');
    expect(source.calls).toBe(1);
  });

  it('asks again once the answer is older than the TTL', async () => {
    let now = 0;
    const source = flakySource();
    const service = createContentService(source, { ttlMs: 1000, now: () => now, log: quiet });
    await service.query('q');
    now = 1500;
    expect(await service.query('q')).toEqual({ answer: 1, at: 2 });
  });

  it('keeps serving the last good content when the source is unreachable', async () => {
    let now = 0;
    const source = flakySource();
    const service = createContentService(source, { ttlMs: 1000, now: () => now, log: quiet });
    const good = await service.query('q');
    source.up = false;
    now = 5000;
    expect(await service.query('q')).toEqual(good);
  });

  it('reports content unavailable when it has nothing to fall back on', async () => {
    const source = flakySource();
    source.up = false;
    const service = createContentService(source, { ttlMs: 1000, log: quiet });
    await expect(service.query('q')).rejects.toBeInstanceOf(ContentUnavailableError);
  });

  it('refetches after an invalidation and counts a new generation', async () => {
    const source = flakySource();
    const service = createContentService(source, { ttlMs: 60_000, log: quiet });
    await service.query('q');
    service.invalidate();
    expect(service.generation).toBe(1);
    expect(await service.query('q')).toEqual({ answer: 1, at: 2 });
  });

  it('shares one fetch between identical concurrent queries', async () => {
    const source = flakySource();
    const service = createContentService(source, { ttlMs: 60_000, log: quiet });
    await Promise.all([service.query('q', { n: 2 }), service.query('q', { n: 2 }), service.query('q', { n: 2 })]);
    expect(source.calls).toBe(1);
  });
});

describe('local source', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const copyOfFixtures = () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-content-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'eau-du-port.ndjson'), readFileSync(join(fixtures, 'eau-du-port.ndjson')));
    return dir;
  };

  it('runs the site queries over the ndjson files with groq-js', async () => {
    const source = createLocalSource(fixtures);
    const list = await source.fetch<{ slug: string }[]>(organisationsQuery);
    expect(list.map((o) => o.slug)).toContain('eau-du-port');
    const org = await source.fetch<{ name: string; codes: unknown[] }>(organisationQuery, { slug: 'eau-du-port' });
    expect(org.name).toBe('Eau du Port');
    expect(org.codes).toHaveLength(4);
  });

  it('answers null for a slug that names no organisation', async () => {
    const source = createLocalSource(fixtures);
    await source.fetch(organisationQuery, { slug: 'eau-du-port' });
    expect(await source.fetch(organisationQuery, { slug: 'nobody' })).toBeNull();
  });

  it('leaves drafts out, as Sanity published content does', () => {
    const dir = copyOfFixtures();
    writeFileSync(join(dir, 'drafts.ndjson'), JSON.stringify({ _id: 'drafts.org-x', _type: 'organisation', name: 'Draft' }) + '\n');
    expect(readDataset(dir).some((d) => d._id.startsWith('drafts.'))).toBe(false);
  });

  it('names the file and line of a broken document', () => {
    const dir = copyOfFixtures();
    writeFileSync(join(dir, 'broken.ndjson'), '{"_id":"a","_type":"x"}\n{oops\n');
    expect(() => readDataset(dir)).toThrow('broken.ndjson:2 is not valid JSON');
  });

  it('reloads when a file changes, and keeps the last good content when the new file is broken', async () => {
    const dir = copyOfFixtures();
    const source = createLocalSource(dir, { watchFiles: true, log: quiet });
    const changed = () => new Promise<void>((done) => source.onChange(done));
    const names = () => source.fetch<{ name: string }[]>(organisationsQuery).then((l) => l.map((o) => o.name));
    expect(await names()).toEqual(['Eau du Port']);

    let next = changed();
    const original = readFileSync(join(dir, 'eau-du-port.ndjson'), 'utf8');
    writeFileSync(join(dir, 'eau-du-port.ndjson'), original.replace(/"name": ?"Eau du Port"/, '"name":"Eau du Port SA"'));
    await next;
    expect(await names()).toEqual(['Eau du Port SA']);

    next = changed();
    writeFileSync(join(dir, 'eau-du-port.ndjson'), '{not json\n');
    await next;
    expect(await names()).toEqual(['Eau du Port SA']);
    source.close();
  });
});
