import { describe, expect, it } from 'vitest';
import { localParts, zonedTime, zonedYear } from '#src/calendar/index.ts';

// Expected instants are written with the offset the zone's clocks show, so each row reads as
// the local time it means: London is +00:00 (GMT) or +01:00 (BST), Budapest +01:00 (CET) or +02:00 (CEST).
const iso = (s: string) => new Date(s).toISOString();

describe('zonedTime', () => {
  describe.each([
    { zone: 'Europe/London', date: '2026-03-28', time: '12:00', expected: '2026-03-28T12:00:00+00:00', why: 'is GMT the day before the clocks go forward' },
    { zone: 'Europe/London', date: '2026-03-29', time: '00:30', expected: '2026-03-29T00:30:00+00:00', why: 'is still GMT before 01:00 on the spring change' },
    {
      zone: 'Europe/London',
      date: '2026-03-29',
      time: '01:30',
      expected: '2026-03-29T02:30:00+01:00',
      why: 'moves forward out of the spring gap (01:00-02:00 never happens)',
    },
    { zone: 'Europe/London', date: '2026-03-29', time: '02:00', expected: '2026-03-29T02:00:00+01:00', why: 'is BST once the clocks have gone forward' },
    { zone: 'Europe/London', date: '2026-10-25', time: '00:30', expected: '2026-10-25T00:30:00+01:00', why: 'is still BST before the autumn change' },
    {
      zone: 'Europe/London',
      date: '2026-10-25',
      time: '01:30',
      expected: '2026-10-25T01:30:00+01:00',
      why: 'takes the earlier of the two 01:30s on the autumn change',
    },
    { zone: 'Europe/London', date: '2026-10-25', time: '02:00', expected: '2026-10-25T02:00:00+00:00', why: 'is GMT after the autumn change' },
    { zone: 'Europe/London', date: '2026-12-24', time: '24:00', expected: '2026-12-25T00:00:00+00:00', why: 'reads 24:00 as the start of the next day' },
    {
      zone: 'Europe/Budapest',
      date: '2026-03-29',
      time: '02:30',
      expected: '2026-03-29T03:30:00+02:00',
      why: 'moves forward out of the spring gap (02:00-03:00 never happens)',
    },
    { zone: 'Europe/Budapest', date: '2026-03-29', time: '03:00', expected: '2026-03-29T03:00:00+02:00', why: 'is CEST once the clocks have gone forward' },
    {
      zone: 'Europe/Budapest',
      date: '2026-10-25',
      time: '02:30',
      expected: '2026-10-25T02:30:00+02:00',
      why: 'takes the earlier of the two 02:30s on the autumn change',
    },
    { zone: 'Europe/Budapest', date: '2026-10-25', time: '03:00', expected: '2026-10-25T03:00:00+01:00', why: 'is CET after the autumn change' },
    { zone: 'Africa/Tunis', date: '2026-07-25', time: '09:00', expected: '2026-07-25T09:00:00+01:00', why: 'is CET all year in Tunisia, which has no DST' },
    {
      zone: 'Pacific/Auckland',
      date: '2026-04-05',
      time: '02:30',
      expected: '2026-04-05T02:30:00+13:00',
      why: 'takes the earlier 02:30 on the southern autumn change',
    },
  ])('$time on $date in $zone', ({ zone, date, time, expected, why }) => {
    it(why, () => {
      expect(zonedTime(date, time, zone).toISOString()).toBe(iso(expected));
    });
  });

  it.each(['1:30', '25:00', '12:60', '24:01', 'noon'])('rejects the malformed time %s', (time) => {
    expect(() => zonedTime('2026-06-01', time, 'Europe/London')).toThrow(RangeError);
  });

  it.each(['2026-02-29', '2026-13-01', '26-06-01'])('rejects the impossible date %s', (date) => {
    expect(() => zonedTime(date, '09:00', 'Europe/London')).toThrow(RangeError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => zonedTime('2026-06-01', '09:00', 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('localParts', () => {
  it.each([
    { instant: '2026-03-29T00:59:00Z', zone: 'Europe/London', parts: { date: '2026-03-29', weekday: 'sun', hour: 0, minute: 59 } },
    { instant: '2026-03-29T01:00:00Z', zone: 'Europe/London', parts: { date: '2026-03-29', weekday: 'sun', hour: 2, minute: 0 } },
    { instant: '2026-10-25T00:30:00Z', zone: 'Europe/London', parts: { date: '2026-10-25', weekday: 'sun', hour: 1, minute: 30 } },
    { instant: '2026-10-25T01:30:00Z', zone: 'Europe/London', parts: { date: '2026-10-25', weekday: 'sun', hour: 1, minute: 30 } },
    { instant: '2026-06-01T22:30:00Z', zone: 'Europe/London', parts: { date: '2026-06-01', weekday: 'mon', hour: 23, minute: 30 } },
    { instant: '2026-06-01T22:30:00Z', zone: 'Europe/Budapest', parts: { date: '2026-06-02', weekday: 'tue', hour: 0, minute: 30 } },
    { instant: '2026-12-31T23:30:00Z', zone: 'Africa/Tunis', parts: { date: '2027-01-01', weekday: 'fri', hour: 0, minute: 30 } },
  ] as const)('reads $instant in $zone as $parts.date $parts.hour:$parts.minute', ({ instant, zone, parts }) => {
    expect(localParts(new Date(instant), zone)).toEqual(parts);
  });

  it('uses the given zone, not the server one', () => {
    // Midday UTC is 00:00 or 01:00 the next day in Auckland, where these tests also run.
    expect(localParts(new Date('2026-06-01T12:00:00Z'), 'UTC')).toEqual({ date: '2026-06-01', weekday: 'mon', hour: 12, minute: 0 });
  });
});

describe('zonedYear', () => {
  it('agrees with the local date across New Year in zones either side of UTC, and through the year', () => {
    const zones = ['UTC', 'Europe/London', 'Europe/Budapest', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kathmandu'];
    const start = Date.UTC(2026, 11, 29);
    const instants = [
      ...Array.from({ length: 7 * 96 }, (_, i) => new Date(start + i * 15 * 60_000)),
      ...Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000 + 3_600_000)),
    ];
    for (const zone of zones) {
      for (const instant of instants) {
        expect(zonedYear(instant, zone), `${instant.toISOString()} ${zone}`).toBe(Number(localParts(instant, zone).date.slice(0, 4)));
      }
    }
  });
});
