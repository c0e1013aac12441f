import { readUpload } from '../../src/cases/attachment-store.ts';
import { env } from '../../src/env.ts';
import { withoutBidiControls } from '../../src/security/bidi.ts';

/**
 * An uploaded file as a download: its detected type, never sniffed, never cached, always
 * an attachment (so a file is never rendered in the site's origin), its name made safe.
 */
export async function fileDownload(file: { storageName: string; originalName: string; mimeType: string }): Promise<Response> {
  const bytes = await readUpload(env().DATA_DIR, file.storageName);
  // Bidi controls would let `invoice\u202Efdp.exe` save under a name that reads as a PDF.
  const name = withoutBidiControls(file.originalName).replace(/["\\\r\n]/g, '_');
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
