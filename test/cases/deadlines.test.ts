import { describe, expect, it } from 'vitest';
import { answerDeadline, plannedDeadlines, type Commitment } from '#src/cases/deadlines.ts';
import type { OrgCalendar } from '#src/calendar/index.ts';

const london: OrgCalendar = {
  timeZone: 'Europe/London',
  country: 'GB',
  region: 'ENG',
  businessHours: { periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:30', closes: '17:30' }], closedOnPublicHolidays: true },
};
const budapest: OrgCalendar = { timeZone: 'Europe/Budapest', country: 'HU' };
const tunis: OrgCalendar = { timeZone: 'Africa/Tunis', country: 'TN' };

const c = (event: string, amount: number, unit: string, extra: Partial<Commitment> = {}): Commitment => ({
  event,
  route: 'formal',
  from: 'received',
  duration: { amount, unit },
  ...extra,
});

describe('planned deadlines of a formal complaint', () => {
  it('acknowledges within 24 working hours of 08:30-17:30 days, skipping the weekend', () => {
    // Saturday 21 November 2026: counting starts Monday 08:30; 9 + 9 + 6 hours ends Wednesday 14:30.
    const [ack] = plannedDeadlines([c('acknowledge', 24, 'workingHours')], london, new Date('2026-11-21T10:00:00Z'));
    expect(ack).toEqual({ event: 'acknowledge', due: new Date('2026-11-25T14:30:00Z') });
  });

  it('answers within 15 days, or 30 for a compensation claim, in Budapest', () => {
    const commitments = [c('resolve', 15, 'calendarDays'), c('resolveCompensation', 30, 'calendarDays')];
    const received = new Date('2026-11-21T09:00:00Z');
    expect(answerDeadline(plannedDeadlines(commitments, budapest, received))).toEqual({
      event: 'resolve',
      due: new Date('2026-12-06T22:59:59.999Z'),
    });
    expect(answerDeadline(plannedDeadlines(commitments, budapest, received, { compensationClaim: true }))).toEqual({
      event: 'resolveCompensation',
      due: new Date('2026-12-21T22:59:59.999Z'),
    });
  });

  it('counts a proposal of 10-15 business days from the acknowledgement deadline, at the upper end', () => {
    const commitments = [
      c('acknowledge', 1, 'businessDays'),
      c('resolve', 10, 'businessDays', { from: 'acknowledged', duration: { amount: 10, amountMax: 15, unit: 'businessDays' } }),
    ];
    // Friday 20 November 2026 in Tunis: acknowledged by the end of Monday 23; 15 business days later is Monday 14 December.
    const deadlines = plannedDeadlines(commitments, tunis, new Date('2026-11-20T10:00:00Z'));
    expect(deadlines.map((d) => [d.event, d.due.toISOString()])).toEqual([
      ['acknowledge', '2026-11-23T22:59:59.999Z'],
      ['resolve', '2026-12-14T22:59:59.999Z'],
    ]);
  });

  it('ignores first-contact commitments and appeal decisions', () => {
    const commitments = [
      c('acknowledge', 1, 'businessDays', { route: 'initialContact' }),
      c('appealDecision', 10, 'businessDays'),
      c('acknowledge', 2, 'businessDays'),
    ];
    expect(plannedDeadlines(commitments, tunis, new Date('2026-11-20T10:00:00Z')).map((d) => d.event)).toEqual(['acknowledge']);
  });

  it('skips a commitment with a unit it does not know instead of failing', () => {
    expect(plannedDeadlines([c('acknowledge', 1, 'fortnights')], tunis, new Date())).toEqual([]);
  });
});
