/** Where content comes from: the local dataset or a Sanity project. Both run the same GROQ. */
export interface ContentSource {
  readonly kind: 'local' | 'sanity';
  /** Runs a GROQ query; rejects when the source cannot answer (unreachable, bad data). */
  fetch<T>(query: string, params?: Record<string, unknown>): Promise<T>;
  /** Registers a listener called when the source knows its content changed. */
  onChange(listener: () => void): void;
  close(): void;
}
