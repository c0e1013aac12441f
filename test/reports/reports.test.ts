import { describe, expect, it, beforeAll } from 'vitest';
import { caseExport, caseExportColumns, organisationFigures, toCsv } from '#src/reports/index.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';
import { insertCase, policy } from './fixtures.ts';

// March 2025 at a UK organisation (acknowledge within 2 business days: a case received on
// Monday 3 March is due by the end of Wednesday 5 March; answer within 15 days: 18 March).
const march = { from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00+01:00') };
const now = new Date('2025-03-31T12:00:00Z');

describe.each(databaseEngines())('reports on %s', (engine) => {
  const store = useTestDatabase(engine);

  beforeAll(async () => {
    const db = store.db;
    // On time both ways: acknowledged the next day; answered on 21 March, after 5 days awaiting the complainant (due 23 March).
    await insertCase(db, {
      reference: 'OPT-2025-AAAA-0001',
      status: 'appeal_decided',
      receivedAt: '2025-03-03T10:00:00Z',
      events: [
        ['acknowledged', '2025-03-04T15:00:00Z'],
        ['information_requested', '2025-03-05T10:00:00Z'],
        ['complainant_replied', '2025-03-10T10:00:00Z'],
        ['resolution_proposed', '2025-03-21T10:00:00Z', { compensation: '£20' }],
        ['appealed', '2025-03-24T10:00:00Z'],
        ['appeal_decided', '2025-03-28T10:00:00Z', { outcome: 'upheld', final: true }],
      ],
    });
    // Late both ways: acknowledged on Friday, answered on 25 March; appeal not upheld; an ADR notice.
    await insertCase(db, {
      reference: 'OPT-2025-AAAA-0002',
      status: 'closed',
      receivedAt: '2025-03-03T10:05:00Z',
      events: [
        ['acknowledged', '2025-03-07T12:00:00Z'],
        ['resolution_proposed', '2025-03-25T10:00:00Z'],
        ['appealed', '2025-03-26T10:00:00Z'],
        ['appeal_decided', '2025-03-27T10:00:00Z', { outcome: 'notUpheld', final: true }],
        ['adr_notice', '2025-03-27T10:00:01Z', { reason: 'deadlock' }],
        ['closed', '2025-03-27T10:00:02Z', { reason: 'appealDecided' }],
      ],
    });
    // Closed as resolved two days after receipt: acknowledged and answered on time, nothing to appeal.
    await insertCase(db, {
      reference: 'OPT-2025-AAAA-0003',
      status: 'closed',
      receivedAt: '2025-03-10T09:00:00Z',
      events: [
        ['acknowledged', '2025-03-10T11:00:00Z'],
        ['closed', '2025-03-12T16:00:00Z', { reason: 'resolved' }],
      ],
    });
    // Received on Friday 28 March: nothing due yet on the 31st.
    await insertCase(db, { reference: 'OPT-2025-AAAA-0004', status: 'received', receivedAt: '2025-03-28T10:00:00Z' });
    // Left out of the figures: a compliment, another organisation's complaint, April's complaint.
    await insertCase(db, { reference: 'OPT-2025-AAAA-0005', kind: 'compliment', status: 'received', receivedAt: '2025-03-05T10:00:00Z' });
    await insertCase(db, { reference: 'OPX-2025-AAAA-0006', organisationId: 'org-other', status: 'received', receivedAt: '2025-03-05T10:00:00Z' });
    await insertCase(db, { reference: 'OPT-2025-AAAA-0007', status: 'received', receivedAt: '2025-04-01T09:00:00+01:00' });
  });

  it("counts a month of complaints: on time against the organisation's own deadlines, appeals and upheld appeals", async () => {
    const figures = await organisationFigures(store.db, { organisationId: 'org-uk', ...march, policy, now });
    expect(figures).toEqual([
      {
        month: '2025-03',
        received: 4,
        acknowledgedOnTime: { count: 2, of: 3, share: 2 / 3 },
        answeredOnTime: { count: 2, of: 3, share: 2 / 3 },
        appealed: { count: 2, of: 2, share: 1 },
        upheld: { count: 1, of: 2, share: 0.5 },
        pending: { acknowledgement: 1, answer: 1 },
      },
    ]);
  });

  it('calls a pending acknowledgement late once its deadline has passed', async () => {
    const later = new Date('2025-04-02T12:00:00+01:00');
    const [month] = await organisationFigures(store.db, { organisationId: 'org-uk', ...march, policy, now: later });
    expect(month!.acknowledgedOnTime).toEqual({ count: 2, of: 4, share: 0.5 });
    expect(month!.pending).toEqual({ acknowledgement: 0, answer: 1 });
  });

  it('lists every month of the range, empty ones with zeros and no shares', async () => {
    const figures = await organisationFigures(store.db, {
      organisationId: 'org-uk',
      from: new Date('2025-02-01T00:00:00Z'),
      to: new Date('2025-05-01T00:00:00+01:00'),
      policy,
      now,
    });
    expect(figures.map((m) => [m.month, m.received])).toEqual([
      ['2025-02', 0],
      ['2025-03', 4],
      ['2025-04', 1],
    ]);
    expect(figures[0]!.answeredOnTime).toEqual({ count: 0, of: 0, share: null });
  });

  it("exports the regulators' record of the organisations asked for, oldest first, without personal data", async () => {
    const rows = await caseExport(store.db, { organisationIds: ['org-uk'], ...march });
    expect(rows.map((r) => r.reference)).toEqual([
      'OPT-2025-AAAA-0001',
      'OPT-2025-AAAA-0002',
      'OPT-2025-AAAA-0005',
      'OPT-2025-AAAA-0003',
      'OPT-2025-AAAA-0004',
    ]);
    expect(rows[0]).toEqual({
      reference: 'OPT-2025-AAAA-0001',
      organisation: 'uk',
      kind: 'complaint',
      channel: 'web',
      language: 'en',
      receivedAt: new Date('2025-03-03T10:00:00Z'),
      acknowledgedAt: new Date('2025-03-04T15:00:00Z'),
      answeredAt: new Date('2025-03-21T10:00:00Z'),
      status: 'appeal_decided',
      compensationClaim: false,
      appealed: true,
      appealOutcome: 'upheld',
      closedAt: null,
      closedReason: null,
      adrNoticeSent: false,
      deadlockIssued: false,
    });
    expect(rows[1]).toMatchObject({
      appealOutcome: 'notUpheld',
      closedAt: new Date('2025-03-27T10:00:02Z'),
      closedReason: 'appealDecided',
      adrNoticeSent: true,
    });
    expect(rows[3]).toMatchObject({ answeredAt: new Date('2025-03-12T16:00:00Z'), closedReason: 'resolved', appealed: false });
    expect(rows[4]).toMatchObject({ acknowledgedAt: null, answeredAt: null, status: 'received' });

    const csv = toCsv(rows, caseExportColumns);
    expect(csv.split('\r\n')[0]).toBe(
      'reference,organisation,kind,channel,language,received_at,acknowledged_at,answered_at,status,compensation_claim,appealed,appeal_outcome,closed_at,closed_reason,adr_notice_sent,deadlock_issued',
    );
    expect(csv.split('\r\n')[1]).toBe(
      'OPT-2025-AAAA-0001,uk,complaint,web,en,2025-03-03T10:00:00.000Z,2025-03-04T15:00:00.000Z,2025-03-21T10:00:00.000Z,appeal_decided,no,yes,upheld,,,no,no',
    );
    expect(csv).not.toMatch(/Complainant|example\.org|refund/);
  });

  it('exports several organisations at once and none when given none', async () => {
    const both = await caseExport(store.db, { organisationIds: ['org-uk', 'org-other'], ...march });
    expect(both.map((r) => r.organisation)).toContain('other');
    expect(await caseExport(store.db, { organisationIds: [], ...march })).toEqual([]);
  });
});
