import Holidays from 'date-holidays';
import { addDays, parseLocalDate } from './local-date.ts';
import type { OrgCalendar } from './types.ts';

// What date-holidays 3.37 gives, checked against the law for the countries Redress serves
// (the tests in test/calendar/public-holiday.test.ts pin each point):
// - GB/ENG matches the bank holidays on gov.uk, substitute days included (28 December 2026).
// - HU: Labour Code §102(1) lists 11 days. The library also types Easter Sunday and Whit Sunday as
//   public; both are Sundays, so only a Sunday business week would notice. 24 December is
//   'optional', not public: in law it is not a public holiday, but the yearly decree on working
//   days (10/2025 NGM for 2026) makes Thu 24 December 2026, Fri 2 January and Fri 21 August 2026
//   rest days, worked on Saturdays 12 December, 10 January and 8 August. The library knows
//   nothing of these transfers; an organisation that follows them records them as closures.
// - TN: Presidential decree 2021-223 moved Revolution Day from 14 January to 17 December and
//   gives three days for Eid al-Fitr and two for Eid al-Adha. The library still lists 14 January,
//   lacks 17 December, and gives one calculated day per Eid: `lawCorrections` below puts the law
//   back (Eid al-Fitr 2026: 20 March only,
//   the same day as Independence Day; the days off announced were 20-22 March 2026). Islamic
//   dates are announced by the Mufti on sighting the moon and may differ from the calculation by
//   a day. The fixed days 1 January, 20 March, 9 April, 1 May, 25 July, 13 August and 15 October
//   are listed, as the decree has them.

/**
 * Where the law and date-holidays part, the law wins. Each correction adjusts one country's
 * year of public holidays (date → name) after the library has filled it.
 */
const lawCorrections: Record<string, (year: number, byDate: Map<string, string[]>, rules: Map<string, string>) => void> = {
  // Tunisia, presidential decree 2021-223: Revolution Day is 17 December (no longer 14 January),
  // Eid al-Fitr is three days off and Eid al-Adha two, from the calculated first day.
  TN: (year, byDate, rules) => {
    if (year < 2022) return;
    byDate.delete(`${year}-01-14`);
    byDate.set(`${year}-12-17`, [...(byDate.get(`${year}-12-17`) ?? []), 'عيد الثورة']);
    const extend = (rule: string, extraDays: number) => {
      const first = rules.get(rule);
      if (!first) return;
      const name = 'عيد';
      for (let i = 1; i <= extraDays; i++) {
        const date = addDays(first, i);
        if (!date.startsWith(String(year))) continue;
        byDate.set(date, [...(byDate.get(date) ?? []), byDate.get(first)?.find((n) => n.startsWith(name)) ?? name]);
      }
    };
    extend('1 Shawwal', 2);
    extend('10 Dhu al-Hijjah', 1);
  },
};

const instances = new Map<string, Holidays>();
const years = new Map<string, ReadonlyMap<string, string>>();

function holidaysFor(country: string, region: string | undefined): Holidays {
  const key = `${country}|${region ?? ''}`;
  let hd = instances.get(key);
  if (!hd) {
    // date-holidays silently returns no holidays for an unknown country and the country's for an
    // unknown region; both are configuration mistakes that would quietly shorten every deadline.
    const catalogue = new Holidays();
    if (!(country in catalogue.getCountries())) {
      throw new RangeError(`Unknown country "${country}" for public holidays: use an ISO 3166-1 alpha-2 code date-holidays knows, such as GB, HU or TN`);
    }
    if (region !== undefined && !(region in (catalogue.getStates(country) ?? {}))) {
      throw new RangeError(`Unknown region "${region}" in ${country} for public holidays: use a date-holidays state code (ENG for England and Wales)`);
    }
    hd = region === undefined ? new Holidays(country) : new Holidays(country, region);
    instances.set(key, hd);
  }
  return hd;
}

function publicHolidaysOf(country: string, region: string | undefined, year: number): ReadonlyMap<string, string> {
  const key = `${country}|${region ?? ''}|${year}`;
  let byDate = years.get(key);
  if (!byDate) {
    const names = new Map<string, string[]>();
    const rules = new Map<string, string>();
    for (const holiday of holidaysFor(country, region).getHolidays(year)) {
      // Only days off by law; 'bank', 'optional', 'school' and 'observance' are not.
      if (holiday.type !== 'public') continue;
      // `date` is the local date, then a time and sometimes an offset: Islamic holidays begin at
      // the previous sunset ("2026-03-20 00:00:00 -0600"), but the day off is the named date.
      const date = holiday.date.slice(0, 10);
      names.set(date, [...(names.get(date) ?? []), holiday.name]);
      rules.set(holiday.rule, date);
    }
    lawCorrections[country]?.(year, names, rules);
    byDate = new Map([...names].map(([date, list]) => [date, list.join(' / ')]));
    years.set(key, byDate);
  }
  return byDate;
}

/**
 * The public holiday on a local date (YYYY-MM-DD) in the organisation's country and region, or null.
 *
 * Only date-holidays' type 'public' counts, substitute days included (Boxing Day moved to Monday
 * 28 December 2026 in England and Wales). Names are in the country's first language; two holidays
 * on one day are joined with " / ". Results are cached per country, region and year.
 * Throws a RangeError for a country or region date-holidays does not know.
 */
export function publicHoliday(localDate: string, cal: OrgCalendar): { name: string } | null {
  const { year } = parseLocalDate(localDate);
  const name = publicHolidaysOf(cal.country, cal.region, year).get(localDate);
  return name === undefined ? null : { name };
}
