export { renderCodePdf, codePdfSpec, type CodePdfInput } from './code-document.ts';
export { renderPdf } from './render-document.ts';
export { portableTextBlocks } from './portable-text-blocks.ts';
export type { Block, PdfDocumentSpec, Span } from './blocks.ts';
