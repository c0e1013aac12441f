import { describe, expect, it } from 'vitest';
import { appealDecision, caseState, dueAdrNotices, satisfactionRating, type CasePolicy, type LifecycleEvent } from '#src/cases/lifecycle.ts';
import { policyForOrganisationSlug } from '#src/policy/index.ts';

/**
 * The organisation's rules from content/, mapped as the server maps them (src/policy). The
 * code's own rules only: what the organisation's regime changes is tested in commitments.test.ts.
 */
async function policyOf(slug: string): Promise<CasePolicy> {
  const policy = await policyForOrganisationSlug(slug);
  if (!policy) throw new Error(`no organisation ${slug} in content`);
  return { ...policy, regime: null };
}
const opex = await policyOf('opex');
const opus = await policyOf('opus');
const opusTelecoms = await policyOf('opus-telecoms');
const opusTitasz = await policyOf('opus-titasz');

const complainantTypes = new Set(['received', 'complainant_replied', 'resolution_accepted', 'appealed', 'reopen_requested', 'satisfaction_rated']);
/** One event at an ISO instant; staff events are by handler h1 unless `actorId` says otherwise. */
const ev = (type: string, at: string, extra: Partial<LifecycleEvent> = {}): LifecycleEvent => ({
  type,
  actorType: complainantTypes.has(type) ? 'complainant' : type === 'adr_notice' ? 'system' : 'staff',
  ...(complainantTypes.has(type) ? {} : { actorId: 'h1', actorName: 'Hana' }),
  visibility: type === 'note' ? 'internal' : 'complainant',
  createdAt: new Date(at),
  ...extra,
});
const at = (iso: string) => ({ now: new Date(iso) });

describe("OPEX's appeal window: 10 business days from the proposal in Africa/Tunis", () => {
  // Tunisia's holidays as the law has them (src/calendar corrects date-holidays): 1 January
  // and 17 December, no longer 14 January; Saturdays and Sundays are not business days. The window ends at the end of the 10th
  // business day after the proposal's day, 23:59:59.999 in Tunis (UTC+1).
  it.each([
    // Proposed on Revolution Day itself: Fri 18, Mon 21 ... Fri 25 (Christmas is a working day in Tunisia), Mon 28 ... Thu 31.
    ['Thursday 17 December 2026', '2026-12-17T09:00:00Z', '2026-12-31T22:59:59.999Z'],
    // Thu 24 ... Thu 31, skipping New Year's Day, Mon 4 ... Thu 7.
    ['Wednesday 23 December 2026', '2026-12-23T09:00:00Z', '2027-01-07T22:59:59.999Z'],
    // Tue 5 ... Fri 8, Mon 11 ... Fri 15 (14 January is a working day since 2022), Mon 18.
    ['Monday 4 January 2027', '2027-01-04T09:00:00Z', '2027-01-18T22:59:59.999Z'],
  ])('a proposal on %s may be appealed until %s', (_, proposedAt, closesAt) => {
    const events = [ev('received', '2026-12-01T08:00:00Z'), ev('acknowledged', '2026-12-01T10:00:00Z'), ev('resolution_proposed', proposedAt)];
    expect(caseState(events, opex, at(proposedAt)).appeal).toEqual({ allowed: true, open: true, closesAt: new Date(closesAt) });
  });

  const proposed = [
    ev('received', '2026-12-01T08:00:00Z'),
    ev('acknowledged', '2026-12-01T10:00:00Z'),
    ev('assigned', '2026-12-02T10:00:00Z', { data: { assigneeId: 'h1', assigneeName: 'Hana' } }),
    ev('resolution_proposed', '2026-12-17T09:00:00Z', { body: 'A refund of the fee', data: { compensation: '300 TND' } }),
  ];
  it.each([
    ['at the moment of the proposal', '2026-12-17T09:00:00Z', true],
    ['at 23:59 on Thursday 31 December in Tunis', '2026-12-31T22:59:00Z', true],
    ['one minute before the end', '2026-12-31T22:58:59.999Z', true],
    ['at the end itself', '2026-12-31T22:59:59.999Z', false],
    ['one minute after the end', '2026-12-31T23:00:59.999Z', false],
    ["on New Year's Day", '2027-01-01T10:00:00Z', false],
  ])('is %s open: %s', (_, now, open) => {
    const state = caseState(proposed, opex, at(now));
    expect(state.appeal.open).toBe(open);
    expect(state.can.appeal).toBe(open);
    expect(state.can.accept).toBe(open);
    if (open) {
      expect(state.status).toBe('resolution_proposed');
    } else {
      expect(state).toMatchObject({
        status: 'closed',
        closedReason: 'windowPassed',
        statusSince: new Date('2026-12-31T22:59:59.999Z'),
        appeal: { allowed: true, open: false, reason: 'windowClosed' },
      });
    }
  });

  it('shows the proposal with its compensation and the handler', () => {
    const state = caseState(proposed, opex, at('2026-12-18T09:00:00Z'));
    expect(state.proposal).toEqual({ at: new Date('2026-12-17T09:00:00Z'), body: 'A refund of the fee', compensation: '300 TND' });
    expect(state.assignee).toEqual({ id: 'h1', name: 'Hana' });
    expect(state.next).toBeUndefined();
  });

  it('restarts the window from a new proposal', () => {
    const events = [
      ...proposed,
      ev('information_requested', '2026-12-21T09:00:00Z'),
      ev('complainant_replied', '2026-12-22T09:00:00Z'),
      ev('resolution_proposed', '2026-12-23T09:00:00Z'),
    ];
    expect(caseState(events, opex, at('2027-01-05T09:00:00Z')).appeal).toMatchObject({ open: true, closesAt: new Date('2027-01-07T22:59:59.999Z') });
  });

  it('is not open before anything is proposed', () => {
    expect(caseState(proposed.slice(0, 3), opex, at('2026-12-10T09:00:00Z')).appeal).toEqual({ allowed: true, open: false, reason: 'notProposed' });
  });

  it('is not open once the proposal is accepted', () => {
    const state = caseState([...proposed, ev('resolution_accepted', '2026-12-18T09:00:00Z')], opex, at('2026-12-19T09:00:00Z'));
    expect(state).toMatchObject({ status: 'accepted', appeal: { open: false, reason: 'notProposed' }, can: { accept: false, appeal: false } });
  });

  describe('once appealed on Wednesday 30 December 2026', () => {
    const appealed = [...proposed, ev('appealed', '2026-12-30T10:00:00Z', { body: 'The refund is too small' })];
    // Thu 31, skipping 1 January, Mon 4 ... Fri 8, Mon 11 ... Thu 14 January 2027.
    const decisionDue = new Date('2027-01-14T22:59:59.999Z');

    it.each([
      ['on Thursday 14 January, before the end of the day', '2027-01-14T20:00:00Z', false],
      ['on Friday 15 January', '2027-01-15T09:00:00Z', true],
    ])('expects the decision within 10 business days: %s it is overdue: %s', (_, now, overdue) => {
      const state = caseState(appealed, opex, at(now));
      expect(state.status).toBe('appealed');
      expect(state.appeal).toEqual({ allowed: true, open: false, reason: 'alreadyAppealed', closesAt: new Date('2026-12-31T22:59:59.999Z'), decisionDue });
      expect(state.next).toEqual({ event: 'appealDecision', due: decisionDue, overdue });
    });

    it("shows the decision, final as OPEX's policy says", () => {
      const decided = [
        ...appealed,
        ev('appeal_decided', '2027-01-12T10:00:00Z', { actorId: 'm9', body: 'Upheld in part', data: { outcome: 'partlyUpheld', final: true } }),
      ];
      const state = caseState(decided, opex, at('2027-01-13T10:00:00Z'));
      expect(state.status).toBe('appeal_decided');
      expect(state.appeal.decision).toEqual({ outcome: 'partlyUpheld', final: true, at: new Date('2027-01-12T10:00:00Z'), body: 'Upheld in part' });
      expect(state.next).toBeUndefined();
    });
  });
});

describe('no appeal where the policy allows none', () => {
  it.each([
    ['Opus Telecoms', opusTelecoms],
    ['Opus', opus],
    ['OPUS TITÁSZ', opusTitasz],
  ])('%s: a proposal stays open to acceptance, never to appeal', (_, policy) => {
    const events = [ev('received', '2026-11-02T09:00:00Z'), ev('acknowledged', '2026-11-02T10:00:00Z'), ev('resolution_proposed', '2026-11-03T10:00:00Z')];
    const state = caseState(events, policy, at('2027-03-01T10:00:00Z'));
    expect(state.status).toBe('resolution_proposed');
    expect(state.appeal).toEqual({ allowed: false, open: false, reason: 'noPolicy' });
    expect(state.can).toMatchObject({ accept: true, appeal: false });
  });
});

describe("OPUS TITÁSZ's answer within 15 days, or 30 for compensation, paused while awaiting the complainant", () => {
  // Received Monday 2 November 2026 10:00 in Budapest (UTC+1). 15 days: the end of Tuesday 17
  // November; 30 days: the end of Wednesday 2 December. Information asked for on Thursday 5
  // November 10:00 and given on Tuesday 10 November 10:00: five days added back.
  const received = ev('received', '2026-11-02T09:00:00Z');
  const asked = ev('information_requested', '2026-11-05T09:00:00Z', { body: 'Your meter serial number' });
  const replied = ev('complainant_replied', '2026-11-10T09:00:00Z', { body: 'HU-12345' });
  it.each([
    ['before any wait', [received], '2026-11-04T09:00:00Z', false, 'resolve', '2026-11-17T22:59:59.999Z'],
    ['during the wait, by the time waited so far', [received, asked], '2026-11-07T09:00:00Z', false, 'resolve', '2026-11-19T22:59:59.999Z'],
    ['after a five-day wait', [received, asked, replied], '2026-11-12T09:00:00Z', false, 'resolve', '2026-11-22T22:59:59.999Z'],
    [
      'after a five-day wait, for a compensation claim',
      [received, asked, replied],
      '2026-11-12T09:00:00Z',
      true,
      'resolveCompensation',
      '2026-12-07T22:59:59.999Z',
    ],
    ['for a compensation claim without a wait', [received], '2026-11-12T09:00:00Z', true, 'resolveCompensation', '2026-12-02T22:59:59.999Z'],
  ])('is due %s', (_, events, now, compensationClaim, event, due) => {
    expect(caseState(events, opusTitasz, { now: new Date(now), compensationClaim }).next).toEqual({ event, due: new Date(due), overdue: false });
  });

  it.each([
    ['an hour before the extended end', '2026-11-22T21:59:59.999Z', false],
    ['a minute after it', '2026-11-22T23:00:59.999Z', true],
  ])('is overdue %s: %s', (_, now, overdue) => {
    expect(caseState([received, asked, replied], opusTitasz, at(now)).next?.overdue).toBe(overdue);
  });

  it('shows what the handler asked for while waiting', () => {
    const state = caseState([received, asked], opusTitasz, at('2026-11-07T09:00:00Z'));
    expect(state).toMatchObject({
      status: 'awaiting_complainant',
      awaitingComplainant: { since: asked.createdAt, request: 'Your meter serial number' },
      can: { reply: true },
    });
  });

  it('does not add back a wait where the commitment does not pause', () => {
    const events = [
      ev('received', '2026-12-24T16:00:00Z'),
      ev('acknowledged', '2026-12-29T09:00:00Z'),
      ev('information_requested', '2026-12-29T10:00:00Z'),
      ev('complainant_replied', '2027-01-04T10:00:00Z'),
    ];
    expect(caseState(events, opusTelecoms, at('2027-01-05T10:00:00Z')).next).toEqual({
      event: 'resolve',
      due: new Date('2026-12-31T17:30:00Z'),
      overdue: true,
    });
  });
});

describe('UK acknowledgement within 24 working hours (Opus Telecoms, 08:30-17:30 Monday to Friday, England)', () => {
  // Received Thursday 24 December 2026 16:00 GMT: 1.5 hours that day; Friday 25 and Monday 28
  // December (Boxing Day's substitute) are bank holidays; 9 hours on Tuesday 29 and 9 on
  // Wednesday 30 make 19.5; the last 4.5 end at 13:00 on Thursday 31 December.
  const received = ev('received', '2026-12-24T16:00:00Z');
  // The handler introduced themselves (the first contact, due within 48 hours) at once.
  const contacted = ev('assigned', '2026-12-24T16:30:00Z', { data: { assigneeId: 'h1', assigneeName: 'Hana' } });
  it('owes the first contact first: 48 hours, around the clock, before the acknowledgement', () => {
    expect(caseState([received], opusTelecoms, at('2026-12-24T17:00:00Z')).next).toEqual({
      event: 'firstContact',
      due: new Date('2026-12-26T16:00:00Z'),
      overdue: false,
    });
  });
  it.each([
    ['Wednesday 30 December 17:30', '2026-12-30T17:30:00Z', false],
    ['Thursday 31 December 12:59', '2026-12-31T12:59:00Z', false],
    ['Thursday 31 December 13:01', '2026-12-31T13:01:00Z', true],
  ])('on %s the acknowledgement is overdue: %s', (_, now, overdue) => {
    expect(caseState([received, contacted], opusTelecoms, at(now)).next).toEqual({ event: 'acknowledge', due: new Date('2026-12-31T13:00:00Z'), overdue });
  });

  it('then owes the answer within 3 working days of receipt: the end of Thursday 31 December', () => {
    const events = [received, contacted, ev('acknowledged', '2026-12-29T09:00:00Z')];
    expect(caseState(events, opusTelecoms, at('2026-12-31T17:29:00Z')).next).toEqual({
      event: 'resolve',
      due: new Date('2026-12-31T17:30:00Z'),
      overdue: false,
    });
  });

  it('owes nothing once a resolution is proposed, nor once closed', () => {
    const events = [received, ev('acknowledged', '2026-12-29T09:00:00Z'), ev('resolution_proposed', '2027-01-04T09:00:00Z')];
    expect(caseState(events, opusTelecoms, at('2027-01-05T09:00:00Z')).next).toBeUndefined();
    expect(
      caseState([received, ev('closed', '2026-12-29T09:00:00Z', { data: { reason: 'withdrawn' } })], opusTelecoms, at('2027-01-05T09:00:00Z')).next,
    ).toBeUndefined();
  });
});

describe('ADR with Ofcom: 8 weeks after receipt or at once on a deadlock letter', () => {
  // Received Monday 7 September 2026 10:00 BST. Eight weeks later is Monday 2 November 10:00 GMT,
  // an hour more than 56 x 24 hours because the clocks went back on 25 October.
  const received = ev('received', '2026-09-07T09:00:00Z');
  const ack = ev('acknowledged', '2026-09-07T10:00:00Z');
  const eightWeeks = new Date('2026-11-02T10:00:00Z');
  it.each([
    ['56 x 24 hours later, still 09:00 on the local clock', '2026-11-02T09:00:00Z', false],
    ['one minute before 10:00 GMT', '2026-11-02T09:59:00Z', false],
    ['at 10:00 GMT on Monday 2 November', '2026-11-02T10:00:00Z', true],
    ['a month later', '2026-12-02T10:00:00Z', true],
  ])('is eligible %s: %s', (_, now, eligible) => {
    const state = caseState([received, ack], opusTelecoms, at(now));
    expect(state.adr).toEqual(
      eligible
        ? { eligible: true, since: eightWeeks, reason: 'period', rules: ['adr1'], noticeSent: false }
        : { eligible: false, eligibleAt: eightWeeks, rules: [], noticeSent: false },
    );
    expect(dueAdrNotices([received, ack], opusTelecoms, new Date(now))).toEqual(eligible ? { due: true, reason: 'period' } : { due: false });
  });

  it('is eligible at once on a deadlock letter', () => {
    const events = [received, ack, ev('deadlock_issued', '2026-10-01T13:00:00Z', { body: 'Our final position' })];
    expect(caseState(events, opus, at('2026-10-01T13:00:00Z')).adr).toEqual({
      eligible: true,
      since: new Date('2026-10-01T13:00:00Z'),
      reason: 'deadlock',
      rules: ['adr1'],
      noticeSent: false,
    });
  });

  it.each([
    ['accepted', [ev('resolution_proposed', '2026-10-15T10:00:00Z'), ev('resolution_accepted', '2026-10-16T10:00:00Z')]],
    [
      'closed as accepted',
      [
        ev('resolution_proposed', '2026-10-15T10:00:00Z'),
        ev('resolution_accepted', '2026-10-16T10:00:00Z'),
        ev('closed', '2026-10-16T11:00:00Z', { data: { reason: 'accepted' } }),
      ],
    ],
    ['closed as resolved', [ev('resolution_proposed', '2026-10-15T10:00:00Z'), ev('closed', '2026-10-20T11:00:00Z', { data: { reason: 'resolved' } })]],
  ])('is not eligible for a case %s before the 8 weeks', (_, later) => {
    const state = caseState([received, ack, ...later], opusTelecoms, at('2026-12-01T10:00:00Z'));
    expect(state.adr).toEqual({ eligible: false, rules: [], noticeSent: false });
  });

  it('becomes eligible when a resolved case is re-opened after the 8 weeks', () => {
    const events = [
      received,
      ack,
      ev('resolution_proposed', '2026-10-15T10:00:00Z'),
      ev('closed', '2026-10-20T11:00:00Z', { data: { reason: 'resolved' } }),
      ev('reopen_requested', '2026-11-10T10:00:00Z'),
    ];
    expect(caseState(events, opusTelecoms, at('2026-11-10T10:00:00Z')).adr).toMatchObject({
      eligible: true,
      since: new Date('2026-11-10T10:00:00Z'),
      reason: 'period',
    });
  });

  it('writes the notice once', () => {
    const events = [received, ack, ev('adr_notice', '2026-11-02T10:01:00Z', { data: { reason: 'weeks' } })];
    expect(dueAdrNotices(events, opusTelecoms, new Date('2026-11-03T10:00:00Z'))).toEqual({ due: false });
    expect(caseState(events, opusTelecoms, at('2026-11-03T10:00:00Z')).adr.noticeSent).toBe(true);
  });

  it.each([
    ['its answer', 'resolution_proposed'],
    ['a deadlock letter', 'deadlock_issued'],
  ])("names every one of OPUS TITÁSZ's forums after its final response (%s), and none before", (_, type) => {
    const events = [ev('received', '2026-09-07T09:00:00Z'), ev(type, '2026-09-20T09:00:00Z')];
    expect(caseState(events, opusTitasz, at('2026-09-20T09:00:00Z')).adr).toMatchObject({
      eligible: true,
      reason: 'finalResponse',
      rules: ['adr1', 'adr2', 'adr3'],
    });
    expect(caseState(events.slice(0, 1), opusTitasz, at('2027-09-20T09:00:00Z')).adr).toEqual({ eligible: false, rules: [], noticeSent: false });
  });

  it('is not eligible after a final response the complainant accepted (OPUS TITÁSZ)', () => {
    const events = [
      ev('received', '2026-09-07T09:00:00Z'),
      ev('resolution_proposed', '2026-09-20T09:00:00Z'),
      ev('resolution_accepted', '2026-09-21T09:00:00Z'),
    ];
    expect(caseState(events, opusTitasz, at('2026-09-22T09:00:00Z')).adr.eligible).toBe(false);
  });

  it.each([
    // A code that says "60 days" counts 60 calendar days, not 9 weeks (63 days).
    // Calendar days run to the end of the 60th day (Friday 6 November, GMT).
    ['60 calendar days', { amount: 60, unit: 'calendarDays' }, '2026-11-06T23:59:59.999Z'],
    // 20 business days from Monday 7 September: Monday 5 October at the close of business (17:30 BST).
    ['20 business days', { amount: 20, unit: 'businessDays' }, '2026-10-05T16:30:00Z'],
    ['2 months', { amount: 2, unit: 'months' }, '2026-11-07T10:00:00Z'],
  ])('counts a waiting period of %s as the code says it', (_, after, expected) => {
    const policy: CasePolicy = { ...opusTelecoms, adr: [{ key: 'a', after, onDeadlock: false }] };
    const events = [ev('received', '2026-09-07T09:00:00Z')];
    expect(caseState(events, policy, at('2026-09-08T09:00:00Z')).adr.eligibleAt).toEqual(new Date(expected));
  });

  it('never applies to OPEX, which has no ADR rule', () => {
    expect(caseState([ev('received', '2026-01-05T09:00:00Z')], opex, at('2027-01-05T09:00:00Z')).adr.eligible).toBe(false);
  });
});

describe('the appeal is decided by a manager not previously involved (OPEX)', () => {
  const events = [
    ev('received', '2026-12-01T08:00:00Z'),
    ev('acknowledged', '2026-12-01T10:00:00Z', { actorId: 'h2' }),
    ev('assigned', '2026-12-02T10:00:00Z', { actorId: 'm1', data: { assigneeId: 'h1', assigneeName: 'Hana' } }),
    ev('message', '2026-12-03T10:00:00Z', { actorId: 'm2', body: 'I am looking into this with Hana' }),
    ev('note', '2026-12-04T10:00:00Z', { actorId: 'm3' }),
    ev('resolution_proposed', '2026-12-17T09:00:00Z'),
    ev('appealed', '2026-12-18T09:00:00Z'),
  ];
  it.each([
    ['a manager who assigned the case earlier', { id: 'm1', role: 'manager' }, { ok: false, reason: 'involvedBefore' }],
    ['a manager who messaged the complainant earlier', { id: 'm2', role: 'manager' }, { ok: false, reason: 'involvedBefore' }],
    ['a manager who wrote an internal note', { id: 'm3', role: 'manager' }, { ok: false, reason: 'involvedBefore' }],
    ['another manager', { id: 'm4', role: 'manager' }, { ok: true }],
    ['the handler', { id: 'h1', role: 'handler' }, { ok: false, reason: 'notManager' }],
    ['an uninvolved handler', { id: 'h9', role: 'handler' }, { ok: false, reason: 'notManager' }],
  ])('%s: %o', (_, reviewer, result) => {
    expect(appealDecision(events, opex, { now: new Date('2026-12-20T10:00:00Z'), reviewer })).toEqual(result);
  });

  it('lists everyone involved, the assignee included', () => {
    expect(caseState(events, opex, at('2026-12-20T10:00:00Z')).involvedStaffIds.sort()).toEqual(['h1', 'h2', 'm1', 'm2', 'm3']);
  });

  it('has nothing to decide before an appeal, or after the decision', () => {
    const reviewer = { id: 'm4', role: 'manager' };
    expect(appealDecision(events.slice(0, 6), opex, { now: new Date('2026-12-20T10:00:00Z'), reviewer })).toEqual({ ok: false, reason: 'notAppealed' });
    const decided = [...events, ev('appeal_decided', '2026-12-21T10:00:00Z', { actorId: 'm4', data: { outcome: 'upheld', final: true } })];
    expect(appealDecision(decided, opex, { now: new Date('2026-12-22T10:00:00Z'), reviewer })).toEqual({ ok: false, reason: 'notAppealed' });
  });

  it('lets any manager decide where the policy says so', () => {
    const anyManager: CasePolicy = { ...opex, appealPolicy: { ...opex.appealPolicy!, reviewer: 'anyManager' } };
    expect(appealDecision(events, anyManager, { now: new Date('2026-12-20T10:00:00Z'), reviewer: { id: 'm1', role: 'manager' } })).toEqual({ ok: true });
  });
});

describe("Opus's satisfaction rating, once after closure", () => {
  const closed = [
    ev('received', '2026-11-02T09:00:00Z'),
    ev('acknowledged', '2026-11-02T10:00:00Z'),
    ev('resolution_proposed', '2026-11-04T10:00:00Z'),
    ev('resolution_accepted', '2026-11-05T10:00:00Z'),
    ev('closed', '2026-11-05T11:00:00Z', { data: { reason: 'accepted' } }),
  ];
  const now = new Date('2026-11-06T10:00:00Z');

  it.each([
    ['gold', false],
    ['green', false],
    ['yellow', true],
    ['red', true],
  ])('accepts %s, which opens a dissatisfaction case: %s', (rating, opens) => {
    expect(caseState(closed, opus, { now }).can.rate).toBe(true);
    expect(satisfactionRating(closed, opus, { now, rating })).toEqual({ ok: true, opensDissatisfactionCase: opens });
  });

  it('refuses a second rating', () => {
    const rated = [...closed, ev('satisfaction_rated', '2026-11-06T09:00:00Z', { data: { rating: 'yellow' } })];
    const state = caseState(rated, opus, { now });
    expect(state.can.rate).toBe(false);
    expect(state.rating).toEqual({ key: 'yellow', at: new Date('2026-11-06T09:00:00Z'), opensDissatisfactionCase: true });
    expect(satisfactionRating(rated, opus, { now, rating: 'gold' })).toEqual({ ok: false, reason: 'alreadyRated' });
  });

  it.each([
    ['before closure', closed.slice(0, 3), opus, 'gold', 'notClosed', false],
    ['with a rating Opus does not offer', closed, opus, 'platinum', 'unknownRating', true],
    ['where the organisation runs no survey', closed, opusTelecoms, 'gold', 'noSurvey', false],
  ])('refuses a rating %s', (_, events, policy, rating, reason, formShown) => {
    expect(satisfactionRating(events, policy, { now, rating })).toEqual({ ok: false, reason });
    expect(caseState(events, policy, { now }).can.rate).toBe(formShown);
  });
});

describe('asking to re-open where the policy allows', () => {
  const closed = [
    ev('received', '2026-11-02T09:00:00Z'),
    ev('resolution_proposed', '2026-11-04T10:00:00Z'),
    ev('closed', '2026-11-05T11:00:00Z', { data: { reason: 'resolved' } }),
  ];
  const now = new Date('2026-11-06T10:00:00Z');

  it('is offered on a closed Opus Telecoms case, once', () => {
    expect(caseState(closed, opusTelecoms, { now }).can.requestReopen).toBe(true);
    const reopened = caseState([...closed, ev('reopen_requested', '2026-11-06T09:00:00Z')], opusTelecoms, { now });
    expect(reopened).toMatchObject({ status: 'escalated', can: { requestReopen: false, reply: true } });
  });

  it('is offered on a proposal, not during investigation', () => {
    expect(caseState(closed.slice(0, 2), opusTelecoms, { now }).can.requestReopen).toBe(true);
    expect(caseState(closed.slice(0, 1), opusTelecoms, { now }).can.requestReopen).toBe(false);
  });

  it('is not offered where the organisation has no re-opening policy', () => {
    expect(caseState(closed, opus, { now }).can.requestReopen).toBe(false);
  });
});
