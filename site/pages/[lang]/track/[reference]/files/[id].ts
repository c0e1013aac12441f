import type { APIRoute } from 'astro';
import { fileDownload } from '../../../../../lib/file-response.ts';
import { loadStatusPage } from '../../../../../lib/status-page.ts';
import { database } from '../../../../../lib/runtime.ts';

/**
 * A complainant's own file, to them alone: the case session must open this case, and the
 * file must be one they uploaded to it. Anything else is a 404 that reveals nothing.
 */
export const GET: APIRoute = async (context) => {
  const data = await loadStatusPage(context);
  const file = data?.loaded.attachments.find((a) => a.id === context.params.id && a.uploadedBy === 'complainant');
  if (!data || !file) return new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
  const { db } = await database();
  return fileDownload(db, file);
};
