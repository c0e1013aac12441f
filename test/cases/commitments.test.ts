import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statusHistory, caseState, furthestStageIndex, type CasePolicy, type LifecycleEvent } from '#src/cases/lifecycle.ts';
import {
  applicableCommitments,
  firstTask,
  pausesWhileAwaiting,
  promiseAtSubmission,
  promisedDates,
  readPromised,
  storePromised,
} from '#src/cases/commitments.ts';
import { limitInForce, type RegimePolicy } from '#src/cases/regime.ts';
import { caseTimeliness } from '#src/reports/timeliness.ts';

// The regimes as content/regimes.ndjson has them: the tests check the real content's limits.
const regimes = new Map(
  readFileSync('content/regimes.ndjson', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as {
          _id: string;
          shortName: string;
          limits: { _key: string; kind: string; duration: { amount: number; unit: string }; effectiveFrom: string }[];
          adrOnDeadlock: boolean;
          adrAfterFinalResponse: boolean;
        },
    )
    .map((doc): [string, RegimePolicy] => [
      doc._id,
      {
        id: doc._id,
        name: doc.shortName,
        limits: doc.limits.map((l) => ({ key: l._key, kind: l.kind, duration: l.duration, effectiveFrom: l.effectiveFrom })),
        adrOnDeadlock: doc.adrOnDeadlock,
        adrAfterFinalResponse: doc.adrAfterFinalResponse,
      },
    ]),
);
const regime = (id: string) => regimes.get(id)!;

const london = { timeZone: 'Europe/London', country: 'GB', region: 'ENG' };
const budapest = { timeZone: 'Europe/Budapest', country: 'HU' };
const at = (iso: string) => new Date(iso);
const received = (iso: string): LifecycleEvent => ({ type: 'received', actorType: 'complainant', visibility: 'complainant', createdAt: at(iso) });
const event = (type: string, iso: string, data: Record<string, unknown> = {}): LifecycleEvent => ({
  type,
  actorType: 'staff',
  visibility: 'complainant',
  data,
  createdAt: at(iso),
});

describe('the limit in force is the one that applies on the local date of receipt', () => {
  it.each([
    ['Ofcom, the day before six weeks apply (London)', 'regime-gb-ofcom-gc-c4', 'adrAfter', '2026-04-07T22:59:59Z', london.timeZone, 8],
    // 23:30 UTC on 7 April is 00:30 on 8 April in London (BST): the new limit applies.
    ['Ofcom, half past midnight on 8 April in London (still 7 April in UTC)', 'regime-gb-ofcom-gc-c4', 'adrAfter', '2026-04-07T23:30:00Z', london.timeZone, 6],
    ['Ofcom, after the change', 'regime-gb-ofcom-gc-c4', 'adrAfter', '2026-11-02T10:00:00Z', london.timeZone, 6],
    ['FCA final response', 'regime-gb-fca-disp-1', 'resolve', '2026-11-02T10:00:00Z', london.timeZone, 8],
    ['FCA records', 'regime-gb-fca-disp-1', 'retention', '2026-11-02T10:00:00Z', london.timeZone, 36],
    ['Hungary, any business', 'regime-hu-fgytv-17a', 'resolve', '2026-11-02T10:00:00Z', budapest.timeZone, 30],
    ['Hungary, energy', 'regime-hu-energy', 'resolve', '2026-11-02T10:00:00Z', budapest.timeZone, 15],
    ['Hungary, energy compensation', 'regime-hu-energy', 'resolveCompensation', '2026-11-02T10:00:00Z', budapest.timeZone, 30],
    ['Hungary, records', 'regime-hu-fgytv-17a', 'retention', '2026-11-02T10:00:00Z', budapest.timeZone, 60],
  ] as const)('%s', (_name, id, kind, iso, zone, amount) => {
    expect(limitInForce(regime(id), kind, at(iso), zone)?.duration.amount).toBe(amount);
  });

  it('has no limit before the first one starts', () => {
    expect(limitInForce(regime('regime-gb-ofcom-gc-c4'), 'adrAfter', at('2010-01-01T12:00:00Z'), london.timeZone)).toBeUndefined();
  });
});

describe('the dates promised at submission take the stricter of the organisation and the law', () => {
  const ofcomOrg = (weeks: number): CasePolicy => ({
    calendar: london,
    commitments: [{ event: 'acknowledge', route: 'formal', from: 'received', duration: { amount: 24, unit: 'workingHours' } }],
    adr: [{ key: 'ombudsman', after: { amount: weeks, unit: 'weeks' }, onDeadlock: true }],
    regime: regime('regime-gb-ofcom-gc-c4'),
  });
  it.each([
    // Local wall time: 8 weeks from 14:00 on 1 April 2026 is 14:00 on 27 May (BST both).
    ["received before 8 April 2026: the code's 8 weeks", ofcomOrg(8), '2026-04-01T13:00:00Z', '2026-05-27T13:00:00.000Z', false],
    ["received on 8 April 2026: the law's 6 weeks", ofcomOrg(8), '2026-04-08T13:00:00Z', '2026-05-20T13:00:00.000Z', true],
    ['a code already at 5 weeks keeps its own shorter period', ofcomOrg(5), '2026-04-08T13:00:00Z', '2026-05-13T13:00:00.000Z', false],
    // Across the end of summer time: six weeks from 12:00 BST on 1 October is 12:00 GMT on 12 November.
    ['six weeks across the clock change, in local wall time', ofcomOrg(8), '2026-10-01T11:00:00Z', '2026-11-12T12:00:00.000Z', true],
  ] as const)('ADR: %s', (_name, policy, iso, expected, byLaw) => {
    const promised = promiseAtSubmission(policy, at(iso));
    expect(promised.adr).toEqual([{ rule: 'ombudsman', from: at(expected), byLaw }]);
  });

  const fcaOrg = (resolve: { amount: number; unit: string }): CasePolicy => ({
    calendar: london,
    commitments: [{ event: 'resolve', route: 'formal', from: 'received', duration: resolve, pausesWhileAwaitingComplainant: true }],
    regime: regime('regime-gb-fca-disp-1'),
  });
  it.each([
    ['a promise inside the law keeps its own date', { amount: 15, unit: 'businessDays' }, '2026-12-01T10:00:00Z', '2026-12-22T23:59:59.999Z'],
    ['a promise beyond the law is cut to 8 weeks', { amount: 3, unit: 'months' }, '2026-12-01T10:00:00Z', '2027-01-26T10:00:00.000Z'],
  ] as const)('FCA answer: %s', (_name, duration, iso, expected) => {
    const dates = promisedDates(promiseAtSubmission(fcaOrg(duration), at(iso)));
    expect(dates.find((d) => d.event === 'resolve')?.due.toISOString()).toBe(expected);
  });

  it('counts business days past the Christmas bank holidays (15 business days from 10 December 2026)', () => {
    const dates = promisedDates(promiseAtSubmission(fcaOrg({ amount: 15, unit: 'businessDays' }), at('2026-12-10T10:00:00Z')));
    // 25 and 28 December (Boxing Day's substitute) and 1 January are bank holidays in England:
    // the 15th business day is Tuesday 5 January, to the end of that day.
    expect(dates[0]!.due.toISOString()).toBe('2027-01-05T23:59:59.999Z');
  });

  const titasz = (compensationClaim: boolean) =>
    promisedDates(
      promiseAtSubmission(
        {
          calendar: budapest,
          commitments: [
            { event: 'resolve', route: 'formal', from: 'received', duration: { amount: 20, unit: 'calendarDays' } },
            { event: 'resolveCompensation', route: 'formal', from: 'received', duration: { amount: 45, unit: 'calendarDays' } },
          ],
          regime: regime('regime-hu-energy'),
        },
        at('2026-03-10T09:00:00Z'),
        { compensationClaim },
      ),
    );
  // Calendar days run to the end of the last day, in Budapest time (CET in March, CEST in April).
  it.each([
    ['an answer: 15 days by law (the code says 20)', false, 'resolve', '2026-03-25T22:59:59.999Z'],
    ['a compensation claim: 30 days by law (the code says 45)', true, 'resolveCompensation', '2026-04-09T21:59:59.999Z'],
  ] as const)('Hungarian energy, %s', (_name, claim, eventName, expected) => {
    const d = titasz(claim).find((x) => x.event === eventName);
    expect(d?.due.toISOString()).toBe(expected);
  });

  it("adds the law's answer date where the organisation publishes none (Hungary: 30 days)", () => {
    const promised = promiseAtSubmission({ calendar: budapest, commitments: [], regime: regime('regime-hu-fgytv-17a') }, at('2026-05-04T08:00:00Z'));
    expect(promisedDates(promised)).toEqual([{ event: 'resolve', due: at('2026-06-03T21:59:59.999Z') }]);
    expect(promised.regime).toEqual({ id: 'regime-hu-fgytv-17a', retention: { amount: 60, unit: 'months' } });
  });

  it('survives being stored as JSON on the case', () => {
    const promised = promiseAtSubmission(fcaOrg({ amount: 3, unit: 'months' }), at('2026-12-01T10:00:00Z'));
    expect(readPromised(JSON.parse(JSON.stringify(storePromised(promised))))).toEqual(promised);
  });
});

describe('which commitments apply and which pause', () => {
  const commitments = [
    { event: 'acknowledge', route: 'formal', duration: { amount: 1, unit: 'businessDays' } },
    { event: 'acknowledge', route: 'initialContact', duration: { amount: 1, unit: 'businessDays' } },
    { event: 'resolve', route: 'formal', duration: { amount: 15, unit: 'calendarDays' }, pausesWhileAwaitingComplainant: true },
    { event: 'resolveCompensation', route: 'formal', duration: { amount: 30, unit: 'calendarDays' }, pausesWhileAwaitingComplainant: true },
    { event: 'appealDecision', route: 'formal', duration: { amount: 10, unit: 'businessDays' } },
  ];
  it.each([
    ['a complaint', false, ['acknowledge', 'resolve']],
    ['a compensation claim', true, ['acknowledge', 'resolveCompensation']],
  ] as const)('%s', (_name, compensationClaim, events) => {
    expect(applicableCommitments(commitments, { compensationClaim }).map((c) => c.event)).toEqual(events);
  });
  it.each([
    ['resolve', true],
    ['acknowledge', false],
    ['firstContact', false],
  ] as const)('%s pauses: %s', (event, pauses) => {
    expect(pausesWhileAwaiting(commitments, event)).toBe(pauses);
  });
});

describe('the queue and the case page name the same next task', () => {
  // Acknowledge within 24 working hours, first contact within 48 hours: on a Friday evening the
  // first contact falls due on Sunday, before the acknowledgement on Tuesday.
  const policy: CasePolicy = {
    calendar: {
      ...london,
      businessHours: { periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:30', closes: '17:30' }], closedOnPublicHolidays: true },
    },
    commitments: [
      { event: 'acknowledge', route: 'formal', from: 'received', duration: { amount: 24, unit: 'workingHours' } },
      { event: 'firstContact', route: 'formal', from: 'received', duration: { amount: 48, unit: 'hours' } },
      { event: 'resolve', route: 'formal', from: 'received', duration: { amount: 3, unit: 'businessDays' } },
    ],
  };
  const submittedAt = '2026-11-06T18:00:00Z';
  const promised = promiseAtSubmission(policy, at(submittedAt));
  it.each([
    ['just received', [received(submittedAt)], '2026-11-06T18:00:00Z', 'firstContact'],
    ['assigned (the handler has been in touch)', [received(submittedAt), event('assigned', '2026-11-07T09:00:00Z')], '2026-11-07T09:00:00Z', 'acknowledge'],
    [
      'acknowledged and assigned',
      [received(submittedAt), event('assigned', '2026-11-07T09:00:00Z'), event('acknowledged', '2026-11-09T09:00:00Z')],
      '2026-11-09T09:00:00Z',
      'resolve',
    ],
  ] as const)('%s', (_name, events, now, expected) => {
    const state = caseState(events, policy, { now: at(now), promised });
    expect(state.next?.event).toBe(expected);
    if (events.length === 1) expect(firstTask(promised, at(submittedAt))?.event).toBe(state.next?.event);
  });
});

describe('deadlines pinned at submission', () => {
  const original: CasePolicy = {
    calendar: london,
    commitments: [{ event: 'resolve', route: 'formal', from: 'received', duration: { amount: 15, unit: 'businessDays' } }],
  };
  const edited: CasePolicy = {
    calendar: london,
    commitments: [{ event: 'resolve', route: 'formal', from: 'received', duration: { amount: 40, unit: 'businessDays' } }],
  };
  const events = [received('2026-11-02T10:00:00Z'), event('acknowledged', '2026-11-02T11:00:00Z')];
  const promised = promiseAtSubmission(original, at('2026-11-02T10:00:00Z'));
  it('the status page keeps the promised date after the content is edited', () => {
    const now = at('2026-11-05T10:00:00Z');
    expect(caseState(events, edited, { now, promised }).next?.due).toEqual(caseState(events, original, { now }).next?.due);
  });
  it('reports judge by the promised date, not the edited one', () => {
    const answered = [...events, event('resolution_proposed', '2026-11-30T10:00:00Z')];
    const options = { receivedAt: at('2026-11-02T10:00:00Z'), now: at('2026-12-31T10:00:00Z') };
    expect(caseTimeliness(answered, edited, { ...options, promised }).answered).toBe('late');
    expect(caseTimeliness(answered, edited, options).answered).toBe('onTime');
  });
  it("the pause moves the promised date on, but never past the law's cap", () => {
    const capped = promiseAtSubmission(
      {
        calendar: london,
        commitments: [{ event: 'resolve', route: 'formal', from: 'received', duration: { amount: 7, unit: 'weeks' }, pausesWhileAwaitingComplainant: true }],
        regime: regime('regime-gb-fca-disp-1'),
      },
      at('2026-11-02T10:00:00Z'),
    );
    const waiting = [...events, event('information_requested', '2026-11-03T10:00:00Z')];
    const state = caseState(waiting, original, { now: at('2026-12-31T10:00:00Z'), promised: capped });
    // 7 weeks + 58 days of waiting would be late January; the law says 8 weeks from receipt.
    expect(state.next?.due.toISOString()).toBe('2026-12-28T10:00:00.000Z');
  });
});

describe('the stage marker never moves backwards', () => {
  // Stages as OPEX publishes them: informal contact, formal, investigation to closure, appeal.
  const stages = [
    { statuses: null },
    { statuses: ['received', 'acknowledged'] },
    { statuses: ['investigating', 'awaiting_complainant', 'resolution_proposed', 'accepted', 'closed'] },
    { statuses: ['appealed', 'appeal_decided'] },
  ];
  const base = [received('2026-11-02T10:00:00Z'), event('acknowledged', '2026-11-02T11:00:00Z'), event('resolution_proposed', '2026-11-03T10:00:00Z')];
  it.each([
    ['proposed', base, 2],
    ['appealed', [...base, { ...event('appealed', '2026-11-04T10:00:00Z'), actorType: 'complainant' as const }], 3],
    [
      'appeal decided and closed',
      [
        ...base,
        { ...event('appealed', '2026-11-04T10:00:00Z'), actorType: 'complainant' as const },
        event('appeal_decided', '2026-11-05T10:00:00Z'),
        event('closed', '2026-11-05T10:00:00Z', { reason: 'appealDecided' }),
      ],
      3,
    ],
  ] as const)('%s: stage %i', (_name, events, expected) => {
    const history = statusHistory(events);
    expect(furthestStageIndex(stages, history, history.at(-1)!.status)).toBe(expected);
  });
});
