import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request does with content, carried through its async work so that the query
 * helpers need no extra argument: whether it is an editor's draft preview, and which
 * cached answers it used (so a rendered page can be dropped exactly when one of them is).
 */
export interface ContentScope {
  readonly preview: boolean;
  readonly used: Set<string>;
  /** Set when an answer was the last good one because the source failed: not worth keeping. */
  servedFallback: boolean;
}

const storage = new AsyncLocalStorage<ContentScope>();

/** Runs `work` with a content scope; queries made inside it (however deep) report to it. */
export function runInContentScope<T>(scope: { preview: boolean }, work: (scope: ContentScope) => T): T {
  const full: ContentScope = { preview: scope.preview, used: new Set(), servedFallback: false };
  return storage.run(full, () => work(full));
}

/** The scope of the current request, if it set one. */
export function currentContentScope(): ContentScope | undefined {
  return storage.getStore();
}
