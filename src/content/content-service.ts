import { answerTokens, changeTokens, type ContentChange } from './content-dependencies.ts';
import { currentContentScope } from './content-scope.ts';
import type { ContentSource } from './source.ts';

/** No content can be served: the source failed and nothing was ever fetched for this query. */
export class ContentUnavailableError extends Error {
  constructor(cause: unknown) {
    super('Content is unavailable', { cause });
    this.name = 'ContentUnavailableError';
  }
}

interface Entry {
  value: unknown;
  fetchedAt: number;
  /** Stale entries are refetched, but still served if the source has failed. */
  stale: boolean;
  /** What the answer depends on (content-dependencies.ts). */
  tokens: Set<string>;
  /** The generation when its fetch started: an older fetch never overwrites a newer one. */
  generation: number;
}

interface Answer {
  value: unknown;
  /** The source failed and this is the last good answer. */
  fallback: boolean;
}

/** What an invalidation dropped: every answer, or the answers with these cache keys. */
export type Invalidation = { readonly all: true } | { readonly all: false; readonly keys: ReadonlySet<string> };

export interface ContentService {
  readonly kind: ContentSource['kind'];
  /** Runs a query, from memory while fresh; on failure serves the last good answer. */
  query<T>(query: string, params?: Record<string, unknown>): Promise<T>;
  /**
   * Marks stale the answers a change touches, or every answer without a change (a file
   * changed, a webhook of unknown shape). Stale answers stay as the fallback.
   */
  invalidate(change?: ContentChange): Invalidation;
  /** Increases each time content may have changed. */
  readonly generation: number;
  onInvalidate(listener: (invalidation: Invalidation) => void): void;
}

/** The cache key of one query with its parameters; pages record the keys they used. */
export function contentKey(query: string, params: Record<string, unknown>): string {
  return `${query}\u0000${JSON.stringify(params)}`;
}

/**
 * Wraps a content source with an in-memory cache. Fresh answers come from memory; stale
 * ones are refetched; when the source fails, the last good answer is served (and logged)
 * so a Sanity outage does not take the site down. Concurrent identical queries share one
 * fetch. Each query reports its key to the request's content scope (content-scope.ts).
 */
export function createContentService(
  source: ContentSource,
  options: { ttlMs: number; now?: () => number; log?: (message: string) => void },
): ContentService {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.warn(message));
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Answer>>();
  const listeners = new Set<(invalidation: Invalidation) => void>();
  let generation = 0;

  const invalidate = (change?: ContentChange): Invalidation => {
    let invalidation: Invalidation;
    if (change) {
      const touched = changeTokens(change);
      const keys = new Set<string>();
      for (const [key, entry] of cache) {
        if ([...touched].some((token) => entry.tokens.has(token))) {
          entry.stale = true;
          keys.add(key);
        }
      }
      invalidation = { all: false, keys };
    } else {
      for (const entry of cache.values()) entry.stale = true;
      invalidation = { all: true };
    }
    // Answers being fetched right now may predate the change: later queries fetch afresh,
    // and those answers are stored stale (see query).
    inFlight.clear();
    generation += 1;
    for (const listener of listeners) listener(invalidation);
    return invalidation;
  };
  source.onChange(() => invalidate());

  return {
    kind: source.kind,
    get generation() {
      return generation;
    },
    invalidate,
    onInvalidate(listener) {
      listeners.add(listener);
    },
    async query<T>(query: string, params: Record<string, unknown> = {}): Promise<T> {
      const key = contentKey(query, params);
      const scope = currentContentScope();
      scope?.used.add(key);
      const entry = cache.get(key);
      if (entry && !entry.stale && now() - entry.fetchedAt < options.ttlMs) return entry.value as T;
      // Every caller sharing a fetch learns whether it got the fallback, for its own page.
      const answer = (pending: Promise<Answer>) =>
        pending.then(({ value, fallback }) => {
          if (fallback && scope) scope.servedFallback = true;
          return value as T;
        });
      const pending = inFlight.get(key);
      if (pending) return answer(pending);
      const startedAt = generation;
      const fetching: Promise<Answer> = source
        .fetch<T>(query, params)
        .then((value) => {
          // A change announced while this fetch was under way may not be in the answer.
          const stale = generation !== startedAt;
          const current = cache.get(key);
          if (!current || current.generation <= startedAt) {
            cache.set(key, { value, fetchedAt: now(), stale, tokens: answerTokens(query, params, value), generation: startedAt });
          }
          return { value, fallback: false };
        })
        .catch((error: unknown) => {
          if (entry) {
            log(`content: ${source.kind} source failed, serving the last good content (${(error as Error)?.message ?? error})`);
            return { value: entry.value, fallback: true };
          }
          throw new ContentUnavailableError(error);
        })
        .finally(() => {
          if (inFlight.get(key) === fetching) inFlight.delete(key);
        });
      inFlight.set(key, fetching);
      return answer(fetching);
    },
  };
}
