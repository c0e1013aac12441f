/**
 * A cache of rendered public pages, so that a page is rendered once and then served as
 * bytes until something it shows may have changed. An entry is dropped when
 * - content changes (the content service's generation moves on: file change, webhook),
 * - the page's own deadline passes (the next opening-hours boundary, local midnight),
 * - it is older than `maxAgeMs` (the content TTL, when content comes from Sanity).
 * Only pages that opt in are cached, only 200s, and never anything personal: the public
 * pages carry no cookie and no per-visitor data.
 */
export interface CachedPage {
  body: Uint8Array;
  status: number;
  headers: [string, string][];
  generation: number;
  expiresAt: number;
}

export function createPageCache(options: { maxEntries: number; maxAgeMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, CachedPage>();
  return {
    get(key: string, generation: number): CachedPage | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.generation !== generation || entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    set(key: string, page: Omit<CachedPage, 'expiresAt'>, until: number) {
      const expiresAt = Math.min(until, now() + options.maxAgeMs);
      if (expiresAt <= now()) return;
      // Oldest first out: Map keeps insertion order.
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { ...page, expiresAt });
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
