import type { APIRoute } from 'astro';
import { fileDownload } from '../../../../../lib/file-response.ts';
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
  return fileDownload(db, file);
};
