import { watch, type FSWatcher } from 'node:fs';
import { evaluate as untypedEvaluate, parse } from 'groq-js';
import { parseLines, readNdjsonFiles } from './ndjson-files.ts';
import type { ContentSource } from './source.ts';

export type SanityDocument = { _id: string; _type: string; [field: string]: unknown };

// groq-js 2.0.0 ships without some .d.ts files, so evaluate is typed loosely: pin its shape here.
type Evaluate = (
  tree: ReturnType<typeof parse>,
  options: { dataset: SanityDocument[]; params?: Record<string, unknown> },
) => Promise<{ get(): Promise<unknown> }>;
const evaluate = untypedEvaluate as unknown as Evaluate;

/** Runs a parsed GROQ query over documents in memory, as Sanity's query API would. */
export async function runGroq(tree: ReturnType<typeof parse>, dataset: SanityDocument[], params: Record<string, unknown> = {}): Promise<unknown> {
  const value = await evaluate(tree, { dataset, params });
  return value.get();
}

/**
 * Reads every `*.ndjson` file of a folder (Sanity's export format) into one dataset.
 * Drafts are left out, as Sanity's published perspective would; in the drafts perspective
 * they take the place of their published documents (see draftsPerspective); raw keeps
 * every document as stored. Throws with the file and line of the first line that is not a
 * document.
 */
export function readDataset(dir: string, options: { perspective?: 'published' | 'drafts' | 'raw' } = {}): SanityDocument[] {
  const documents = readNdjsonFiles(dir).flatMap((file) => parseLines(file).map(({ doc }) => doc));
  const perspective = options.perspective ?? 'published';
  if (perspective === 'raw') return documents;
  return perspective === 'drafts' ? draftsPerspective(documents) : publishedPerspective(documents);
}

/** The published documents only. */
export function publishedPerspective(documents: readonly SanityDocument[]): SanityDocument[] {
  return documents.filter((doc) => !doc._id.startsWith('drafts.'));
}

/** Drafts in place of their published documents, under the published id (`_originalId` keeps the draft's). */
export function draftsPerspective(documents: readonly SanityDocument[]): SanityDocument[] {
  const byId = new Map<string, SanityDocument>();
  for (const doc of publishedPerspective(documents)) byId.set(doc._id, doc);
  for (const doc of documents) {
    if (!doc._id.startsWith('drafts.')) continue;
    const id = doc._id.slice('drafts.'.length);
    byId.set(id, { ...doc, _id: id, _originalId: doc._id });
  }
  return [...byId.values()];
}

/**
 * The local content source: groq-js over the ndjson files of `dir` (with their drafts when
 * `drafts` is set, for preview). When `watchFiles` is set, a change to a file reloads the
 * dataset; a file that fails to load keeps the last good dataset in service, so an
 * editor's typo never takes the site down.
 */
export function createLocalSource(
  dir: string,
  options: { watchFiles?: boolean; drafts?: boolean; log?: (message: string) => void } = {},
): ContentSource {
  const log = options.log ?? ((message: string) => console.warn(message));
  let dataset: SanityDocument[] | undefined;
  let loadError: Error | undefined;
  const listeners = new Set<() => void>();
  const trees = new Map<string, ReturnType<typeof parse>>();

  const load = () => {
    try {
      dataset = readDataset(dir, { perspective: options.drafts ? 'drafts' : 'published' });
      loadError = undefined;
    } catch (error) {
      loadError = error as Error;
      log(`content: could not load ${dir}: ${loadError.message}${dataset ? ' (keeping the last good content)' : ''}`);
    }
  };
  load();

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watchFiles) {
    try {
      watcher = watch(dir, (_event, name) => {
        if (name && !String(name).endsWith('.ndjson')) return;
        // Editors' tools write a file in several steps: wait for them to settle.
        clearTimeout(timer);
        timer = setTimeout(() => {
          load();
          for (const listener of listeners) listener();
        }, 100);
      });
      watcher.unref();
    } catch (error) {
      log(`content: cannot watch ${dir}: ${(error as Error).message}`);
    }
  }

  return {
    kind: 'local',
    async fetch<T>(query: string, params: Record<string, unknown> = {}): Promise<T> {
      if (!dataset) throw loadError ?? new Error(`content: no dataset in ${dir}`);
      let tree = trees.get(query);
      if (!tree) {
        tree = parse(query);
        trees.set(query, tree);
      }
      return (await runGroq(tree, dataset, params)) as T;
    },
    onChange(listener) {
      listeners.add(listener);
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
