import type { Span } from './text-lines.ts';

export type { Span } from './text-lines.ts';

/** A list: each item is inline text, and may hold a nested list. */
export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: { spans: Span[]; list?: ListBlock }[];
}

/** A table of plain cells; `header` is the row of column headers, when there is one. */
export interface TableBlock {
  type: 'table';
  caption?: string;
  header?: string[];
  rows: string[][];
}

/** What a tagged PDF is made of: each block becomes one structure element (H1, P, L, Table). */
export type Block =
  { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; spans: Span[] } | { type: 'paragraph'; spans: Span[]; emphasis?: 'note' | 'meta' } | ListBlock | TableBlock;

/** A document to render: its blocks and everything its metadata and pages need. */
export interface PdfDocumentSpec {
  /** BCP 47 language of the text (the catalog's /Lang). */
  lang: string;
  direction: 'ltr' | 'rtl';
  title: string;
  author: string;
  subject?: string;
  /** Repeated at the top of every page after the first, as an artifact. */
  runningHeader?: string;
  /** The page number line at the foot of each page, as an artifact. */
  pageLabel: (page: number, pages: number) => string;
  blocks: Block[];
}
