import { describe, expect, it } from 'vitest';
import { addDuration, type DurationUnit, type OpeningHours, type OrgCalendar } from '#src/calendar/index.ts';

const officeHours: OpeningHours = {
  periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:30', closes: '17:30' }],
  closedOnPublicHolidays: true,
};
const england: OrgCalendar = { timeZone: 'Europe/London', country: 'GB', region: 'ENG' };
const englishOffice: OrgCalendar = { ...england, businessHours: officeHours };
const budapest: OrgCalendar = { timeZone: 'Europe/Budapest', country: 'HU' };
const tunis: OrgCalendar = { timeZone: 'Africa/Tunis', country: 'TN' };

interface Row {
  from: string;
  amount: number;
  unit: DurationUnit;
  cal: OrgCalendar;
  to: string;
  why: string;
}

// Instants carry the offset the local clocks show, so rows read as local times.
const deadline = ({ from, amount, unit, cal }: Row) => addDuration(new Date(from), amount, unit, cal).toISOString();
const iso = (s: string) => new Date(s).toISOString();

describe('addDuration in hours', () => {
  it.each<Row>([
    {
      from: '2026-06-10T10:00:00+01:00',
      amount: 48,
      unit: 'hours',
      cal: england,
      to: '2026-06-12T10:00:00+01:00',
      why: '48 hours on an ordinary week is two days to the minute',
    },
    {
      from: '2026-10-24T12:00:00+01:00',
      amount: 48,
      unit: 'hours',
      cal: england,
      to: '2026-10-26T11:00:00+00:00',
      why: '48 hours across the October change ends at 11:00 GMT, an hour earlier on the clock',
    },
    {
      from: '2026-03-28T12:00:00+00:00',
      amount: 48,
      unit: 'hours',
      cal: england,
      to: '2026-03-30T13:00:00+01:00',
      why: '48 hours across the March change ends at 13:00 BST, an hour later on the clock',
    },
    {
      from: '2026-03-28T12:00:00+01:00',
      amount: 24,
      unit: 'hours',
      cal: budapest,
      to: '2026-03-29T13:00:00+02:00',
      why: '24 hours across the Budapest spring change ends at 13:00 CEST',
    },
    { from: '2026-06-10T10:00:00+01:00', amount: 1.5, unit: 'hours', cal: england, to: '2026-06-10T11:30:00+01:00', why: 'fractions of an hour count' },
  ])('$why', (row) => {
    expect(deadline(row)).toBe(iso(row.to));
  });
});

describe('addDuration in working hours, 08:30-17:30 Monday to Friday in England', () => {
  it.each<Row>([
    {
      from: '2026-06-08T08:30:00+01:00',
      amount: 24,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-06-10T14:30:00+01:00',
      why: 'from Monday 08:30, 24 hours are two 9-hour days and 6 hours of Wednesday',
    },
    {
      from: '2026-06-08T08:30:00+01:00',
      amount: 27,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-06-10T17:30:00+01:00',
      why: 'from Monday 08:30, 27 hours end at Wednesday closing, not Thursday opening',
    },
    {
      from: '2026-06-08T08:30:00+01:00',
      amount: 9,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-06-08T17:30:00+01:00',
      why: "a full day ends at that day's closing",
    },
    {
      from: '2026-06-16T12:00:00+01:00',
      amount: 24,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-06-19T09:00:00+01:00',
      why: 'from Tuesday midday, 5.5 + 9 + 9 hours leave half an hour on Friday',
    },
    {
      from: '2026-06-13T11:00:00+01:00',
      amount: 24,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-06-17T14:30:00+01:00',
      why: 'from a Saturday, counting starts at Monday 08:30',
    },
    {
      from: '2026-06-10T19:00:00+01:00',
      amount: 1,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-06-11T09:30:00+01:00',
      why: 'from after closing, counting starts at the next opening',
    },
    {
      from: '2026-08-28T16:00:00+01:00',
      amount: 24,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-09-03T13:00:00+01:00',
      why: 'from Friday 16:00 before the summer bank holiday, Monday 31 August does not count',
    },
    {
      from: '2026-04-02T16:00:00+01:00',
      amount: 24,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-04-09T13:00:00+01:00',
      why: 'from Maundy Thursday 16:00, neither Good Friday nor Easter Monday counts',
    },
    {
      from: '2026-12-24T16:00:00+00:00',
      amount: 2,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-12-29T09:00:00+00:00',
      why: 'from Christmas Eve 16:00, two hours end on Tuesday 29 December after the Boxing Day substitute',
    },
    {
      from: '2026-10-23T16:30:00+01:00',
      amount: 2,
      unit: 'workingHours',
      cal: englishOffice,
      to: '2026-10-26T09:30:00+00:00',
      why: 'across the October change, the hours are counted on local opening times',
    },
  ])('$why', (row) => {
    expect(deadline(row)).toBe(iso(row.to));
  });
});

describe('addDuration in working hours without businessHours (Monday to Friday 09:00-17:00 assumed)', () => {
  it.each<Row>([
    {
      from: '2026-06-08T09:00:00+01:00',
      amount: 24,
      unit: 'workingHours',
      cal: england,
      to: '2026-06-10T17:00:00+01:00',
      why: 'from Monday 09:00, 24 hours end at Wednesday 17:00, not Thursday 09:00',
    },
    {
      from: '2026-06-12T16:00:00+01:00',
      amount: 2,
      unit: 'workingHours',
      cal: england,
      to: '2026-06-15T10:00:00+01:00',
      why: 'one hour on Friday and one on Monday',
    },
    {
      from: '2026-06-08T12:00:00+01:00',
      amount: 0,
      unit: 'workingHours',
      cal: england,
      to: '2026-06-08T12:00:00+01:00',
      why: 'no working hours is the start itself',
    },
  ])('$why', (row) => {
    expect(deadline(row)).toBe(iso(row.to));
  });
});

describe('addDuration in business days', () => {
  it.each<Row>([
    {
      from: '2026-06-12T15:00:00+01:00',
      amount: 1,
      unit: 'businessDays',
      cal: englishOffice,
      to: '2026-06-15T17:30:00+01:00',
      why: 'one business day from a Friday ends at Monday closing',
    },
    {
      from: '2026-06-12T15:00:00+01:00',
      amount: 1,
      unit: 'businessDays',
      cal: england,
      to: '2026-06-15T23:59:59.999+01:00',
      why: 'without businessHours, one business day from a Friday ends at midnight on Monday',
    },
    {
      from: '2026-06-08T08:00:00+01:00',
      amount: 1,
      unit: 'businessDays',
      cal: englishOffice,
      to: '2026-06-09T17:30:00+01:00',
      why: 'the start day never counts, even a Monday received before opening',
    },
    {
      from: '2026-06-13T10:00:00+01:00',
      amount: 1,
      unit: 'businessDays',
      cal: englishOffice,
      to: '2026-06-15T17:30:00+01:00',
      why: 'from a Saturday, the first business day is Monday',
    },
    {
      from: '2026-12-18T10:00:00+00:00',
      amount: 10,
      unit: 'businessDays',
      cal: englishOffice,
      to: '2027-01-06T17:30:00+00:00',
      why: 'ten business days across Christmas 2026 skip 25 and 28 December and 1 January',
    },
    {
      from: '2026-12-18T10:00:00+00:00',
      amount: 10,
      unit: 'businessDays',
      cal: england,
      to: '2027-01-06T23:59:59.999+00:00',
      why: 'the same ten business days end at midnight without businessHours',
    },
    {
      from: '2026-12-18T10:00:00+00:00',
      amount: 4,
      unit: 'businessDays',
      cal: { ...englishOffice, closures: [{ from: '2026-12-24', to: '2026-12-31' }] },
      to: '2027-01-04T17:30:00+00:00',
      why: 'a closure from 24 to 31 December pushes the fourth business day to Monday 4 January',
    },
    {
      from: '2026-10-22T10:00:00+02:00',
      amount: 2,
      unit: 'businessDays',
      cal: budapest,
      to: '2026-10-27T23:59:59.999+01:00',
      why: 'in Budapest, 23 October does not count and the deadline is in CET after the change',
    },
    {
      from: '2026-03-19T10:00:00+01:00',
      amount: 1,
      unit: 'businessDays',
      cal: tunis,
      to: '2026-03-23T23:59:59.999+01:00',
      why: 'in Tunis, 20 March (Independence Day, Eid al-Fitr in the library) does not count',
    },
    {
      from: '2026-06-10T10:00:00+01:00',
      amount: 0,
      unit: 'businessDays',
      cal: englishOffice,
      to: '2026-06-10T17:30:00+01:00',
      why: 'zero business days end at the close of the start day',
    },
  ])('$why', (row) => {
    expect(deadline(row)).toBe(iso(row.to));
  });

  it('ends at the latest closing of the day when periods differ', () => {
    const cal: OrgCalendar = {
      ...england,
      businessHours: {
        periods: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '12:00' },
          { days: ['thu'], opens: '13:00', closes: '19:00' },
        ],
        closedOnPublicHolidays: true,
      },
    };
    expect(addDuration(new Date('2026-06-10T10:00:00+01:00'), 1, 'businessDays', cal).toISOString()).toBe(iso('2026-06-11T19:00:00+01:00'));
  });
});

describe('addDuration in calendar days', () => {
  it.each<Row>([
    {
      from: '2026-06-01T10:00:00+02:00',
      amount: 15,
      unit: 'calendarDays',
      cal: budapest,
      to: '2026-06-16T23:59:59.999+02:00',
      why: 'within 15 days of 1 June in Budapest is the end of 16 June',
    },
    {
      from: '2026-06-01T00:30:00+02:00',
      amount: 15,
      unit: 'calendarDays',
      cal: budapest,
      to: '2026-06-16T23:59:59.999+02:00',
      why: 'a complaint just after local midnight counts from its local date, though it is still 31 May in UTC',
    },
    {
      from: '2026-03-20T10:00:00+01:00',
      amount: 15,
      unit: 'calendarDays',
      cal: budapest,
      to: '2026-04-04T23:59:59.999+02:00',
      why: 'across the spring change the deadline is midnight CEST',
    },
    {
      from: '2026-10-15T10:00:00+02:00',
      amount: 15,
      unit: 'calendarDays',
      cal: budapest,
      to: '2026-10-30T23:59:59.999+01:00',
      why: 'across the autumn change the deadline is midnight CET',
    },
    {
      from: '2026-12-20T10:00:00+01:00',
      amount: 15,
      unit: 'calendarDays',
      cal: budapest,
      to: '2027-01-04T23:59:59.999+01:00',
      why: 'holidays and weekends count as calendar days',
    },
    {
      from: '2026-06-01T10:00:00+02:00',
      amount: 0,
      unit: 'calendarDays',
      cal: budapest,
      to: '2026-06-01T23:59:59.999+02:00',
      why: 'zero days end at the end of the start day',
    },
  ])('$why', (row) => {
    expect(deadline(row)).toBe(iso(row.to));
  });
});

describe('addDuration in weeks and months', () => {
  it.each<Row>([
    {
      from: '2026-09-07T10:00:00+01:00',
      amount: 8,
      unit: 'weeks',
      cal: england,
      to: '2026-11-02T10:00:00+00:00',
      why: '8 weeks across the October change in London keep 10:00 on the clock',
    },
    {
      from: '2026-03-16T10:00:00+00:00',
      amount: 2,
      unit: 'weeks',
      cal: england,
      to: '2026-03-30T10:00:00+01:00',
      why: '2 weeks across the March change in London keep 10:00 on the clock',
    },
    {
      from: '2026-10-18T09:00:00+02:00',
      amount: 1,
      unit: 'weeks',
      cal: budapest,
      to: '2026-10-25T09:00:00+01:00',
      why: 'a week ending on the Budapest autumn change day keeps 09:00 on the clock',
    },
    {
      from: '2026-03-22T02:30:00+01:00',
      amount: 1,
      unit: 'weeks',
      cal: budapest,
      to: '2026-03-29T03:30:00+02:00',
      why: 'a week landing in the Budapest spring gap moves forward to 03:30',
    },
    {
      from: '2026-10-18T01:30:00+01:00',
      amount: 1,
      unit: 'weeks',
      cal: england,
      to: '2026-10-25T01:30:00+01:00',
      why: 'a week landing on the repeated London hour takes the earlier 01:30',
    },
    {
      from: '2026-01-31T10:00:00+00:00',
      amount: 1,
      unit: 'months',
      cal: england,
      to: '2026-02-28T10:00:00+00:00',
      why: 'a month from 31 January is clamped to 28 February',
    },
    {
      from: '2028-01-31T10:00:00+00:00',
      amount: 1,
      unit: 'months',
      cal: england,
      to: '2028-02-29T10:00:00+00:00',
      why: 'a month from 31 January 2028 is clamped to the leap day',
    },
    { from: '2026-03-31T10:00:00+01:00', amount: 1, unit: 'months', cal: england, to: '2026-04-30T10:00:00+01:00', why: 'a month from 31 March is 30 April' },
    {
      from: '2026-09-30T10:00:00+01:00',
      amount: 2,
      unit: 'months',
      cal: england,
      to: '2026-11-30T10:00:00+00:00',
      why: 'two months across the October change keep 10:00 on the clock',
    },
    {
      from: '2026-11-15T10:00:00+01:00',
      amount: 3,
      unit: 'months',
      cal: budapest,
      to: '2027-02-15T10:00:00+01:00',
      why: 'months roll over the end of the year',
    },
  ])('$why', (row) => {
    expect(deadline(row)).toBe(iso(row.to));
  });
});

describe('addDuration rejects durations that cannot be meant', () => {
  it.each<{ amount: number; unit: DurationUnit }>([
    { amount: -1, unit: 'hours' },
    { amount: Number.NaN, unit: 'calendarDays' },
    { amount: 1.5, unit: 'businessDays' },
    { amount: 0.5, unit: 'months' },
  ])('$amount $unit', ({ amount, unit }) => {
    expect(() => addDuration(new Date('2026-06-10T10:00:00Z'), amount, unit, england)).toThrow(RangeError);
  });

  it('a calendar with no business days at all', () => {
    const never: OrgCalendar = { ...england, businessHours: { periods: [], closedOnPublicHolidays: true } };
    expect(() => addDuration(new Date('2026-06-10T10:00:00Z'), 1, 'businessDays', never)).toThrow(/No business days/);
    expect(() => addDuration(new Date('2026-06-10T10:00:00Z'), 1, 'workingHours', never)).toThrow(/No working time/);
  });
});
