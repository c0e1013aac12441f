import { describe, expect, it } from 'vitest';
import { openingStatus, type OpeningHours, type OrgCalendar } from '#src/calendar/index.ts';

const london: OrgCalendar = { timeZone: 'Europe/London', country: 'GB', region: 'ENG' };
const officeHours: OpeningHours = {
  periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:30', closes: '17:30' }],
  closedOnPublicHolidays: true,
};

type Expected = { open: true; closesAt: string } | { open: false; nextOpening: string | null };

function status(hours: OpeningHours, cal: OrgCalendar, now: string) {
  const result = openingStatus(hours, cal, new Date(now));
  return result.open ? { open: true, closesAt: result.closesAt.toISOString() } : { open: false, nextOpening: result.nextOpening?.toISOString() ?? null };
}

function expected(e: Expected) {
  if (e.open) return { open: true, closesAt: new Date(e.closesAt).toISOString() };
  return { open: false, nextOpening: e.nextOpening === null ? null : new Date(e.nextOpening).toISOString() };
}

describe('openingStatus, 08:30-17:30 Monday to Friday in London, closed on public holidays', () => {
  it.each<{ now: string; when: string; is: Expected }>([
    { now: '2026-06-10T17:29:00+01:00', when: 'a Wednesday at 17:29', is: { open: true, closesAt: '2026-06-10T17:30:00+01:00' } },
    { now: '2026-06-10T08:30:00+01:00', when: 'a Wednesday at 08:30 sharp', is: { open: true, closesAt: '2026-06-10T17:30:00+01:00' } },
    { now: '2026-06-10T17:30:00+01:00', when: 'a Wednesday at 17:30 sharp', is: { open: false, nextOpening: '2026-06-11T08:30:00+01:00' } },
    { now: '2026-06-10T17:31:00+01:00', when: 'a Wednesday at 17:31', is: { open: false, nextOpening: '2026-06-11T08:30:00+01:00' } },
    { now: '2026-06-10T07:00:00+01:00', when: 'a Wednesday at 07:00', is: { open: false, nextOpening: '2026-06-10T08:30:00+01:00' } },
    { now: '2026-06-12T17:31:00+01:00', when: 'a Friday at 17:31', is: { open: false, nextOpening: '2026-06-15T08:30:00+01:00' } },
    { now: '2026-06-13T11:00:00+01:00', when: 'a Saturday', is: { open: false, nextOpening: '2026-06-15T08:30:00+01:00' } },
    {
      now: '2026-12-24T17:31:00+00:00',
      when: 'Thursday 24 December 2026 at 17:31, before Christmas and the Boxing Day substitute',
      is: { open: false, nextOpening: '2026-12-29T08:30:00+00:00' },
    },
    {
      now: '2026-04-02T18:00:00+01:00',
      when: 'Maundy Thursday evening, before the Easter weekend',
      is: { open: false, nextOpening: '2026-04-07T08:30:00+01:00' },
    },
    { now: '2026-03-27T17:31:00+00:00', when: 'the Friday before the clocks go forward', is: { open: false, nextOpening: '2026-03-30T08:30:00+01:00' } },
    { now: '2026-10-23T17:31:00+01:00', when: 'the Friday before the clocks go back', is: { open: false, nextOpening: '2026-10-26T08:30:00+00:00' } },
  ])('on $when', ({ now, is }) => {
    expect(status(officeHours, london, now)).toEqual(expected(is));
  });
});

describe('openingStatus with other hours and calendars', () => {
  const openOnHolidays: OpeningHours = { ...officeHours, closedOnPublicHolidays: false };
  const split: OpeningHours = {
    periods: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '12:00' },
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '13:00', closes: '17:00' },
      { days: ['sat'], opens: '10:00', closes: '14:00' },
    ],
    closedOnPublicHolidays: true,
  };
  const roundTheClock: OpeningHours = {
    periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], opens: '00:00', closes: '24:00' }],
    closedOnPublicHolidays: false,
  };
  const christmasClosure: OrgCalendar = { ...london, closures: [{ from: '2026-12-21', to: '2026-12-24' }] };
  const budapest: OrgCalendar = { timeZone: 'Europe/Budapest', country: 'HU' };

  it.each<{ hours: OpeningHours; cal: OrgCalendar; now: string; when: string; is: Expected }>([
    {
      hours: openOnHolidays,
      cal: london,
      now: '2026-04-03T10:00:00+01:00',
      when: 'a line open on holidays is open on Good Friday',
      is: { open: true, closesAt: '2026-04-03T17:30:00+01:00' },
    },
    {
      hours: officeHours,
      cal: london,
      now: '2026-04-03T10:00:00+01:00',
      when: 'a line closed on holidays is closed on Good Friday until Tuesday',
      is: { open: false, nextOpening: '2026-04-07T08:30:00+01:00' },
    },
    {
      hours: officeHours,
      cal: christmasClosure,
      now: '2026-12-18T17:31:00+00:00',
      when: "the organisation's closure and Christmas keep it shut from Friday 18 to Tuesday 29 December",
      is: { open: false, nextOpening: '2026-12-29T08:30:00+00:00' },
    },
    {
      hours: split,
      cal: london,
      now: '2026-06-10T12:30:00+01:00',
      when: 'a lunch break: closed until 13:00',
      is: { open: false, nextOpening: '2026-06-10T13:00:00+01:00' },
    },
    {
      hours: split,
      cal: london,
      now: '2026-06-10T11:00:00+01:00',
      when: 'a morning period closes at noon',
      is: { open: true, closesAt: '2026-06-10T12:00:00+01:00' },
    },
    {
      hours: split,
      cal: london,
      now: '2026-06-12T17:00:00+01:00',
      when: 'Friday evening, a Saturday period opens next',
      is: { open: false, nextOpening: '2026-06-13T10:00:00+01:00' },
    },
    {
      hours: split,
      cal: london,
      now: '2026-08-29T15:00:00+01:00',
      when: 'Saturday before the summer bank holiday: next opening Tuesday',
      is: { open: false, nextOpening: '2026-09-01T09:00:00+01:00' },
    },
    {
      hours: officeHours,
      cal: budapest,
      now: '2026-10-22T17:31:00+02:00',
      when: 'Budapest on the eve of 23 October, a Friday holiday',
      is: { open: false, nextOpening: '2026-10-26T08:30:00+01:00' },
    },
    {
      hours: officeHours,
      cal: budapest,
      now: '2026-12-24T12:00:00+01:00',
      when: 'Budapest on 24 December 2026, which is no public holiday',
      is: { open: true, closesAt: '2026-12-24T17:30:00+01:00' },
    },
    {
      hours: roundTheClock,
      cal: london,
      now: '2026-06-10T03:00:00+01:00',
      when: 'a round-the-clock line runs on to the end of the 14-day horizon',
      is: { open: true, closesAt: '2026-06-25T00:00:00+01:00' },
    },
    {
      hours: { periods: [], closedOnPublicHolidays: true },
      cal: london,
      now: '2026-06-10T12:00:00+01:00',
      when: 'hours with no periods never open',
      is: { open: false, nextOpening: null },
    },
    {
      hours: officeHours,
      cal: { ...london, closures: [{ from: '2026-06-01', to: '2026-07-31' }] },
      now: '2026-06-10T12:00:00+01:00',
      when: 'a closure longer than the search horizon',
      is: { open: false, nextOpening: null },
    },
  ])('$when', ({ hours, cal, now, is }) => {
    expect(status(hours, cal, now)).toEqual(expected(is));
  });

  it('rejects a period that closes before it opens', () => {
    const overnight: OpeningHours = { periods: [{ days: ['mon'], opens: '22:00', closes: '02:00' }], closedOnPublicHolidays: false };
    expect(() => openingStatus(overnight, london, new Date('2026-06-08T12:00:00Z'))).toThrow(/split a period past midnight/);
  });
});
