import type { APIRoute } from 'astro';
import { recordAudit } from '#src/auth/index.ts';
import { caseExport, caseExportColumns, toCsv } from '#src/reports/index.ts';
import { database } from '../../../lib/runtime.ts';
import { loadOrganisationPage } from '../../../lib/organisation-page.ts';
import { readReportQuery, reportingMemberships } from '../../../lib/reports.ts';

const notFound = () => new Response(null, { status: 404, statusText: 'Not Found' });

/**
 * The regulators' record of one organisation's cases received from `from` to `to` (days,
 * inclusive, in the organisation's time zone), as a CSV attachment. Managers and admins of
 * that organisation only: anyone else, or another organisation, gets a 404. Each download
 * is written to the audit log.
 */
export const GET: APIRoute = async (context) => {
  const user = context.locals.staff;
  if (!user) return context.redirect('/staff/sign-in', 303);
  const memberships = reportingMemberships(user);
  const asked = memberships.find((m) => m.organisationSlug === context.url.searchParams.get('org'));
  if (!asked) return notFound();
  const page = await loadOrganisationPage(asked.organisationSlug, context.locals.lang);
  if (!page) return notFound();
  const query = readReportQuery(context.url.searchParams, [asked], () => page.calendar.timeZone, context.locals.t);
  if (!query.ok) {
    return new Response(query.errors.map((e) => e.message).join('\n'), {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const { db } = await database();
  const now = new Date();
  const rows = await caseExport(db, { organisationIds: [asked.organisationId], from: query.from, to: query.to });
  await recordAudit(db, {
    actor: { type: 'staff', id: user.id },
    organisationId: asked.organisationId,
    action: 'reports.caseExport',
    details: { from: query.form.from, to: query.form.to, rows: rows.length },
    clientKey: context.clientAddress,
    now,
  });
  const filename = `redress-${asked.organisationSlug}-${query.form.from}-${query.form.to}.csv`;
  return new Response(toCsv(rows, caseExportColumns), {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
};
