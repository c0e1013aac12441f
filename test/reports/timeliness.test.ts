import { describe, expect, it } from 'vitest';
import { caseTimeliness, monthsBetween } from '#src/reports/index.ts';
import type { LifecycleEvent } from '#src/cases/lifecycle.ts';
import { policy } from './fixtures.ts';

const event = (type: string, at: string, data: Record<string, unknown> = {}): LifecycleEvent => ({
  type,
  actorType: 'staff',
  visibility: 'complainant',
  data,
  createdAt: new Date(at),
});
const now = new Date('2026-02-01T00:00:00Z');

describe('on time', () => {
  it('counts an acknowledgement on Monday 29 December as on time for a complaint received on 23 December (Christmas and Boxing Day are not business days)', () => {
    const events = [event('received', '2025-12-23T10:00:00Z'), event('acknowledged', '2025-12-29T16:00:00Z')];
    expect(caseTimeliness(events, policy, { receivedAt: new Date('2025-12-23T10:00:00Z'), now }).acknowledged).toBe('onTime');
  });

  it('counts an acknowledgement on the third business day as late', () => {
    const events = [event('received', '2025-03-03T10:00:00Z'), event('acknowledged', '2025-03-06T09:00:00Z')];
    expect(caseTimeliness(events, policy, { receivedAt: new Date('2025-03-03T10:00:00Z'), now }).acknowledged).toBe('late');
  });

  it('counts an answer given before any acknowledgement as the acknowledgement', () => {
    const events = [event('received', '2025-03-03T10:00:00Z'), event('resolution_proposed', '2025-03-04T10:00:00Z')];
    expect(caseTimeliness(events, policy, { receivedAt: new Date('2025-03-03T10:00:00Z'), now })).toMatchObject({ acknowledged: 'onTime', answered: 'onTime' });
  });

  const paused = [
    event('received', '2025-03-03T10:00:00Z'),
    event('acknowledged', '2025-03-04T10:00:00Z'),
    event('information_requested', '2025-03-05T10:00:00Z'),
    event('complainant_replied', '2025-03-10T10:00:00Z'),
    event('resolution_proposed', '2025-03-21T10:00:00Z'),
  ];

  it('adds the time awaiting the complainant to the answer deadline where the commitment pauses', () => {
    expect(caseTimeliness(paused, policy, { receivedAt: new Date('2025-03-03T10:00:00Z'), now }).answered).toBe('onTime');
  });

  it('does not add it where the commitment does not pause', () => {
    const noPause = { ...policy, commitments: policy.commitments.map((c) => ({ ...c, pausesWhileAwaitingComplainant: false })) };
    expect(caseTimeliness(paused, noPause, { receivedAt: new Date('2025-03-03T10:00:00Z'), now }).answered).toBe('late');
  });

  it('leaves a step not yet due pending, and calls it late once due', () => {
    const events = [event('received', '2025-03-03T10:00:00Z')];
    const at = (iso: string) => caseTimeliness(events, policy, { receivedAt: new Date('2025-03-03T10:00:00Z'), now: new Date(iso) });
    expect(at('2025-03-05T20:00:00Z')).toMatchObject({ acknowledged: 'pending', answered: 'pending' });
    expect(at('2025-03-06T00:00:00Z')).toMatchObject({ acknowledged: 'late', answered: 'pending' });
  });

  it('has no verdict where the organisation publishes no commitment', () => {
    const none = { ...policy, commitments: [] };
    expect(caseTimeliness([event('received', '2025-03-03T10:00:00Z')], none, { receivedAt: new Date('2025-03-03T10:00:00Z'), now })).toMatchObject({
      acknowledged: 'noCommitment',
      answered: 'noCommitment',
    });
  });
});

describe('months', () => {
  it("lists months in the organisation's time zone, the last one holding the instant before the end", () => {
    expect(monthsBetween(new Date('2025-01-31T23:30:00Z'), new Date('2025-04-01T00:00:00+02:00'), 'Europe/Budapest')).toEqual(['2025-02', '2025-03']);
    expect(monthsBetween(new Date('2024-12-15T00:00:00Z'), new Date('2025-01-02T00:00:00Z'), 'Europe/London')).toEqual(['2024-12', '2025-01']);
  });
});
