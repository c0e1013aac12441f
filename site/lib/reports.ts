import type { Membership, StaffUser } from '#src/auth/index.ts';
import { addDays, formatLocalDate, zonedTime } from '#src/calendar/index.ts';
import type { FieldError } from '#src/forms/validate.ts';
import type { Translate } from '#src/i18n/index.ts';

/** The organisations whose reports a member of staff may see: where they manage or administer. */
export const reportingMemberships = (user: StaffUser | null | undefined): Membership[] =>
  (user?.memberships ?? []).filter((m) => m.role === 'manager' || m.role === 'admin');

export interface ReportForm {
  org: string;
  from: string;
  to: string;
}

export type ReportQuery = { ok: true; form: ReportForm; membership: Membership; from: Date; to: Date } | { ok: false; form: ReportForm; errors: FieldError[] };

const MAX_DAYS = 731;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as YYYY-MM-DD, or null. */
function validDate(text: string): string | null {
  const match = isoDate.exec(text);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2100 ? text : null;
}

/** The form's starting values: the month before last to today (UTC dates are close enough for a default). */
export function defaultReportForm(memberships: readonly Membership[], now: Date): ReportForm {
  const today = formatLocalDate({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() });
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  return {
    org: memberships[0]?.organisationSlug ?? '',
    from: formatLocalDate({ year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: 1 }),
    to: today,
  };
}

/**
 * Reads `org` (an organisation slug), `from` and `to` (first and last day, YYYY-MM-DD,
 * inclusive) of a report request. `org` must be one of the member's reporting memberships;
 * the days become instants in the organisation's time zone (`timeZoneOf`). Errors are
 * localised messages keyed by field, for the GOV.UK error summary.
 */
export function readReportQuery(
  params: URLSearchParams,
  memberships: readonly Membership[],
  timeZoneOf: (membership: Membership) => string,
  t: Translate,
): ReportQuery {
  const form = {
    org: (params.get('org') ?? '').trim().slice(0, 80),
    from: (params.get('from') ?? '').trim().slice(0, 20),
    to: (params.get('to') ?? '').trim().slice(0, 20),
  };
  const errors: FieldError[] = [];
  const membership = memberships.find((m) => m.organisationSlug === form.org);
  if (!membership) errors.push({ key: 'org', message: t('staff.reports.error.organisation') });
  const fromDate = validDate(form.from);
  const toDate = validDate(form.to);
  if (!fromDate) errors.push({ key: 'from', message: t('staff.reports.error.from') });
  if (!toDate) errors.push({ key: 'to', message: t('staff.reports.error.to') });
  if (fromDate && toDate) {
    const days = (Date.parse(toDate) - Date.parse(fromDate)) / 86_400_000;
    if (days < 0) errors.push({ key: 'to', message: t('staff.reports.error.order') });
    else if (days > MAX_DAYS) errors.push({ key: 'to', message: t('staff.reports.error.range') });
  }
  if (errors.length > 0 || !membership || !fromDate || !toDate) return { ok: false, form, errors };
  const timeZone = timeZoneOf(membership);
  return { ok: true, form, membership, from: zonedTime(fromDate, '00:00', timeZone), to: zonedTime(addDays(toDate, 1), '00:00', timeZone) };
}
