import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseEvents, cases, outbox, type Db } from '#src/db/index.ts';
import { submitCase, type NewCase } from '#src/cases/submit.ts';
import { acceptResolution, issueDeadlock, proposeResolution, type Actor, type CaseActionPolicy } from '#src/cases/actions.ts';
import { closePassedWindows, runAdrScheduler, startCaseScheduler } from '#src/cases/adr-scheduler.ts';
import { renderMail } from '#src/mail/index.ts';
import type { FormField } from '#src/forms/types.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const key = () => randomBytes(16).toString('hex');
const fields: FormField[] = [
  { key: 'name', type: 'text', label: 'Name', labelLang: 'en', required: true, standard: true },
  { key: 'email', type: 'email', label: 'Email', labelLang: 'en', required: false, standard: true },
];
const calendar = { timeZone: 'Europe/London', country: 'GB' };
const commitments = [{ event: 'resolve', route: 'formal', from: 'received', duration: { amount: 8, unit: 'weeks' } }];
const publicBaseUrl = 'https://complaints.example.org';
const handler: Actor = { type: 'staff', id: 'staff-1', name: 'Sam Jones', role: 'handler' };

function policyOf(organisationName: string): CaseActionPolicy {
  return {
    organisationName,
    referencePrefix: 'UKT',
    calendar,
    commitments,
    appealPolicy: { enabled: false, final: false },
    adr: [{ key: 'ombudsman', afterWeeks: 8, onDeadlock: true }],
    adrBodies: [
      {
        rule: 'ombudsman',
        name: 'Communications Ombudsman',
        website: 'https://www.ombudsman-services.org',
        phones: ['0330 440 1614'],
        address: ['PO Box 730', 'Warrington', 'WA4 6WU'],
        applyWithin: { amount: 12, unit: 'months' },
      },
    ],
  };
}

describe.each(databaseEngines())('the ADR scheduler on %s', (engine) => {
  const store = useTestDatabase(engine);
  // Each test has its own organisation, so that runs do not see one another's cases.
  const organisation = () => `org-${key().slice(0, 8)}`;
  const policies = new Map<string, CaseActionPolicy>();
  const policyFor = async (id: string) => policies.get(id) ?? null;

  async function received(db: Db, organisationId: string, now: Date, email: string | null = 'sam@example.org'): Promise<string> {
    policies.set(organisationId, policyOf('Telco Ltd'));
    const input: NewCase = {
      organisation: { id: organisationId, slug: organisationId, referencePrefix: 'UKT', calendar, commitments },
      kind: 'complaint',
      language: 'en',
      idempotencyKey: key(),
      draftId: null,
      answers: email ? { name: 'Sam Smith', email } : { name: 'Sam Smith' },
      fields,
      now,
      acknowledgement: () => null,
    };
    return (await submitCase(db, input)).caseId;
  }
  const notices = (db: Db, ids: string[]) =>
    db
      .select()
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, 'adr_notice')))
      .orderBy(asc(caseEvents.id));
  const letters = (db: Db, ids: string[]) =>
    db
      .select()
      .from(outbox)
      .where(and(inArray(outbox.caseId, ids), eq(outbox.template, 'adrLetter')));

  // 5 January to 2 March 2026: no clock change in between, so 8 weeks are 56 × 24 hours.
  const receivedAt = new Date('2026-01-05T10:00:00Z');
  const eightWeeks = new Date('2026-03-02T10:00:00Z');

  it('sends nothing a minute before 8 weeks, and the letter exactly at 8 weeks, once', async () => {
    const org = organisation();
    const caseId = await received(store.db, org, receivedAt);
    expect(await runAdrScheduler(store.db, { now: new Date(eightWeeks.getTime() - 60_000), policyFor, publicBaseUrl })).toEqual({ noticed: [] });
    expect(await notices(store.db, [caseId])).toEqual([]);

    expect(await runAdrScheduler(store.db, { now: eightWeeks, policyFor, publicBaseUrl })).toEqual({ noticed: [caseId] });
    expect(await runAdrScheduler(store.db, { now: new Date(eightWeeks.getTime() + 60_000), policyFor, publicBaseUrl })).toEqual({ noticed: [] });
    const [notice] = await notices(store.db, [caseId]);
    expect(notice).toMatchObject({ actorType: 'system', visibility: 'complainant', data: { reason: 'period', rules: ['ombudsman'] }, createdAt: eightWeeks });
    const mail = await letters(store.db, [caseId]);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      toAddress: 'sam@example.org',
      language: 'en',
      payload: { reason: 'period', after: { amount: 8, unit: 'weeks' }, receivedAt: receivedAt.toISOString() },
    });
    const rendered = renderMail('adrLetter', 'en', mail[0]!.payload);
    expect(rendered.text).toContain('8 weeks have passed');
    expect(rendered.text).toContain('Communications Ombudsman');
    expect(rendered.html).toContain('href="tel:03304401614"');
    expect(rendered.text).toContain('You have 12 months to contact it.');
  });

  it('writes the notice without a letter when there is no email address', async () => {
    const org = organisation();
    const caseId = await received(store.db, org, receivedAt, null);
    expect(await runAdrScheduler(store.db, { now: eightWeeks, policyFor, publicBaseUrl })).toEqual({ noticed: [caseId] });
    expect(await letters(store.db, [caseId])).toEqual([]);
  });

  it('sends no notice for a case whose resolution was accepted', async () => {
    const org = organisation();
    const caseId = await received(store.db, org, receivedAt);
    const policy = policies.get(org)!;
    await proposeResolution(store.db, { caseId, actor: handler, now: new Date('2026-02-01T10:00:00Z'), policy, publicBaseUrl, body: 'A refund.' });
    expect(
      await acceptResolution(store.db, { caseId, actor: { type: 'complainant' }, now: new Date('2026-02-02T10:00:00Z'), policy, publicBaseUrl }),
    ).toMatchObject({ ok: true });
    expect(await runAdrScheduler(store.db, { now: new Date(eightWeeks.getTime() + 86_400_000), policyFor, publicBaseUrl })).toEqual({ noticed: [] });
    expect(await notices(store.db, [caseId])).toEqual([]);
  });

  it('sends the letter at once after a deadlock letter, with the deadlock as the reason', async () => {
    const org = organisation();
    const caseId = await received(store.db, org, receivedAt);
    const at = new Date('2026-01-20T10:00:00Z');
    const deadlock = await issueDeadlock(store.db, {
      caseId,
      actor: handler,
      now: at,
      policy: policies.get(org)!,
      publicBaseUrl,
      body: 'We cannot go further.',
    });
    expect(deadlock).toMatchObject({ ok: true });
    const update = (await store.db.select().from(outbox).where(eq(outbox.caseId, caseId)))[0]!;
    expect(update.payload).toMatchObject({ update: 'deadlock', adrFollows: true });
    expect(await runAdrScheduler(store.db, { now: new Date(at.getTime() + 60_000), policyFor, publicBaseUrl })).toEqual({ noticed: [caseId] });
    expect((await letters(store.db, [caseId]))[0]!.payload).toMatchObject({ reason: 'deadlock' });
    expect((await letters(store.db, [caseId]))[0]!.payload).not.toHaveProperty('weeks');
  });

  it('leaves the cases of an organisation without ADR rules or without a policy alone', async () => {
    const org = organisation();
    const caseId = await received(store.db, org, receivedAt);
    policies.set(org, { ...policyOf('No ADR Ltd'), adr: [] });
    const other = organisation();
    const unknown = await received(store.db, other, receivedAt);
    policies.delete(other);
    const { noticed } = await runAdrScheduler(store.db, { now: eightWeeks, policyFor, publicBaseUrl });
    expect(noticed).not.toContain(caseId);
    expect(noticed).not.toContain(unknown);
  });

  it('runs inside the server: runOnce, and stop() waits for the run', async () => {
    const org = organisation();
    const caseId = await received(store.db, org, receivedAt);
    const scheduler = startCaseScheduler({ db: store.db, policyFor, publicBaseUrl, poll: false, now: () => eightWeeks });
    const result = await scheduler.runOnce();
    expect(result.noticed).toContain(caseId);
    await scheduler.stop();
    const polling = startCaseScheduler({ db: store.db, policyFor, publicBaseUrl, intervalMs: 10, now: () => eightWeeks });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await polling.stop();
    expect(await notices(store.db, [caseId])).toHaveLength(1);
  });

  it('closes a proposal whose appeal window has passed, and only then', async () => {
    const org = organisation();
    const caseId = await received(store.db, org, receivedAt);
    const policy: CaseActionPolicy = {
      ...policyOf('Telco Ltd'),
      adr: [],
      appealPolicy: { enabled: true, window: { amount: 5, unit: 'calendarDays' }, final: true },
    };
    policies.set(org, policy);
    await proposeResolution(store.db, { caseId, actor: handler, now: new Date('2026-01-10T10:00:00Z'), policy, publicBaseUrl, body: 'A refund.' });
    // The window ends with 15 January in London.
    expect((await closePassedWindows(store.db, { now: new Date('2026-01-15T23:58:00Z'), policyFor, publicBaseUrl })).closed).not.toContain(caseId);
    expect((await closePassedWindows(store.db, { now: new Date('2026-01-16T00:01:00Z'), policyFor, publicBaseUrl })).closed).toContain(caseId);
    expect((await store.db.select().from(cases).where(eq(cases.id, caseId)))[0]).toMatchObject({ status: 'closed' });
  });

  if (engine === 'postgres') {
    it('sends each letter exactly once with two schedulers racing on two connections', async () => {
      const org = organisation();
      const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => received(store.db, org, new Date(receivedAt.getTime() + i * 1000))));
      const second = await store.connectAgain();
      const later = new Date(eightWeeks.getTime() + 3600_000);
      const runs = await Promise.all([
        runAdrScheduler(store.db, { now: later, policyFor, publicBaseUrl }),
        runAdrScheduler(second.db, { now: later, policyFor, publicBaseUrl }),
        runAdrScheduler(second.db, { now: later, policyFor, publicBaseUrl }),
      ]);
      const noticed = runs.flatMap((r) => r.noticed.filter((id) => ids.includes(id)));
      expect(noticed.sort()).toEqual([...ids].sort());
      expect(await notices(store.db, ids)).toHaveLength(30);
      expect(await letters(store.db, ids)).toHaveLength(30);
    });

    it('inserts nothing when the notice is already there (the unique index holds)', async () => {
      const org = organisation();
      const caseId = await received(store.db, org, receivedAt);
      await store.db.insert(caseEvents).values({ caseId, type: 'adr_notice', actorType: 'system', visibility: 'complainant', data: { reason: 'weeks' } });
      await expect(
        store.db.insert(caseEvents).values({ caseId, type: 'adr_notice', actorType: 'system', visibility: 'complainant', data: { reason: 'weeks' } }),
      ).rejects.toThrow();
      expect((await runAdrScheduler(store.db, { now: eightWeeks, policyFor, publicBaseUrl })).noticed).not.toContain(caseId);
    });
  }
});
