import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachmentContents, attachments, auditLog, caseAnswers, caseEvents, cases, type Db } from '#src/db/index.ts';
import { submitCase } from '#src/cases/submit.ts';
import { close, proposeResolution, type Actor, type CaseActionPolicy } from '#src/cases/actions.ts';
import { anonymiseExpired, retentionEndsAt } from '#src/cases/retention.ts';
import { complainantExport } from '#src/cases/complainant-export.ts';
import { startCaseScheduler } from '#src/cases/adr-scheduler.ts';
import { loadCaseFacts } from '#src/reports/case-facts.ts';
import type { RegimePolicy } from '#src/cases/regime.ts';
import type { FormField } from '#src/forms/types.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const key = () => randomBytes(16).toString('hex');
const fields: FormField[] = [
  { key: 'name', type: 'text', label: 'Name', labelLang: 'en', required: true, standard: true },
  { key: 'email', type: 'email', label: 'Email', labelLang: 'en', required: false, standard: true },
  { key: 'accountNumber', type: 'text', label: 'Account', labelLang: 'en', required: false, standard: false },
];
const calendar = { timeZone: 'Europe/London', country: 'GB', region: 'ENG' };
const commitments = [{ event: 'resolve', route: 'formal', from: 'received', duration: { amount: 8, unit: 'weeks' } }];
// Records kept three years from receipt, as FCA DISP 1.9.1R says; a later change to two years
// must not shorten what cases received before it were promised.
const regime: RegimePolicy = {
  id: 'regime-test-finance',
  name: 'Test DISP',
  limits: [
    { kind: 'retention', duration: { amount: 36, unit: 'months' }, effectiveFrom: '2011-07-02' },
    { kind: 'retention', duration: { amount: 24, unit: 'months' }, effectiveFrom: '2027-01-01' },
  ],
  adrAfterFinalResponse: true,
};
const handler: Actor = { type: 'staff', id: 'staff-1', name: 'Sam Jones', role: 'handler' };
const publicBaseUrl = 'https://complaints.example.org';

function policyOf(): CaseActionPolicy {
  return { organisationName: 'Test Bank', referencePrefix: 'TB', calendar, commitments, appealPolicy: { enabled: false, final: false }, regime };
}

describe.each(databaseEngines())('retention and export on %s', (engine) => {
  const store = useTestDatabase(engine);
  const organisation = () => `org-${key().slice(0, 8)}`;

  async function closedCase(db: Db, organisationId: string, receivedAt: Date, email = 'ann@example.org') {
    const { caseId } = (await submitCase(db, {
      organisation: { id: organisationId, slug: organisationId, referencePrefix: 'TB', calendar, commitments, regime },
      kind: 'complaint',
      language: 'en',
      idempotencyKey: key(),
      draftId: null,
      answers: { name: 'Ann Example', email, accountNumber: 'AC-12345678' },
      fields,
      now: receivedAt,
      acknowledgement: () => null,
    })) as { caseId: string };
    const input = { caseId, actor: handler, policy: policyOf(), publicBaseUrl };
    await proposeResolution(db, { ...input, now: new Date(receivedAt.getTime() + 86_400_000), body: 'We refund £40 to Ann Example.' });
    await close(db, { ...input, now: new Date(receivedAt.getTime() + 2 * 86_400_000), reason: 'resolved' });
    return caseId;
  }

  it('stores the regime and its retention on the case at submission', async () => {
    const org = organisation();
    const caseId = await closedCase(store.db, org, new Date('2026-03-10T10:00:00Z'));
    const [row] = await store.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.promised).toMatchObject({ regime: { id: 'regime-test-finance', retention: { amount: 36, unit: 'months' } } });
    // Three years from receipt, local wall time: 10:00 GMT on 10 March 2029.
    expect(retentionEndsAt(row!, policyOf())).toEqual(new Date('2029-03-10T10:00:00Z'));
  });

  it.each([
    ['a day before three years', '2029-03-09T10:00:00Z', false],
    ['three years after receipt', '2029-03-10T10:00:00Z', true],
  ])('anonymises a closed case %s: %s', async (_name, now, expected) => {
    const org = organisation();
    const caseId = await closedCase(store.db, org, new Date('2026-03-10T10:00:00Z'));
    const [file] = await store.db
      .insert(attachments)
      .values({ caseId, fieldKey: 'attachments', originalName: 'statement.pdf', mimeType: 'application/pdf', size: 9, sha256: 'x', uploadedBy: 'complainant' })
      .returning({ id: attachments.id });
    await store.db.insert(attachmentContents).values({ attachmentId: file!.id, content: Buffer.from('statement') });
    const factsBefore = await loadCaseFacts(store.db, { organisationIds: [org], from: new Date('2026-01-01'), to: new Date('2027-01-01') });

    // Only this test's organisation has a regime: other tests' cases stay as they are.
    const policyFor = async (id: string) => (id === org ? policyOf() : null);
    const result = await anonymiseExpired(store.db, { now: new Date(now), policyFor });
    expect(result.anonymised).toEqual(expected ? [caseId] : []);
    const [row] = await store.db.select().from(cases).where(eq(cases.id, caseId));
    const answers = await store.db.select().from(caseAnswers).where(eq(caseAnswers.caseId, caseId));
    const events = await store.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    if (!expected) {
      expect(row).toMatchObject({ complainantName: 'Ann Example', complainantEmail: 'ann@example.org', anonymisedAt: null });
      expect(answers.length).toBeGreaterThan(0);
      return;
    }
    expect(row).toMatchObject({ complainantName: '', complainantEmail: null, complainantPhone: null, anonymisedAt: new Date(now), status: 'closed' });
    expect(answers).toEqual([]);
    expect(events.filter((e) => e.body !== null)).toEqual([]);
    expect(events.find((e) => e.type === 'anonymised')).toMatchObject({
      actorType: 'system',
      visibility: 'internal',
      data: { regime: 'regime-test-finance', filesRemoved: 1 },
    });
    expect(await store.db.select().from(attachments).where(eq(attachments.caseId, caseId))).toEqual([]);
    // The bytes live in the case store and go with their record, in the same transaction.
    expect(await store.db.select().from(attachmentContents).where(eq(attachmentContents.attachmentId, file!.id))).toEqual([]);
    const audit = await store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'case.anonymised')));
    expect(audit).toHaveLength(1);
    // The figures stay: reports read the same facts as before.
    const factsAfter = await loadCaseFacts(store.db, { organisationIds: [org], from: new Date('2026-01-01'), to: new Date('2027-01-01') });
    expect(factsAfter.map(({ promised: _p, ...f }) => f)).toEqual(factsBefore.map(({ promised: _p, ...f }) => f));
    // Once only.
    expect((await anonymiseExpired(store.db, { now: new Date('2030-01-01T00:00:00Z'), policyFor })).anonymised).toEqual([]);
  });

  it('leaves open cases and cases of organisations without a retention period alone', async () => {
    const org = organisation();
    const caseId = await closedCase(store.db, org, new Date('2026-03-10T10:00:00Z'));
    const noRegime = async (): Promise<CaseActionPolicy> => ({ ...policyOf(), regime: null });
    // The case's own promise still names the regime's three years; with no regime in content the
    // organisation is not scanned at all.
    expect((await anonymiseExpired(store.db, { now: new Date('2035-01-01T00:00:00Z'), policyFor: noRegime })).anonymised).not.toContain(caseId);
  });

  it('runs as part of the case scheduler', async () => {
    const org = organisation();
    const caseId = await closedCase(store.db, org, new Date('2026-03-10T10:00:00Z'));
    const scheduler = startCaseScheduler({ db: store.db, policyFor: async (id) => (id === org ? policyOf() : null), publicBaseUrl, poll: false });
    const run = await scheduler.runOnce({ now: new Date('2029-03-11T00:00:00Z') });
    await scheduler.stop();
    expect(run.anonymised).toContain(caseId);
  });

  it('exports everything about one complainant across their cases, and nobody else', async () => {
    const org = organisation();
    const first = await closedCase(store.db, org, new Date('2026-03-10T10:00:00Z'), 'Ann@Example.org');
    const second = await closedCase(store.db, org, new Date('2026-05-10T10:00:00Z'), 'ann@example.org');
    const other = await closedCase(store.db, org, new Date('2026-05-11T10:00:00Z'), 'bob@example.org');
    const data = (await complainantExport(store.db, second, new Date('2026-06-01T00:00:00Z')))!;
    expect(data.cases.map((c) => c.id).sort()).toEqual([first, second].sort());
    expect(data.cases.map((c) => c.id)).not.toContain(other);
    const exported = data.cases.find((c) => c.id === second)!;
    expect(exported.complainant).toMatchObject({ name: 'Ann Example', email: 'ann@example.org' });
    expect(exported.answers, JSON.stringify(exported.answers)).toContainEqual({ field: 'accountNumber', value: 'AC-12345678' });
    expect(exported.events.map((e) => e.type)).toEqual(['received', 'resolution_proposed', 'closed']);
    expect(JSON.stringify(data)).not.toContain('accessCodeHash');
    expect(await complainantExport(store.db, 'not-a-uuid', new Date())).toBeNull();
  });
});
