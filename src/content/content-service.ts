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
}

export interface ContentService {
  readonly kind: ContentSource['kind'];
  /** Runs a query, from memory while fresh; on failure serves the last good answer. */
  query<T>(query: string, params?: Record<string, unknown>): Promise<T>;
  /** Marks every answer stale (a webhook said content changed). */
  invalidate(): void;
  /** Increases each time content may have changed: part of rendered-page cache keys. */
  readonly generation: number;
  onInvalidate(listener: () => void): void;
}

/**
 * Wraps a content source with an in-memory cache. Fresh answers come from memory; stale
 * ones are refetched; when the source fails, the last good answer is served (and logged)
 * so a Sanity outage does not take the site down. Concurrent identical queries share one
 * fetch.
 */
export function createContentService(
  source: ContentSource,
  options: { ttlMs: number; now?: () => number; log?: (message: string) => void },
): ContentService {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.warn(message));
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<unknown>>();
  const listeners = new Set<() => void>();
  let generation = 0;

  const invalidate = () => {
    for (const entry of cache.values()) entry.stale = true;
    generation += 1;
    for (const listener of listeners) listener();
  };
  source.onChange(invalidate);

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
      const key = `${query}\u0000${JSON.stringify(params)}`;
      const entry = cache.get(key);
      if (entry && !entry.stale && now() - entry.fetchedAt < options.ttlMs) return entry.value as T;
      const pending = inFlight.get(key);
      if (pending) return pending as Promise<T>;
      const fetching = source
        .fetch<T>(query, params)
        .then((value) => {
          cache.set(key, { value, fetchedAt: now(), stale: false });
          return value;
        })
        .catch((error: unknown) => {
          if (entry) {
            log(`content: ${source.kind} source failed, serving the last good content (${(error as Error)?.message ?? error})`);
            return entry.value as T;
          }
          throw new ContentUnavailableError(error);
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, fetching);
      return fetching;
    },
  };
}
