import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPreviewSecret, isValidPreviewCookie, previewCookieValue, samePagePath, PREVIEW_MAX_AGE_SECONDS } from '#src/content/preview.ts';
import { readDataset } from '#src/content/local-source.ts';

const secret = 'a-long-preview-secret-for-tests';

describe('preview secret and cookie', () => {
  it('accepts only the exact secret', () => {
    expect(isPreviewSecret(secret, secret)).toBe(true);
    expect(isPreviewSecret(`${secret}x`, secret)).toBe(false);
    expect(isPreviewSecret('', secret)).toBe(false);
    expect(isPreviewSecret(null, secret)).toBe(false);
  });

  it('makes a cookie that holds no secret and proves it until it expires', () => {
    const now = Date.UTC(2026, 10, 1);
    const value = previewCookieValue(secret, now);
    expect(value).not.toContain(secret);
    expect(isValidPreviewCookie(value, secret, now)).toBe(true);
    expect(isValidPreviewCookie(value, secret, now + PREVIEW_MAX_AGE_SECONDS * 1000)).toBe(false);
    expect(isValidPreviewCookie(value, 'another-secret-of-enough-length', now)).toBe(false);
  });

  it('refuses a cookie whose expiry was pushed forward', () => {
    const now = Date.UTC(2026, 10, 1);
    const [expires, mac] = previewCookieValue(secret, now).split('.');
    expect(isValidPreviewCookie(`${Number(expires) + 86_400}.${mac}`, secret, now)).toBe(false);
    expect(isValidPreviewCookie(undefined, secret, now)).toBe(false);
    expect(isValidPreviewCookie('garbage', secret, now)).toBe(false);
  });
});

describe('where preview sends the editor', () => {
  it.each([
    ['/en/opus/code', '/en/opus/code'],
    ['/hu/opus-titasz/?x=1', '/hu/opus-titasz/?x=1'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['/.//evil.example/', '/'],
    ['/a/..//evil.example/', '/'],
    ['/%2e//evil.example/', '/'],
    ['/./\\evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/en/\nSet-Cookie: x', '/'],
    [null, '/'],
  ])('%s goes to %s', (given, expected) => {
    expect(samePagePath(given)).toBe(expected);
  });
});

describe('drafts in the local files', () => {
  it('take the place of their published documents, with the published id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-drafts-'));
    try {
      writeFileSync(join(dir, 'opus.ndjson'), readFileSync('content/opus.ndjson'));
      const published = readDataset(dir).find((d) => d._id === 'org-opus')!;
      writeFileSync(join(dir, 'drafts.ndjson'), JSON.stringify({ ...published, _id: 'drafts.org-opus', name: 'Opus (draft)' }) + '\n');
      expect(readDataset(dir).find((d) => d._id === 'org-opus')!.name).toBe('Opus');
      const withDrafts = readDataset(dir, { perspective: 'drafts' });
      expect(withDrafts.filter((d) => d._id === 'org-opus')).toEqual([
        expect.objectContaining({ name: 'Opus (draft)', _originalId: 'drafts.org-opus' }),
      ]);
      expect(withDrafts.some((d) => d._id.startsWith('drafts.'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
