import type { OrgCalendar } from '../calendar/index.ts';
import type { OrganisationQueryResult } from '../content/sanity.types.ts';

type Organisation = NonNullable<OrganisationQueryResult>;

/**
 * An organisation's calendar from its content: time zone, country and region (whose public
 * holidays count), working week and its own closures. Every deadline and "open now" is
 * computed on this, so the pages and the case rules must read it the same way.
 */
export function organisationCalendar(org: Pick<Organisation, 'timeZone' | 'country' | 'region' | 'businessHours' | 'closures'>): OrgCalendar {
  return {
    timeZone: org.timeZone ?? 'UTC',
    country: org.country ?? '',
    region: org.region ?? undefined,
    businessHours: org.businessHours ?? undefined,
    // A closure being edited may have one end only; it closes nothing until it has both.
    closures: (org.closures ?? []).flatMap((c) => (c.from && c.to ? [{ from: c.from, to: c.to }] : [])),
  };
}
