import { openUpload } from '#src/cases/attachment-store.ts';
import type { Db } from '#src/db/index.ts';
import { withoutBidiControls } from '#src/security/bidi.ts';

/**
 * An uploaded file as a download, streamed from the case store: its detected type, never
 * sniffed, never cached, always an attachment (so a file is never rendered in the site's
 * origin), its name made safe. A record whose bytes are missing is a 404.
 */
export async function fileDownload(db: Db, file: { id: string; originalName: string; mimeType: string }): Promise<Response> {
  const opened = await openUpload(db, file.id);
  if (!opened) return new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
  // Bidi controls would let `invoice\u202Efdp.exe` save under a name that reads as a PDF.
  const name = withoutBidiControls(file.originalName).replace(/["\\\r\n]/g, '_');
  return new Response(opened.stream, {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(opened.size),
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
