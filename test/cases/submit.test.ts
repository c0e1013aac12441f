import { randomBytes } from 'node:crypto';
import { eq, count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachments, caseAnswers, caseEvents, cases, outbox } from '#src/db/index.ts';
import { submitCase, findCase, receivedDeadlines, type NewCase } from '#src/cases/submit.ts';
import { storeUpload } from '#src/cases/attachment-store.ts';
import { verifyAccessCode } from '#src/cases/access-code.ts';
import { parseReference } from '#src/cases/reference.ts';
import type { FormField } from '#src/forms/types.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const key = () => randomBytes(16).toString('hex');
const fields: FormField[] = [
  { key: 'name', type: 'text', label: 'Name', labelLang: 'en', required: true, standard: true },
  { key: 'email', type: 'email', label: 'Email', labelLang: 'en', required: false, standard: true },
  { key: 'claim', type: 'radio', label: 'Compensation', labelLang: 'en', required: false, standard: false, role: 'compensationClaim' },
  { key: 'documents', type: 'file', label: 'Documents', labelLang: 'en', required: false, standard: false, maxFiles: 3 },
];

function newCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    organisation: {
      id: 'org-test',
      slug: 'test',
      referencePrefix: 'TST',
      calendar: { timeZone: 'Europe/Budapest', country: 'HU' },
      commitments: [
        { event: 'resolve', route: 'formal', from: 'received', duration: { amount: 15, unit: 'calendarDays' } },
        { event: 'resolveCompensation', route: 'formal', from: 'received', duration: { amount: 30, unit: 'calendarDays' } },
      ],
    },
    kind: 'complaint',
    language: 'hu',
    idempotencyKey: key(),
    draftId: key(),
    answers: { name: 'Kovács Anna', email: 'anna@example.org', claim: 'yes' },
    fields,
    now: new Date('2026-11-21T09:00:00Z'),
    acknowledgement: ({ reference, accessCode }) => ({
      template: 'acknowledgement',
      to: 'anna@example.org',
      payload: {
        kind: 'complaint',
        reference,
        accessCode,
        statusUrl: 'http://localhost/hu/track',
        organisationName: 'Teszt Zrt.',
        timeZone: 'Europe/Budapest',
        contacts: [],
      },
    }),
    ...overrides,
  };
}

describe.each(databaseEngines())('submitting a complaint on %s', (engine) => {
  const store = useTestDatabase(engine, { poolSize: 20 });
  const countOf = async (table: typeof cases | typeof caseEvents | typeof outbox) => (await store.db.select({ n: count() }).from(table))[0]!.n;

  it('writes the case, its answers, its received event and its acknowledgement together', async () => {
    const result = await submitCase(store.db, newCase());
    expect(result).toMatchObject({ ok: true, duplicate: false });
    if (result.duplicate) throw new Error('unexpected duplicate');
    expect(parseReference(result.reference)).toMatchObject({ ok: true, prefix: 'TST', year: 2026 });
    const row = await findCase(store.db, result.caseId);
    expect(row).toMatchObject({ reference: result.reference, status: 'received', compensationClaim: true, complainantName: 'Kovács Anna' });
    // The access code is kept only as a hash that the code verifies.
    expect(row!.accessCodeHash).not.toContain(result.accessCode);
    expect(await verifyAccessCode(result.accessCode, row!.accessCodeHash)).toBe(true);
    // A compensation claim is answered within 30 days, not 15 (the end of 21 December in Budapest).
    expect(row!.nextDueEvent).toBe('resolveCompensation');
    expect(row!.nextDueAt?.toISOString()).toBe('2026-12-21T22:59:59.999Z');
    expect(await receivedDeadlines(store.db, result.caseId)).toEqual([{ event: 'resolveCompensation', due: new Date('2026-12-21T22:59:59.999Z') }]);
    const answers = await store.db.select().from(caseAnswers).where(eq(caseAnswers.caseId, result.caseId));
    expect(Object.fromEntries(answers.map((a) => [a.fieldKey, a.value]))).toEqual({ name: 'Kovács Anna', email: 'anna@example.org', claim: 'yes' });
    const events = await store.db.select().from(caseEvents).where(eq(caseEvents.caseId, result.caseId));
    expect(events.map((e) => [e.type, e.visibility])).toEqual([['received', 'complainant']]);
    const mail = await store.db.select().from(outbox).where(eq(outbox.caseId, result.caseId));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: 'acknowledgement', language: 'hu', toAddress: 'anna@example.org', status: 'pending' });
  });

  it('leaves no case, no event and no mail when something fails after the case is written', async () => {
    const before = await Promise.all([countOf(cases), countOf(caseEvents), countOf(outbox)]);
    await expect(
      submitCase(
        store.db,
        newCase({
          afterCaseInsert: async () => {
            throw new Error('injected failure');
          },
        }),
      ),
    ).rejects.toThrow('injected failure');
    expect(await Promise.all([countOf(cases), countOf(caseEvents), countOf(outbox)])).toEqual(before);
  });

  it('makes one case of the same submission sent twice', async () => {
    const input = newCase();
    const first = await submitCase(store.db, input);
    const second = await submitCase(store.db, input);
    expect(second).toMatchObject({ ok: true, duplicate: true, caseId: first.caseId, reference: first.reference });
  });

  it('makes one case of the same submission sent five times at once', async () => {
    const input = newCase();
    const before = await countOf(cases);
    const results = await Promise.all(Array.from({ length: 5 }, () => submitCase(store.db, input)));
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await countOf(cases)) - before).toBe(1);
  });

  it("attaches files uploaded with its own form, and refuses another form's file", async () => {
    const draftId = key();
    const bytes = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    const mine = await storeUpload(store.db, { draftId, fieldKey: 'documents', bytes, originalName: 'letter.pdf', mimeType: 'application/pdf' });
    const result = await submitCase(store.db, newCase({ draftId, answers: { name: 'A', documents: [mine.id] } }));
    const attached = await store.db.select().from(attachments).where(eq(attachments.id, mine.id));
    expect(attached[0]).toMatchObject({ caseId: result.caseId, draftId: null, originalName: 'letter.pdf' });

    const other = await storeUpload(store.db, { draftId: key(), fieldKey: 'documents', bytes, originalName: 'x.pdf', mimeType: 'application/pdf' });
    const before = await countOf(cases);
    await expect(submitCase(store.db, newCase({ answers: { name: 'B', documents: [other.id] } }))).rejects.toThrow(/attachment/);
    expect(await countOf(cases)).toBe(before);
  });

  it('keeps an answer that looks like a number as the text typed, leading zeros and all', async () => {
    // A customer ID is text: "00123456" must not come back as the number 123456.
    const answers = {
      name: 'Kovács Anna',
      email: 'anna@example.org',
      customerId: '00123456',
      meter: '12345678',
      agreed: 'true',
      none: 'null',
      choices: ['007', 'x'],
    };
    const result = await submitCase(store.db, newCase({ answers }));
    if (!result.ok || result.duplicate) throw new Error('not submitted');
    const rows = await store.db.select().from(caseAnswers).where(eq(caseAnswers.caseId, result.caseId));
    expect(Object.fromEntries(rows.map((row) => [row.fieldKey, row.value]))).toEqual(answers);
  });

  it('queues no mail when there is no address to send it to', async () => {
    const result = await submitCase(store.db, newCase({ acknowledgement: () => null }));
    expect(await store.db.select().from(outbox).where(eq(outbox.caseId, result.caseId))).toEqual([]);
  });
});
