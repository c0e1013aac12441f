/**
 * A cache of rendered public pages, so that a page is rendered once and then served as
 * bytes until something it shows may have changed. An entry is dropped when
 * - content it used changes (the content service says which cached answers a file change or
 *   a Sanity webhook touched; pages that used none of them stay),
 * - the page's own deadline passes (the next opening-hours boundary, local midnight),
 * - it is older than `maxAgeMs` (the content TTL, when content comes from Sanity).
 * Only pages that opt in are cached, only 200s, and never anything personal: the public
 * pages carry no cookie and no per-visitor data.
 */
export interface CachedPage {
  body: Uint8Array<ArrayBuffer>;
  status: number;
  headers: Record<string, string>;
  expiresAt: number;
  /** The content cache keys the page was rendered from; undefined: depends on everything. */
  uses?: ReadonlySet<string>;
  /** The route pattern that rendered it, for the request log and metrics of a cache hit. */
  route?: string;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  set(key: string, page: Omit<CachedPage, 'expiresAt'>, until: number): void;
  /** Drops the pages that used any of these content keys. */
  drop(contentKeys: ReadonlySet<string>): void;
  clear(): void;
  configure(options: { maxAgeMs: number }): void;
  readonly size: number;
}

export function createPageCache(options: { maxEntries: number; maxAgeMs: number; now?: () => number }): PageCache {
  const now = options.now ?? Date.now;
  let maxAgeMs = options.maxAgeMs;
  const entries = new Map<string, CachedPage>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    set(key, page, until) {
      const expiresAt = Math.min(until, now() + maxAgeMs);
      if (expiresAt <= now()) return;
      // Oldest first out: a Map keeps insertion order.
      if (entries.size >= options.maxEntries && !entries.has(key)) entries.delete(entries.keys().next().value!);
      entries.set(key, { ...page, expiresAt });
    },
    drop(contentKeys) {
      for (const [key, entry] of entries) {
        if (!entry.uses || [...entry.uses].some((used) => contentKeys.has(used))) entries.delete(key);
      }
    },
    clear() {
      entries.clear();
    },
    configure(next) {
      maxAgeMs = next.maxAgeMs;
    },
    get size() {
      return entries.size;
    },
  };
}

const registry = Symbol.for('redress.page-cache');

/**
 * The page cache of this process. It lives on globalThis because two copies of this module
 * use it: the one bundled into the Astro build (which fills it) and the one the server in
 * scripts/serve.ts imports (which answers cache hits before Astro is even called).
 */
export function sharedPageCache(): PageCache {
  const holder = globalThis as { [registry]?: PageCache };
  holder[registry] ??= createPageCache({ maxEntries: 2000, maxAgeMs: 86_400_000 });
  return holder[registry];
}
