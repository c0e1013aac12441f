export { renderCodePdf, type CodePdfInput } from './code-document.ts';
