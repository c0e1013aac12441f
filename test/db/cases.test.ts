import { setTimeout as sleep } from 'node:timers/promises';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseAnswers, caseEvents, cases, outbox, rateLimits } from '#src/db/index.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';
import { newCase } from './fixtures.ts';

describe.each(databaseEngines())('cases on %s', (engine) => {
  const store = useTestDatabase(engine);

  it('writes a case with its received event and answers in one transaction', async () => {
    const reference = await store.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(cases)
        .values(newCase({ category: 'billing' }))
        .returning();
      await tx.insert(caseEvents).values({ caseId: created!.id, type: 'received', actorType: 'complainant', visibility: 'complainant', data: { via: 'web' } });
      await tx.insert(caseAnswers).values([
        { caseId: created!.id, fieldKey: 'customerId', value: 'C-1234' },
        { caseId: created!.id, fieldKey: 'address', value: { line1: '1 High Street', postcode: 'AB1 2CD' } },
      ]);
      await tx
        .insert(outbox)
        .values({ caseId: created!.id, template: 'acknowledgement', language: 'en', toAddress: 'ada@example.org', payload: { reference: created!.reference } });
      return created!.reference;
    });

    const [stored] = await store.db.select().from(cases).where(eq(cases.reference, reference));
    expect(stored).toMatchObject({ status: 'received', kind: 'complaint', channel: 'web', compensationClaim: false, category: 'billing' });
    expect(stored!.receivedAt).toEqual(new Date('2026-11-23T09:15:00Z'));
    const events = await store.db.select().from(caseEvents).where(eq(caseEvents.caseId, stored!.id));
    expect(events).toMatchObject([{ type: 'received', data: { via: 'web' } }]);
    const answers = await store.db.select().from(caseAnswers).where(eq(caseAnswers.caseId, stored!.id)).orderBy(asc(caseAnswers.fieldKey));
    expect(answers.map((a) => a.value)).toEqual([{ line1: '1 High Street', postcode: 'AB1 2CD' }, 'C-1234']);
    expect(await store.db.select().from(outbox).where(eq(outbox.caseId, stored!.id))).toMatchObject([{ status: 'pending', attempts: 0 }]);
  });

  it('leaves no case, no event and no mail when a step after the case insert fails', async () => {
    const draft = newCase({ complainantEmail: 'rolled-back@example.org' });
    let caseId: string | undefined;
    const failure = store.db.transaction(async (tx) => {
      const [created] = await tx.insert(cases).values(draft).returning();
      caseId = created!.id;
      await tx.insert(caseEvents).values({ caseId, type: 'received', actorType: 'complainant', visibility: 'complainant' });
      await tx.insert(outbox).values({ caseId, template: 'acknowledgement', language: 'en', toAddress: 'rolled-back@example.org' });
      throw new Error('injected failure after the case insert');
    });
    await expect(failure).rejects.toThrow('injected failure after the case insert');

    expect(caseId).toBeDefined();
    expect(await store.db.select().from(cases).where(eq(cases.reference, draft.reference))).toEqual([]);
    expect(await store.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId!))).toEqual([]);
    expect(await store.db.select().from(outbox).where(eq(outbox.toAddress, 'rolled-back@example.org'))).toEqual([]);
  });

  it('rejects a second case with the same reference', async () => {
    const first = newCase();
    await store.db.insert(cases).values(first);
    const duplicate = store.db.insert(cases).values(newCase({ reference: first.reference }));
    await expect(duplicate).rejects.toMatchObject({ cause: { code: '23505', constraint: 'cases_reference_key' } });
  });

  it('rejects an event for a case that does not exist', async () => {
    const orphan = store.db
      .insert(caseEvents)
      .values({ caseId: '00000000-0000-4000-8000-000000000000', type: 'note', actorType: 'staff', visibility: 'internal' });
    await expect(orphan).rejects.toMatchObject({ cause: { code: '23503' } });
  });

  it('commits 20 concurrent transactions completely and rolls back the failing ones completely', async () => {
    const organisationId = `organisation-concurrent-${engine}`;
    const counter = { key: `counter-${engine}`, windowStart: new Date(0) };
    await store.db.insert(rateLimits).values({ ...counter, count: 0 });
    let active = 0;
    let mostActive = 0;

    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.db.transaction(async (tx) => {
          active++;
          mostActive = Math.max(mostActive, active);
          try {
            const [created] = await tx.insert(cases).values(newCase({ organisationId })).returning();
            // Read, wait, write: a lost update if two transactions ever saw the same value.
            const [current] = await tx.select().from(rateLimits).where(eq(rateLimits.key, counter.key)).for('update');
            await sleep(2);
            await tx
              .update(rateLimits)
              .set({ count: current!.count + 1 })
              .where(eq(rateLimits.key, counter.key));
            await tx.insert(caseEvents).values({ caseId: created!.id, type: 'received', actorType: 'system', visibility: 'internal', data: { i } });
            if (i % 4 === 3) throw new Error(`transaction ${i} fails after its writes`);
            return i;
          } finally {
            active--;
          }
        }),
      ),
    );

    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(5);
    const committed = await store.db.select({ id: cases.id }).from(cases).where(eq(cases.organisationId, organisationId));
    expect(committed).toHaveLength(15);
    const events = await store.db
      .select({ data: caseEvents.data })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(eq(cases.organisationId, organisationId));
    expect(events.map((e) => e.data.i).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 4 !== 3));
    const [final] = await store.db.select().from(rateLimits).where(eq(rateLimits.key, counter.key));
    expect(final!.count).toBe(15);
    // PGlite is one connection: its transactions take turns. PostgreSQL runs them side by side.
    if (engine === 'pglite') expect(mostActive).toBe(1);
    else expect(mostActive).toBeGreaterThan(1);
  });
});
