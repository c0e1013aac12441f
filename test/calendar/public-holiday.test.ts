import { describe, expect, it } from 'vitest';
import { isBusinessDay, publicHoliday, type OrgCalendar } from '#src/calendar/index.ts';

const england: OrgCalendar = { timeZone: 'Europe/London', country: 'GB', region: 'ENG' };
const hungary: OrgCalendar = { timeZone: 'Europe/Budapest', country: 'HU' };
const tunisia: OrgCalendar = { timeZone: 'Africa/Tunis', country: 'TN' };

describe('public holidays in England and Wales, 2026', () => {
  it.each([
    { date: '2026-01-01', name: "New Year's Day" },
    { date: '2026-04-03', name: 'Good Friday' },
    { date: '2026-04-06', name: 'Easter Monday' },
    { date: '2026-05-04', name: 'Early May bank holiday' },
    { date: '2026-05-25', name: 'Spring bank holiday' },
    { date: '2026-08-31', name: 'Summer bank holiday' },
    { date: '2026-12-25', name: 'Christmas Day' },
    // 26 December 2026 is a Saturday, so the day off moves to Monday.
    { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
  ])('$date is $name', ({ date, name }) => {
    expect(publicHoliday(date, england)).toEqual({ name });
    expect(isBusinessDay(date, england)).toBe(false);
  });

  it.each([
    { date: '2026-12-24', why: 'Christmas Eve is a working day' },
    { date: '2026-12-29', why: 'the day after the Boxing Day substitute is a working day' },
    { date: '2026-04-02', why: 'Maundy Thursday is a working day' },
    { date: '2026-04-05', why: 'Easter Sunday is only an observance' },
    { date: '2026-03-15', why: 'Mothering Sunday is only an observance' },
  ])('$date is not a public holiday: $why', ({ date }) => {
    expect(publicHoliday(date, england)).toBeNull();
  });

  it.each(['2026-12-24', '2026-12-29', '2026-04-02', '2026-04-07'])('%s is a business day', (date) => {
    expect(isBusinessDay(date, england)).toBe(true);
  });
});

describe('public holidays in Hungary, 2026', () => {
  // Labour Code (2012. évi I. törvény) §102(1): 1 January, 15 March, Good Friday, Easter Monday,
  // 1 May, Whit Monday, 20 August, 23 October, 1 November, 25-26 December.
  it.each([
    { date: '2026-01-01', name: 'Újév' },
    { date: '2026-03-15', name: '1848-as forradalom' },
    { date: '2026-04-03', name: 'Nagypéntek' },
    { date: '2026-04-06', name: 'Húsvéthétfő' },
    { date: '2026-05-01', name: 'A munka ünnepe' },
    { date: '2026-05-25', name: 'Pünkösdhétfő' },
    { date: '2026-08-20', name: 'Szent István ünnepe' },
    { date: '2026-10-23', name: '1956-os forradalom' },
    // A Sunday in 2026; Hungary moves no holiday off a weekend.
    { date: '2026-11-01', name: 'Mindenszentek' },
    { date: '2026-12-25', name: 'Karácsony' },
    { date: '2026-12-26', name: 'Karácsony másnapja' },
  ])('$date is $name, as the law says and the library gives', ({ date, name }) => {
    expect(publicHoliday(date, hungary)).toEqual({ name });
  });

  it.each([
    { date: '2026-04-05', name: 'Húsvétvasárnap' },
    { date: '2026-05-24', name: 'Pünkösdvasárnap' },
  ])('$date ($name) is public in the library though the law does not list it; it is a Sunday anyway', ({ date, name }) => {
    expect(publicHoliday(date, hungary)).toEqual({ name });
  });

  it('2026-11-02 is a business day: no substitute for All Saints on a Sunday', () => {
    expect(isBusinessDay('2026-11-02', hungary)).toBe(true);
  });

  describe.each([
    { date: '2026-01-02', workedOn: '2026-01-10' },
    { date: '2026-08-21', workedOn: '2026-08-08' },
    { date: '2026-12-24', workedOn: '2026-12-12' },
  ])('$date, a rest day by decree 10/2025 NGM (worked on Saturday $workedOn)', ({ date, workedOn }) => {
    it('is not a public holiday, in law or in the library', () => {
      expect(publicHoliday(date, hungary)).toBeNull();
    });

    it('is a business day unless the organisation records it as a closure', () => {
      expect(isBusinessDay(date, hungary)).toBe(true);
      expect(isBusinessDay(date, { ...hungary, closures: [{ from: date, to: date }] })).toBe(false);
    });

    it('leaves the Saturday it is worked on outside a Monday-to-Friday week', () => {
      expect(isBusinessDay(workedOn, hungary)).toBe(false);
    });
  });
});

describe('public holidays in Tunisia, 2026', () => {
  it.each([
    { date: '2026-01-01', name: 'عيد رأس السنة', what: "New Year's Day" },
    // Eid al-Fitr by the library's calculation falls on Independence Day; both names are kept.
    { date: '2026-03-20', name: 'عيد الفطر / عيد الإستقلال', what: 'Eid al-Fitr and Independence Day' },
    { date: '2026-04-09', name: 'عيد الشهداء', what: "Martyrs' Day" },
    { date: '2026-05-01', name: 'يوم العمال', what: 'Labour Day' },
    { date: '2026-05-27', name: 'عيد الأضحى', what: 'Eid al-Adha (calculated)' },
    { date: '2026-06-16', name: 'رأس السنة الهجرية', what: 'Islamic New Year (calculated)' },
    { date: '2026-07-25', name: 'عيد الجمهورية', what: 'Republic Day' },
    { date: '2026-08-13', name: 'عيد المرأة', what: "Women's Day" },
    { date: '2026-08-25', name: 'المولد النبويّ', what: "the Prophet's Birthday (calculated)" },
    { date: '2026-10-15', name: 'عيد الجلاء', what: 'Evacuation Day' },
  ])('$date is $what', ({ date, name }) => {
    expect(publicHoliday(date, tunisia)).toEqual({ name });
  });

  // Where the library and the law part, the law wins (src/calendar/public-holiday.ts):
  // presidential decree 2021-223 moved Revolution Day to 17 December and grants three days of
  // Eid al-Fitr and two of Eid al-Adha from the calculated first day.
  it('no longer counts 14 January, which the 2021 decree abolished', () => {
    expect(publicHoliday('2026-01-14', tunisia)).toBeNull();
    expect(isBusinessDay('2026-01-14', tunisia)).toBe(true);
  });

  it.each([
    { date: '2026-12-17', name: 'عيد الثورة', what: 'Revolution Day since decree 2021-223' },
    { date: '2026-03-21', name: 'عيد الفطر', what: 'the second day of Eid al-Fitr' },
    { date: '2026-03-22', name: 'عيد الفطر', what: 'the third day of Eid al-Fitr' },
    { date: '2026-05-28', name: 'عيد الأضحى', what: 'the second day of Eid al-Adha' },
  ])('adds $date, $what', ({ date, name }) => {
    expect(publicHoliday(date, tunisia)).toEqual({ name });
    expect(isBusinessDay(date, tunisia)).toBe(false);
  });

  it('leaves 14 January of years before the decree as it was', () => {
    expect(publicHoliday('2021-01-14', tunisia)).toEqual({ name: 'عيد الثورة و الشباب' });
  });
});

describe('isBusinessDay', () => {
  const sixDays: OrgCalendar = {
    ...england,
    businessHours: { periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], opens: '09:00', closes: '13:00' }], closedOnPublicHolidays: false },
    closures: [{ from: '2026-08-10', to: '2026-08-14' }],
  };

  it.each([
    { cal: england, date: '2026-06-13', expected: false, why: 'a Saturday is not a business day without businessHours' },
    { cal: england, date: '2026-06-12', expected: true, why: 'a Friday is a business day without businessHours' },
    { cal: sixDays, date: '2026-06-13', expected: true, why: 'a Saturday is a business day when businessHours open on Saturdays' },
    { cal: sixDays, date: '2026-06-14', expected: false, why: 'a Sunday is not when businessHours do not open on Sundays' },
    { cal: sixDays, date: '2026-08-31', expected: false, why: 'a public holiday never is, even when the organisation opens on holidays' },
    { cal: sixDays, date: '2026-08-10', expected: false, why: 'the first day of a closure is not' },
    { cal: sixDays, date: '2026-08-14', expected: false, why: 'the last day of a closure is not' },
    { cal: sixDays, date: '2026-08-15', expected: true, why: 'the day after a closure is' },
  ])('$date: $why', ({ cal, date, expected }) => {
    expect(isBusinessDay(date, cal)).toBe(expected);
  });

  it('rejects an unknown country rather than finding no holidays', () => {
    expect(() => isBusinessDay('2026-06-01', { timeZone: 'UTC', country: 'XX' })).toThrow(/Unknown country "XX"/);
  });

  it('rejects an unknown region rather than falling back to the country', () => {
    expect(() => publicHoliday('2026-06-01', { timeZone: 'Europe/London', country: 'GB', region: 'EAW' })).toThrow(/Unknown region "EAW"/);
  });
});
