import { describe, expect, it } from 'vitest';
import { caseStatus, stageIndex, timeLeft, type CaseStatus, type LifecycleEvent } from '#src/cases/lifecycle.ts';
import { getOrganisation } from '#src/content/index.ts';

const staff = (id: string) => ({ actorType: 'staff' as const, actorId: id, actorName: id });
const actors: Record<string, Partial<LifecycleEvent>> = {
  received: { actorType: 'complainant' },
  complainant_replied: { actorType: 'complainant' },
  resolution_accepted: { actorType: 'complainant' },
  appealed: { actorType: 'complainant' },
  reopen_requested: { actorType: 'complainant' },
  satisfaction_rated: { actorType: 'complainant', data: { rating: 'gold' } },
  adr_notice: { actorType: 'system', data: { reason: 'weeks' } },
};
/** A case whose events happen one hour apart from Monday 2 November 2026 09:00 UTC. */
const events = (...types: string[]): LifecycleEvent[] =>
  types.map((spec, i) => {
    const [type, reason] = spec.split(':');
    return {
      type,
      ...staff('h1'),
      visibility: type === 'note' ? 'internal' : 'complainant',
      ...actors[type],
      ...(reason ? { data: { reason } } : {}),
      createdAt: new Date(Date.UTC(2026, 10, 2, 9 + i)),
    } as LifecycleEvent;
  });

describe('the status fold of the contract', () => {
  it.each<[string, string[], CaseStatus]>([
    ['a new complaint is received', ['received'], 'received'],
    ['an acknowledged complaint is acknowledged', ['received', 'acknowledged'], 'acknowledged'],
    ['an internal note changes nothing', ['received', 'acknowledged', 'note'], 'acknowledged'],
    ['an assigned handler puts the case under investigation', ['received', 'acknowledged', 'assigned'], 'investigating'],
    ['a message from staff puts the case under investigation', ['received', 'acknowledged', 'message'], 'investigating'],
    ['a staff action before the acknowledgement still counts as investigation', ['received', 'assigned'], 'investigating'],
    ['a request for information waits for the complainant', ['received', 'acknowledged', 'assigned', 'information_requested'], 'awaiting_complainant'],
    ['a reminder does not end the wait', ['received', 'assigned', 'information_requested', 'message', 'assigned'], 'awaiting_complainant'],
    ["the complainant's reply goes back to investigation", ['received', 'assigned', 'information_requested', 'complainant_replied'], 'investigating'],
    ['an unprompted reply changes nothing', ['received', 'acknowledged', 'complainant_replied'], 'acknowledged'],
    ['a proposal is a proposed resolution', ['received', 'assigned', 'resolution_proposed'], 'resolution_proposed'],
    ['a proposal may follow a wait directly', ['received', 'information_requested', 'resolution_proposed'], 'resolution_proposed'],
    ['an accepted proposal is accepted', ['received', 'assigned', 'resolution_proposed', 'resolution_accepted'], 'accepted'],
    ['an accepted case is then closed', ['received', 'assigned', 'resolution_proposed', 'resolution_accepted', 'closed:accepted'], 'closed'],
    ['a message after a proposal does not withdraw it', ['received', 'resolution_proposed', 'message'], 'resolution_proposed'],
    ['an appeal against a proposal is appealed', ['received', 'assigned', 'resolution_proposed', 'appealed'], 'appealed'],
    ['a decided appeal is decided', ['received', 'resolution_proposed', 'appealed', 'appeal_decided'], 'appeal_decided'],
    ['a decided appeal is then closed', ['received', 'resolution_proposed', 'appealed', 'appeal_decided', 'closed:appealDecided'], 'closed'],
    ['an appeal posted after acceptance changes nothing', ['received', 'resolution_proposed', 'resolution_accepted', 'appealed'], 'accepted'],
    ['a second acceptance after an appeal changes nothing', ['received', 'resolution_proposed', 'appealed', 'resolution_accepted'], 'appealed'],
    ['an escalation from investigation is escalated', ['received', 'assigned', 'escalated'], 'escalated'],
    ['an escalation from a wait is escalated', ['received', 'information_requested', 'escalated'], 'escalated'],
    ['an escalated case that is assigned is investigated again', ['received', 'assigned', 'escalated', 'assigned'], 'investigating'],
    ['a re-opening request on a closed case escalates it', ['received', 'resolution_proposed', 'closed:resolved', 'reopen_requested'], 'escalated'],
    ['a re-opening request on a proposal escalates it', ['received', 'resolution_proposed', 'reopen_requested'], 'escalated'],
    [
      'a re-opening accepted by staff is investigated again',
      ['received', 'resolution_proposed', 'closed:resolved', 'reopen_requested', 'assigned'],
      'investigating',
    ],
    ['a re-opening request during investigation changes nothing', ['received', 'assigned', 'reopen_requested'], 'investigating'],
    ['a deadlock letter during investigation is a deadlock', ['received', 'assigned', 'deadlock_issued'], 'deadlock'],
    ['a deadlock letter after escalation is a deadlock', ['received', 'escalated', 'deadlock_issued'], 'deadlock'],
    ['a deadlocked case may be closed', ['received', 'deadlock_issued', 'closed:resolved'], 'closed'],
    ['a case withdrawn early is closed', ['received', 'closed:withdrawn'], 'closed'],
    ['an ADR notice and a rating leave a closed case closed', ['received', 'deadlock_issued', 'adr_notice', 'closed:resolved', 'satisfaction_rated'], 'closed'],
    ['an event of an unknown type changes nothing', ['received', 'acknowledged', 'linked_case_opened', 'telepathy'], 'acknowledged'],
  ])('%s', (_, types, status) => {
    expect(caseStatus(events(...types))).toBe(status);
  });

  it('refuses a case without a received event, as a bug', () => {
    expect(() => caseStatus([])).toThrow(/received/);
  });
});

/** The organisation's stages as the status page reads them (through src/content). */
async function stagesOf(slug: string): Promise<{ statuses?: string[] }[]> {
  const org = await getOrganisation(slug);
  if (!org) throw new Error(`no organisation ${slug} in content`);
  return org.stages;
}

describe('the stage marked for a status', () => {
  it.each<[string, CaseStatus, number]>([
    ['opex', 'received', 1],
    ['opex', 'acknowledged', 1],
    ['opex', 'awaiting_complainant', 2],
    ['opex', 'closed', 2],
    ['opex', 'appealed', 3],
    ['opex', 'escalated', 2],
    ['opus-telecoms', 'received', 0],
    ['opus-telecoms', 'resolution_proposed', 2],
    ['opus-telecoms', 'escalated', 4],
    ['opus-telecoms', 'deadlock', 4],
    ['opus-titasz', 'investigating', 1],
    ['opus-titasz', 'escalated', 1],
    ['opus-titasz', 'deadlock', 3],
    ['opus', 'escalated', 2],
  ])('%s shows %s as stage %i', async (slug, status, index) => {
    expect(stageIndex(await stagesOf(slug), status)).toBe(index);
  });

  it('marks no stage when no stage lists a status', () => {
    expect(stageIndex([{ statuses: null }, {}], 'investigating')).toBe(-1);
    expect(stageIndex([{ statuses: ['closed'] }], 'received')).toBe(-1);
  });
});

describe('time left in words', () => {
  it.each([
    [
      "3 days, 3 hours and 59 minutes before the end of OPEX's window",
      '2026-12-28T19:00:00Z',
      '2026-12-31T22:59:59.999Z',
      { days: 3, hours: 3, minutes: 59, totalMinutes: 4559 },
    ],
    ['49 hours across the October DST change in London', '2026-10-24T11:00:00Z', '2026-10-26T12:00:00Z', { days: 2, hours: 1, minutes: 0, totalMinutes: 2940 }],
    ['less than a minute as none', '2026-12-31T22:59:00.001Z', '2026-12-31T22:59:59.999Z', { days: 0, hours: 0, minutes: 0, totalMinutes: 0 }],
    ['nothing once the end has passed', '2027-01-01T00:00:00Z', '2026-12-31T22:59:59.999Z', { days: 0, hours: 0, minutes: 0, totalMinutes: 0 }],
  ])('counts %s', (_, from, until, left) => {
    expect(timeLeft(new Date(from), new Date(until))).toEqual(left);
  });
});
