import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineFiles, splitDataset, type NdjsonFile } from '#src/content/ndjson-files.ts';
import type { SanityDocument } from '#src/content/local-source.ts';

// The real content/ files: what `content:import` sends and `content:export` must give back.
const files: NdjsonFile[] = readdirSync('content')
  .filter((name) => name.endsWith('.ndjson'))
  .map((name) => ({ name, text: readFileSync(join('content', name), 'utf8') }));

const parse = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as SanityDocument);

/** What `sanity dataset export` gives back after an import: system fields, another order, other key order. */
function asExported(documents: SanityDocument[]): SanityDocument[] {
  return documents
    .map((doc, index) => {
      const reversed = Object.fromEntries(Object.entries(doc).reverse()) as SanityDocument;
      return { _createdAt: '2026-11-01T10:00:00Z', _updatedAt: '2026-11-02T10:00:00Z', _rev: `rev${index}`, ...reversed };
    })
    .sort((a, b) => a._id.localeCompare(b._id));
}

const byName = (result: { files: NdjsonFile[] }) => Object.fromEntries(result.files.map((file) => [file.name, file.text]));
const original = Object.fromEntries(files.map((file) => [file.name, file.text]));

describe('content/ files and a dataset export', () => {
  it('combine into one import file with every document once, drafts left out', () => {
    const withDraft = [...files, { name: 'drafts.ndjson', text: '{"_id":"drafts.org-opus","_type":"organisation"}\n' }];
    const combined = parse(combineFiles(withDraft));
    const expected = files.flatMap((file) => parse(file.text));
    expect(combined.map((doc) => doc._id).sort()).toEqual(expected.map((doc) => doc._id).sort());
    expect(combined.some((doc) => doc._id.startsWith('drafts.'))).toBe(false);
  });

  it('round-trip without a byte of difference when nothing changed', () => {
    const exported = asExported(parse(combineFiles(files)));
    exported.push({ _id: 'drafts.org-opex', _type: 'organisation', name: 'a draft' });
    exported.push({ _id: '_.groups.public', _type: 'system.group' });
    const result = splitDataset(exported, files);
    expect(result.removed).toEqual([]);
    expect(byName(result)).toEqual(original);
  });

  it('rewrite only the line of a changed document, keeping its key order', () => {
    const exported = asExported(parse(combineFiles(files)));
    exported.find((doc) => doc._id === 'org-opus')!.name = 'Opus Renamed';
    const result = byName(splitDataset(exported, files));
    for (const name of Object.keys(original).filter((n) => n !== 'opus.ndjson')) expect(result[name]).toBe(original[name]);
    const before = original['opus.ndjson']!.split('\n');
    const after = result['opus.ndjson']!.split('\n');
    expect(after[0]).toBe(before[0]!.replace('"name":"Opus"', '"name":"Opus Renamed"'));
    expect(after.slice(1)).toEqual(before.slice(1));
  });

  it('put a new code version in its organisation’s file, after the documents already there', () => {
    const exported = asExported(parse(combineFiles(files)));
    const code = exported.find((doc) => doc._id === 'code-opex-en-1-0')!;
    exported.push({ ...code, _id: 'code-opex-en-2-0', version: '2.0' });
    const result = byName(splitDataset(exported, files));
    const lines = result['opex.ndjson']!.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual(original['opex.ndjson']!.trimEnd().split('\n'));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ _id: 'code-opex-en-2-0', version: '2.0' });
    expect(lines.at(-1)).not.toContain('_rev');
  });

  it('give a new organisation its own file: organisation, form, codes', () => {
    const exported = asExported(parse(combineFiles(files)));
    exported.push(
      { _id: 'code-new-en', _type: 'complaintsCode', organisation: { _type: 'reference', _ref: 'org-new' }, language: 'en' },
      { _id: 'form-new', _type: 'complaintForm', title: 'New form' },
      { _id: 'org-new', _type: 'organisation', slug: { _type: 'slug', current: 'new-org' }, complaintForm: { _type: 'reference', _ref: 'form-new' } },
      { _id: 'adr-new', _type: 'adrScheme' },
    );
    const result = byName(splitDataset(exported, files));
    expect(parse(result['new-org.ndjson']!).map((doc) => doc._id)).toEqual(['org-new', 'form-new', 'code-new-en']);
    expect(parse(result['adr-schemes.ndjson']!).at(-1)!._id).toBe('adr-new');
  });

  it('drop deleted documents, and the file of an organisation that is gone', () => {
    const exported = asExported(parse(combineFiles(files))).filter(
      (doc) => !['org-opus', 'form-opus', 'code-opus-en-1-0', 'code-opex-ar-1-0'].includes(doc._id),
    );
    const result = splitDataset(exported, files);
    expect(result.removed).toEqual(['opus.ndjson']);
    expect(byName(result)['opex.ndjson']).not.toContain('code-opex-ar-1-0');
  });
});
