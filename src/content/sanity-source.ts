import { createClient } from '@sanity/client';
import type { ContentSource } from './source.ts';

export interface SanitySourceOptions {
  projectId: string;
  dataset: string;
  apiVersion: string;
  token?: string;
  /**
   * 'published' for the public site; 'drafts' for editors' preview (drafts over published
   * documents, which needs a token that may read drafts).
   */
  perspective?: 'published' | 'drafts';
  /**
   * Another origin for the query API (a test server, a self-hosted proxy). The project id
   * then goes in a header instead of the host name, as @sanity/client does for custom hosts.
   */
  apiHost?: string;
  /**
   * Read through Sanity's CDN. Off when a webhook keeps the cache exact: the CDN may answer
   * with the old document for a moment after publishing, just when the webhook asks again.
   */
  useCdn?: boolean;
  /** Milliseconds to wait for Sanity before treating it as unreachable. */
  timeoutMs?: number;
}

/** Sanity as the content source, in the published or the drafts perspective. */
export function createSanitySource(options: SanitySourceOptions): ContentSource {
  const perspective = options.perspective ?? 'published';
  const client = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: options.apiVersion,
    token: options.token,
    // Tokens must not go through the shared CDN cache, and drafts are never on the CDN.
    useCdn: (options.useCdn ?? true) && !options.token && perspective === 'published',
    perspective,
    ...(options.apiHost ? { apiHost: options.apiHost, useProjectHostname: false } : {}),
    timeout: options.timeoutMs ?? 5_000,
    maxRetries: 1,
  });
  const listeners = new Set<() => void>();
  return {
    kind: 'sanity',
    fetch<T>(query: string, params: Record<string, unknown> = {}) {
      return client.fetch<T>(query, params);
    },
    onChange(listener) {
      listeners.add(listener);
    },
    close() {},
  };
}
