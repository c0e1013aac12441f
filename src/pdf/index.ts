// renderCodePdf loads pdfkit: the server renders through renderCodePdfOffThread, which does so
// on a worker thread.
export { renderCodePdf, type CodePdfInput } from './code-document.ts';
export { pageLabelIn, renderCodePdfOffThread, type CodePdfRequest } from './off-thread.ts';
