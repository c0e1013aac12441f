/**
 * Which cached answers a content change touches. An answer depends on every document id
 * and reference in it and on the parameters it was asked with (a slug, an organisation
 * id); a query without parameters lists documents, so it also depends on every document
 * of the types it filters on (a new organisation must appear in the directory). A change
 * names the document, its type, and the organisation and slug it belongs to.
 */
export interface ContentChange {
  /** Published ids of the changed document and of the documents it belongs to. */
  readonly documentIds: readonly string[];
  readonly types: readonly string[];
  /** Slugs the change may affect (an organisation's, before and after a rename). */
  readonly slugs: readonly string[];
}

/** The published id of a draft (`drafts.x`) or release version (`versions.r.x`). */
function publishedId(id: string): string {
  if (id.startsWith('drafts.')) return id.slice('drafts.'.length);
  const version = /^versions\.[^.]+\.(.+)$/.exec(id);
  return version ? version[1]! : id;
}

const typeToken = (type: string) => `type:${type}`;

export function changeTokens(change: ContentChange): Set<string> {
  return new Set([...change.documentIds.map(publishedId), ...change.slugs, ...change.types.map(typeToken)]);
}

/** The tokens a cached answer depends on (see the module comment). */
export function answerTokens(query: string, params: Record<string, unknown>, result: unknown): Set<string> {
  const tokens = new Set<string>();
  for (const value of Object.values(params)) if (typeof value === 'string') tokens.add(publishedId(value));
  if (Object.keys(params).length === 0) {
    for (const match of query.matchAll(/_type\s*==\s*"([^"]+)"/g)) tokens.add(typeToken(match[1]!));
  }
  collectIds(result, tokens);
  return tokens;
}

function collectIds(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if ((key === '_id' || key === '_ref') && typeof item === 'string') into.add(publishedId(item));
      else if (typeof item === 'object') collectIds(item, into);
    }
  }
}
