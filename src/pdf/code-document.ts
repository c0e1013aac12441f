import type { Block, PdfDocumentSpec } from './blocks.ts';
import { portableTextBlocks } from './portable-text-blocks.ts';
import { renderPdf } from './render-document.ts';

/** What the complaints code page shows, in the words of one language, ready for a PDF. */
export interface CodePdfInput {
  /** BCP 47 language of the code (and of the interface words given here). */
  lang: string;
  direction: 'ltr' | 'rtl';
  title: string;
  organisation: string;
  summary?: string;
  /** "Version 1.0 · in force from 1 January 2026" */
  versionLine: string;
  /** Notes the page shows above the text: a translation, an earlier version. */
  notices: string[];
  /** Portable Text. */
  body: unknown;
  /** The site's public origin, to make the code's own relative links absolute. */
  baseUrl: string;
  pageLabel: (page: number, pages: number) => string;
}

/** The code page as PDF blocks: title, organisation, version, notices, then the body. */
function codePdfSpec(input: CodePdfInput): PdfDocumentSpec {
  const blocks: Block[] = [
    { type: 'heading', level: 1, spans: [{ text: input.title }] },
    { type: 'paragraph', spans: [{ text: input.organisation }], emphasis: 'meta' },
    { type: 'paragraph', spans: [{ text: input.versionLine }], emphasis: 'meta' },
    ...input.notices.map((notice): Block => ({ type: 'paragraph', spans: [{ text: notice }], emphasis: 'note' })),
    ...portableTextBlocks(input.body, { baseUrl: input.baseUrl }),
  ];
  return {
    lang: input.lang,
    direction: input.direction,
    title: input.title,
    author: input.organisation,
    subject: input.summary,
    runningHeader: `${input.organisation} – ${input.title}`,
    pageLabel: input.pageLabel,
    blocks,
  };
}

/** The complaints code as a tagged PDF. */
export function renderCodePdf(input: CodePdfInput): Promise<Uint8Array> {
  return renderPdf(codePdfSpec(input));
}
