import type { APIRoute } from 'astro';
import { readUpload } from '../../../../../../src/cases/attachment-store.ts';
import { env } from '../../../../../../src/env.ts';
import { loadStatusPage } from '../../../../../lib/status-page.ts';

/**
 * A complainant's own file, to them alone: the case session must open this case, and the
 * file must be one they uploaded to it. Anything else is a 404 that reveals nothing.
 */
export const GET: APIRoute = async (context) => {
  const data = await loadStatusPage(context);
  const file = data?.loaded.attachments.find((a) => a.id === context.params.id && a.uploadedBy === 'complainant');
  if (!data || !file) return new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
  const bytes = await readUpload(env().DATA_DIR, file.storageName);
  const name = file.originalName.replace(/["\\\r\n]/g, '_');
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};
