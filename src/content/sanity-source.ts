import { createClient } from '@sanity/client';
import type { ContentSource } from './source.ts';

export interface SanitySourceOptions {
  projectId: string;
  dataset: string;
  apiVersion: string;
  token?: string;
  /** Milliseconds to wait for Sanity before treating it as unreachable. */
  timeoutMs?: number;
}

/**
 * Sanity as the content source: published documents only, through the CDN unless a token
 * is given (tokens must not go through the shared CDN cache).
 */
export function createSanitySource(options: SanitySourceOptions): ContentSource {
  const client = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: options.apiVersion,
    token: options.token,
    useCdn: !options.token,
    perspective: 'published',
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
