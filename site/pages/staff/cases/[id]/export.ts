import type { APIRoute } from 'astro';
import { roleIn } from '#src/auth/index.ts';
import { recordAudit } from '#src/auth/audit.ts';
import { complainantExport } from '#src/cases/complainant-export.ts';
import { database } from '../../../../lib/runtime.ts';
import { loadStaffCase } from '../../../../lib/staff.ts';

const notFound = () => new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });

/**
 * Everything the organisation holds about this case's complainant, as a JSON download, for a
 * subject access request. Managers and admins of the case's organisation only (a handler gets
 * 403; anyone else a 404 that reveals nothing); every export leaves an audit row.
 */
export const GET: APIRoute = async (context) => {
  const user = context.locals.staff;
  if (!user) return notFound();
  const { db } = await database();
  const loaded = await loadStaffCase(db, user, context.params.id);
  if (!loaded) return notFound();
  const role = roleIn(user, loaded.case.organisationId);
  if (role !== 'manager' && role !== 'admin') {
    return new Response('Only a manager or an admin can export a complainant’s data.', { status: 403, headers: { 'cache-control': 'no-store' } });
  }
  const now = new Date();
  const data = await complainantExport(db, loaded.case.id, now);
  if (!data) return notFound();
  await recordAudit(db, {
    actor: { type: 'staff', id: user.id },
    organisationId: loaded.case.organisationId,
    caseId: loaded.case.id,
    action: 'case.exported',
    details: { cases: data.cases.map((c) => c.reference) },
    clientKey: context.clientAddress,
    now,
  });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="complainant-${loaded.case.reference}.json"`,
      'cache-control': 'no-store',
    },
  });
};
