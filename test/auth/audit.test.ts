import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, caseEvents, cases } from '#src/db/index.ts';
import { acknowledge, addNote, type CaseActionPolicy } from '#src/cases/actions.ts';
import { recordAudit } from '#src/auth/index.ts';
import { newCase } from '../db/fixtures.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const policy: CaseActionPolicy = {
  organisationName: 'OPEX',
  calendar: { timeZone: 'Africa/Tunis', country: 'TN' },
  commitments: [{ event: 'acknowledge', route: 'formal', from: 'received', duration: { amount: 5, unit: 'calendarDays' } }],
  appealPolicy: { enabled: false, final: false },
  adr: [],
};
const staff = { type: 'staff' as const, id: 'staff-1', name: 'Leila Ben Ali', role: 'handler' as const };
const now = new Date('2026-11-24T10:00:00Z');

describe.each(databaseEngines())('the audit log on %s', (engine) => {
  const store = useTestDatabase(engine);

  async function receivedCase() {
    const [row] = await store.db.insert(cases).values(newCase()).returning();
    await store.db
      .insert(caseEvents)
      .values({ caseId: row!.id, type: 'received', actorType: 'complainant', visibility: 'complainant', createdAt: row!.receivedAt });
    return row!;
  }

  it("gets a row for each staff action, in the action's transaction, naming its events", async () => {
    const row = await receivedCase();
    const input = { caseId: row.id, actor: staff, now, policy, publicBaseUrl: 'https://complaints.example.org' };
    expect((await acknowledge(store.db, input)).ok).toBe(true);
    expect((await addNote(store.db, { ...input, now: new Date(now.getTime() + 60_000), body: 'Called the customer back.' })).ok).toBe(true);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.caseId, row.id)).orderBy(asc(auditLog.id));
    expect(audit.map((a) => [a.action, a.actorType, a.actorId, a.organisationId])).toEqual([
      ['acknowledged', 'staff', 'staff-1', 'organisation-opex'],
      ['note', 'staff', 'staff-1', 'organisation-opex'],
    ]);
    expect(audit[0]!.at).toEqual(now);
    const events = await store.db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.id));
    expect(audit[0]!.details).toEqual({ eventIds: [events[1]!.id] });
  });

  it('gets no row for a refused action', async () => {
    const row = await receivedCase();
    const refused = await addNote(store.db, { caseId: row.id, actor: staff, now, policy, publicBaseUrl: 'https://complaints.example.org', body: '   ' });
    expect(refused.ok).toBe(false);
    expect(await store.db.select().from(auditLog).where(eq(auditLog.caseId, row.id))).toEqual([]);
  });

  it('stores a hash of the client address, never the address', async () => {
    await recordAudit(store.db, { actor: staff, organisationId: 'organisation-opex', action: 'export', clientKey: '203.0.113.9', now });
    const [row] = await store.db.select().from(auditLog).where(eq(auditLog.action, 'export'));
    expect(row!.clientHash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(row)).not.toContain('203.0.113.9');
  });
});
