import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { SanityDocument } from './local-source.ts';

/**
 * How content/ is laid out, both ways: all files combined into one NDJSON for
 * `sanity dataset import`, and a dataset export split back into the files. The layout is
 * one file per organisation (its own document, form and codes, named after its slug) plus
 * `adr-schemes.ndjson` for the shared schemes and `regimes.ndjson` for the regulatory regimes. Splitting is made for a clean git diff: a
 * document already in a file stays in that file, at its place, byte for byte when it is
 * unchanged; a changed one keeps its key order; new documents go to their organisation's
 * file after the ones already there.
 */
export interface NdjsonFile {
  name: string;
  text: string;
}

/** Fields Sanity adds on import: not part of the content, and different in every export. */
const systemFields = ['_rev', '_createdAt', '_updatedAt', '_originalId', '_system'];
const sharedFile: Record<string, string> = { adrScheme: 'adr-schemes.ndjson', regime: 'regimes.ndjson' };
const otherFile = 'shared.ndjson';
const typeOrder = ['organisation', 'complaintForm', 'complaintsCode'];

/** The *.ndjson files of a folder, by name. */
export function readNdjsonFiles(dir: string): NdjsonFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ndjson'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Documents that belong in content/: published content, not drafts, releases or Sanity's own. */
function isContentDocument(doc: SanityDocument): boolean {
  return !doc._id.startsWith('drafts.') && !doc._id.startsWith('versions.') && !doc._id.startsWith('_.') && !/^(sanity|system)\./.test(doc._type);
}

/** Every document line of the files, file by file in name order, as one NDJSON text. */
export function combineFiles(files: readonly NdjsonFile[]): string {
  const lines = [...files]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((file) => parseLines(file).filter(({ doc }) => isContentDocument(doc)).map(({ line }) => line));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * The files for an exported dataset, given the files as they are now. Returns every file
 * that should exist with its text, and the names of files that no longer hold anything.
 */
export function splitDataset(exported: readonly SanityDocument[], current: readonly NdjsonFile[]): { files: NdjsonFile[]; removed: string[] } {
  const documents = exported.filter(isContentDocument).map(withoutSystemFields);
  const byId = new Map(documents.map((doc) => [doc._id, doc]));

  // Where each document is now, and its exact line.
  const placed = new Map<string, { file: string; index: number; line: string; doc: SanityDocument }>();
  for (const file of current) {
    parseLines(file).forEach(({ line, doc }, index) => placed.set(doc._id, { file: file.name, index, line, doc }));
  }

  const fileOf = (doc: SanityDocument): string => {
    const known = placed.get(doc._id);
    if (known) return known.file;
    const organisation = owningOrganisation(doc, documents, byId);
    if (organisation) return placed.get(organisation._id)?.file ?? `${slugOf(organisation) ?? organisation._id}.ndjson`;
    return sharedFile[doc._type] ?? otherFile;
  };

  const grouped = new Map<string, SanityDocument[]>();
  for (const doc of documents) {
    const name = fileOf(doc);
    grouped.set(name, [...(grouped.get(name) ?? []), doc]);
  }

  const rank = (doc: SanityDocument) => {
    const known = placed.get(doc._id);
    const type = typeOrder.indexOf(doc._type);
    // Documents already in the file first, in their order; then new ones by type and id.
    return known ? [0, known.index, ''] : [1, type === -1 ? typeOrder.length : type, doc._id];
  };
  const compare = (a: SanityDocument, b: SanityDocument) => {
    const [x, y] = [rank(a), rank(b)];
    return (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number) || String(x[2]).localeCompare(String(y[2]));
  };

  const files = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, docs]) => ({
      name,
      text: `${docs
        .sort(compare)
        .map((doc) => {
          const known = placed.get(doc._id);
          if (!known) return JSON.stringify(doc);
          if (isDeepStrictEqual(known.doc, doc)) return known.line;
          return JSON.stringify(orderLike(doc, known.doc));
        })
        .join('\n')}\n`,
    }));
  const removed = current.map((file) => file.name).filter((name) => !grouped.has(name));
  return { files, removed };
}

/** The document lines of a file; throws with the file and line of the first that is not a document. */
export function parseLines(file: NdjsonFile): { line: string; doc: SanityDocument }[] {
  return file.text.split('\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    let doc: SanityDocument;
    try {
      doc = JSON.parse(line);
    } catch {
      throw new Error(`${file.name}:${index + 1} is not valid JSON`);
    }
    if (typeof doc?._id !== 'string' || typeof doc?._type !== 'string') throw new Error(`${file.name}:${index + 1} is not a document (it needs _id and _type)`);
    return [{ line, doc }];
  });
}

function withoutSystemFields(doc: SanityDocument): SanityDocument {
  const copy: SanityDocument = { ...doc };
  for (const field of systemFields) delete copy[field];
  return copy;
}

const refOf = (value: unknown) => (value && typeof value === 'object' ? (value as { _ref?: unknown })._ref : undefined);
const slugOf = (doc: SanityDocument) => (doc.slug as { current?: string } | undefined)?.current;

/** The organisation a document belongs to: itself, the one a code names, or the one using a form. */
function owningOrganisation(doc: SanityDocument, all: readonly SanityDocument[], byId: Map<string, SanityDocument>): SanityDocument | undefined {
  if (doc._type === 'organisation') return doc;
  const named = refOf(doc.organisation);
  if (typeof named === 'string') return byId.get(named);
  if (doc._type === 'complaintForm') return all.find((org) => org._type === 'organisation' && refOf(org.complaintForm) === doc._id);
  return undefined;
}

/**
 * `value` with its object keys in the order `template` has them (new keys after), at every
 * depth; array items are matched by `_key` where they have one, else by position. This
 * keeps the diff of an edited document to the lines that really changed.
 */
function orderLike(value: unknown, template: unknown): unknown {
  if (Array.isArray(value)) {
    const items = Array.isArray(template) ? template : [];
    return value.map((item, index) => {
      const key = (item as { _key?: unknown } | null)?._key;
      const match = key !== undefined ? items.find((other) => (other as { _key?: unknown } | null)?._key === key) : items[index];
      return orderLike(item, match);
    });
  }
  if (!value || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const model = template && typeof template === 'object' && !Array.isArray(template) ? (template as Record<string, unknown>) : {};
  const keys = [...Object.keys(model).filter((key) => key in source), ...Object.keys(source).filter((key) => !(key in model))];
  return Object.fromEntries(keys.map((key) => [key, orderLike(source[key], model[key])]));
}
