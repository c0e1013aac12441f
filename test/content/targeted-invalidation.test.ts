import { describe, expect, it } from 'vitest';
import { createContentService, contentKey } from '#src/content/content-service.ts';
import { createLocalSource } from '#src/content/local-source.ts';
import { runInContentScope } from '#src/content/content-scope.ts';
import { complaintFormQuery, complaintsCodeQuery, organisationQuery, organisationsQuery } from '#src/content/queries.ts';
import { parseWebhookChange } from '#src/content/webhook-change.ts';
import type { ContentChange } from '#src/content/content-dependencies.ts';

// The real content and the real queries: which answers a change touches depends on them.
const service = () => createContentService(createLocalSource('content'), { ttlMs: Number.POSITIVE_INFINITY, log: () => {} });
const change = (body: object): ContentChange => parseWebhookChange(JSON.stringify(body))!;

async function warm(s: ReturnType<typeof service>) {
  await s.query(organisationsQuery);
  for (const slug of ['opus', 'opus-telecoms', 'opus-titasz', 'opex', 'nobody-yet']) await s.query(organisationQuery, { slug });
  await s.query(complaintsCodeQuery, { organisationId: 'org-opex', language: 'fr', version: '1.0' });
  await s.query(complaintsCodeQuery, { organisationId: 'org-opus', language: 'en', version: '1.0' });
  await s.query(complaintFormQuery, { formId: 'form-opus' });
}

const orgKey = (slug: string) => contentKey(organisationQuery, { slug });
const directoryKey = contentKey(organisationsQuery, {});

describe('targeted invalidation', () => {
  it('a changed organisation touches its own page and the directory, not the others', async () => {
    const s = service();
    await warm(s);
    const result = s.invalidate(change({ _id: 'org-opex', _type: 'organisation', slug: 'opex', organisation: null }));
    expect(result.all).toBe(false);
    const keys = result.all ? new Set() : result.keys;
    expect(keys).toContain(orgKey('opex'));
    expect(keys).toContain(directoryKey);
    expect(keys).toContain(contentKey(complaintsCodeQuery, { organisationId: 'org-opex', language: 'fr', version: '1.0' }));
    expect(keys).not.toContain(orgKey('opus'));
    expect(keys).not.toContain(orgKey('opus-titasz'));
  });

  it('a shared ADR scheme touches every organisation that uses it, and only those', async () => {
    const s = service();
    await warm(s);
    const result = s.invalidate(change({ _id: 'adr-ofcom', _type: 'adrScheme', slug: null, organisation: null }));
    const keys = result.all ? new Set() : result.keys;
    expect(keys).toContain(orgKey('opus'));
    expect(keys).toContain(orgKey('opus-telecoms'));
    expect(keys).not.toContain(orgKey('opus-titasz'));
    expect(keys).not.toContain(orgKey('opex'));
    expect(keys).not.toContain(directoryKey);
  });

  it('a new code version touches its organisation (which lists its codes), found through the reference', async () => {
    const s = service();
    await warm(s);
    const result = s.invalidate(change({ _id: 'drafts.code-opus-en-2-0', _type: 'complaintsCode', slug: null, organisation: 'org-opus' }));
    const keys = result.all ? new Set() : result.keys;
    expect(keys).toContain(orgKey('opus'));
    expect(keys).toContain(contentKey(complaintsCodeQuery, { organisationId: 'org-opus', language: 'en', version: '1.0' }));
    expect(keys).not.toContain(orgKey('opus-telecoms'));
  });

  it('a form change touches the form and the organisation that uses it', async () => {
    const s = service();
    await warm(s);
    const result = s.invalidate(change({ _id: 'form-opus', _type: 'complaintForm', slug: null, organisation: null }));
    const keys = result.all ? new Set() : result.keys;
    expect(keys).toContain(contentKey(complaintFormQuery, { formId: 'form-opus' }));
    expect(keys).toContain(orgKey('opus'));
    expect(keys).not.toContain(orgKey('opex'));
  });

  it('a new organisation reaches the directory and a page that answered "not found" for its slug', async () => {
    const s = service();
    await warm(s);
    const result = s.invalidate(change({ _id: 'org-new', _type: 'organisation', slug: 'nobody-yet' }));
    const keys = result.all ? new Set() : result.keys;
    expect(keys).toEqual(new Set([directoryKey, orgKey('nobody-yet')]));
  });

  it('refetches only what was touched', async () => {
    let calls = 0;
    const local = createLocalSource('content');
    const counting = { ...local, fetch: <T>(q: string, p?: Record<string, unknown>) => ((calls += 1), local.fetch<T>(q, p)) };
    const s = createContentService(counting, { ttlMs: Number.POSITIVE_INFINITY, log: () => {} });
    await warm(s);
    const before = calls;
    s.invalidate(change({ _id: 'org-opex', _type: 'organisation', slug: 'opex' }));
    await warm(s);
    expect(calls - before).toBe(3); // the directory, opex, and opex's French code
  });

  it('a body of unknown shape is no change description: everything is dropped', async () => {
    expect(parseWebhookChange('{"ids":{"all":["x"]}}')).toBeUndefined();
    expect(parseWebhookChange('not json')).toBeUndefined();
    const s = service();
    await warm(s);
    expect(s.invalidate(parseWebhookChange('{}'))).toEqual({ all: true });
  });

  it('records in the request scope which answers were used', async () => {
    const s = service();
    const used = await runInContentScope({ preview: false }, async (scope) => {
      await s.query(organisationQuery, { slug: 'opus' });
      await s.query(organisationQuery, { slug: 'opus' });
      return scope.used;
    });
    expect(used).toEqual(new Set([orgKey('opus')]));
  });

  it('an answer fetched while a change arrives is kept stale, so the next query asks again', async () => {
    let release!: () => void;
    let calls = 0;
    const gate = new Promise<void>((done) => (release = done));
    const source = {
      kind: 'sanity' as const,
      async fetch<T>() {
        const n = ++calls;
        if (n === 1) await gate;
        return { _id: 'org-a', n } as T;
      },
      onChange: () => {},
      close: () => {},
    };
    const s = createContentService(source, { ttlMs: Number.POSITIVE_INFINITY, log: () => {} });
    const first = s.query('q');
    s.invalidate(change({ _id: 'org-a', _type: 'organisation' }));
    expect(await s.query('q')).toEqual({ _id: 'org-a', n: 2 });
    release();
    expect(await first).toEqual({ _id: 'org-a', n: 1 });
    expect(await s.query('q')).toEqual({ _id: 'org-a', n: 2 });
  });
});
