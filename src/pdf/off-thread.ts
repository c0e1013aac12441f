import { Worker } from 'node:worker_threads';
import { translator, type Locale } from '../i18n/index.ts';
import type { CodePdfInput } from './code-document.ts';

/** A code PDF to render: its input, with the page numbers' words named by their language. */
export type CodePdfRequest = Omit<CodePdfInput, 'pageLabel'> & { labelLanguage: Locale };

/** "Page 2 of 5" in an interface language. */
export function pageLabelIn(language: Locale): CodePdfInput['pageLabel'] {
  const t = translator(language);
  return (page, pages) => t('pdf.pageNumber', { page, pages });
}

interface Waiting {
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null | undefined;
const waiting = new Map<number, Waiting>();
let nextId = 1;

function failAll(error: Error) {
  for (const request of waiting.values()) request.reject(error);
  waiting.clear();
}

function startWorker(): Worker | null {
  let started: Worker;
  try {
    // Through the package's own "#src" import map, so the built server (dist/server/chunks)
    // finds the same file as the sources do.
    started = new Worker(new URL(import.meta.resolve('#src/pdf/render-worker.ts')));
  } catch {
    return null;
  }
  // Never what keeps a stopping process alive.
  started.unref();
  started.on('message', (message: { id: number; bytes?: Uint8Array; error?: string }) => {
    const request = waiting.get(message.id);
    if (!request) return;
    waiting.delete(message.id);
    if (message.bytes) request.resolve(message.bytes);
    else request.reject(new Error(message.error ?? 'the PDF could not be made'));
  });
  const lost = (error: Error) => {
    if (worker === started) worker = undefined; // the next PDF starts another
    failAll(error);
  };
  started.on('error', lost);
  started.on('exit', (code) => lost(new Error(`the PDF worker stopped (${code})`)));
  return started;
}

/**
 * Renders a code PDF on a worker thread. pdfkit lays a document out synchronously, 0.2 s to
 * 3 s of CPU (the first one in a process is the slowest): on the server's own thread every
 * other request waited for it, so a published change to a code held up each process's pages
 * while its new PDF was made. Where no worker can start, the PDF is made here as before.
 */
export function renderCodePdfOffThread(request: CodePdfRequest): Promise<Uint8Array> {
  if (worker === undefined) worker = startWorker();
  // pdfkit is loaded only here, so that the server's own thread never spends time loading it.
  if (!worker) return import('./code-document.ts').then(({ renderCodePdf }) => renderCodePdf({ ...request, pageLabel: pageLabelIn(request.labelLanguage) }));
  const id = nextId++;
  const target = worker;
  return new Promise<Uint8Array>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    target.postMessage({ id, request });
  });
}
