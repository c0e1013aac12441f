import type { APIRoute } from 'astro';
import { readUpload } from '../../../../../../src/cases/attachment-store.ts';
import { env } from '../../../../../../src/env.ts';
import { database } from '../../../../../lib/runtime.ts';
import { loadStaffCase } from '../../../../../lib/staff.ts';

const notFound = () => new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });

/**
 * A file of a case, to a member of staff of the case's organisation only: the file must belong
 * to that very case. Anything else is a 404 that reveals nothing. Always a download, never
 * rendered in the back office's origin.
 */
export const GET: APIRoute = async (context) => {
  const user = context.locals.staff;
  if (!user) return notFound();
  const { db } = await database();
  const loaded = await loadStaffCase(db, user, context.params.id);
  const file = loaded?.attachments.find((a) => a.id === context.params.file);
  if (!loaded || !file) return notFound();
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
