// The worker thread behind renderCodePdfOffThread (off-thread.ts): renders each code PDF it
// is sent and hands the bytes back without copying them.
import { parentPort } from 'node:worker_threads';
import { renderCodePdf } from './code-document.ts';
import { pageLabelIn, type CodePdfRequest } from './off-thread.ts';

parentPort!.on('message', async ({ id, request }: { id: number; request: CodePdfRequest }) => {
  try {
    const bytes = await renderCodePdf({ ...request, pageLabel: pageLabelIn(request.labelLanguage) });
    parentPort!.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
