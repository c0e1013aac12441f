import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachmentContents, attachments, cases, type Db } from '#src/db/index.ts';
import { submitCase, type NewCase } from '#src/cases/submit.ts';
import { appeal, proposeResolution, type Actor, type CaseActionPolicy } from '#src/cases/actions.ts';
import { closePassedWindows, runAdrScheduler, startCaseScheduler } from '#src/cases/adr-scheduler.ts';
import { appealClosesAt } from '#src/cases/lifecycle.ts';
import { openUpload, storeUpload } from '#src/cases/attachment-store.ts';
import { removeUnclaimedDrafts } from '#src/files/draft-cleanup.ts';
import { importDiskUploads } from '#src/files/import-disk-uploads.ts';
import type { FormField } from '#src/forms/types.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const key = () => randomBytes(16).toString('hex');
const fields: FormField[] = [
  { key: 'name', type: 'text', label: 'Name', labelLang: 'en', required: true, standard: true },
  { key: 'email', type: 'email', label: 'Email', labelLang: 'en', required: false, standard: true },
];
const calendar = { timeZone: 'Europe/London', country: 'GB', region: 'ENG' };
const commitments = [{ event: 'resolve', route: 'formal', from: 'received', duration: { amount: 8, unit: 'weeks' } }];
const publicBaseUrl = 'https://complaints.example.org';
const handler: Actor = { type: 'staff', id: 'staff-1', name: 'Sam Jones', role: 'handler' };
const adr = [{ key: 'ombudsman', afterWeeks: 8, onDeadlock: true }];
const policy: CaseActionPolicy = {
  organisationName: 'Telco Ltd',
  referencePrefix: 'UKT',
  calendar,
  commitments,
  appealPolicy: { enabled: true, window: { amount: 10, unit: 'businessDays' }, final: true },
  adr,
  adrBodies: [{ rule: 'ombudsman', name: 'Communications Ombudsman', website: 'https://www.ombudsman-services.org' }],
};

// 5 January 2026, a Monday; 8 weeks later is 2 March.
const receivedAt = new Date('2026-01-05T10:00:00Z');

describe.each(databaseEngines())('the case scheduler at scale on %s', (engine) => {
  const store = useTestDatabase(engine);
  const policies = new Map<string, CaseActionPolicy>();
  const policyFor = async (id: string) => policies.get(id) ?? null;
  const organisation = (rules: CaseActionPolicy = policy) => {
    const id = `org-${key().slice(0, 8)}`;
    policies.set(id, rules);
    return id;
  };
  const row = async (db: Db, id: string) => (await db.select().from(cases).where(eq(cases.id, id)))[0]!;

  async function received(db: Db, organisationId: string, now = receivedAt, rules: NewCase['organisation']['adr'] | 'unknown' = adr): Promise<string> {
    const input: NewCase = {
      organisation: { id: organisationId, slug: organisationId, referencePrefix: 'UKT', calendar, commitments, ...(rules !== 'unknown' ? { adr: rules } : {}) },
      kind: 'complaint',
      language: 'en',
      idempotencyKey: key(),
      draftId: null,
      answers: { name: 'Sam Smith', email: 'sam@example.org' },
      fields,
      now,
      acknowledgement: () => null,
    };
    return (await submitCase(db, input)).caseId;
  }

  it('stores when the case is due its ADR letter on submission, from the rules in the organisation calendar', async () => {
    const caseId = await received(store.db, organisation());
    expect((await row(store.db, caseId)).adrEligibleAt).toEqual(new Date('2026-03-02T10:00:00Z'));
    // Unknown rules: looked at from receipt, early and safe.
    const unknown = await received(store.db, organisation(), receivedAt, 'unknown');
    expect((await row(store.db, unknown)).adrEligibleAt).toEqual(receivedAt);
  });

  it('stores when the appeal window closes when a resolution is proposed, and forgets it once appealed', async () => {
    const caseId = await received(store.db, organisation());
    // Friday 3 April 2026 is Good Friday and 6 April Easter Monday: the window counts neither.
    const proposedAt = new Date('2026-04-01T09:00:00Z');
    await proposeResolution(store.db, { caseId, actor: handler, now: proposedAt, policy, publicBaseUrl, body: 'A refund.' });
    const stored = (await row(store.db, caseId)).appealClosesAt;
    expect(stored).toEqual(appealClosesAt(proposedAt, policy));
    expect(stored!.getTime()).toBeGreaterThan(new Date('2026-04-15T00:00:00Z').getTime());
    await appeal(store.db, { caseId, actor: { type: 'complainant' }, now: new Date('2026-04-02T09:00:00Z'), policy, publicBaseUrl, body: 'Not enough.' });
    expect((await row(store.db, caseId)).appealClosesAt).toBeNull();
  });

  it('closes every proposal whose window has passed in one run, and none before its instant', async () => {
    const org = organisation();
    const ids = await Promise.all([0, 1, 2].map((i) => received(store.db, org, new Date(receivedAt.getTime() + i * 1000))));
    for (const caseId of ids)
      await proposeResolution(store.db, { caseId, actor: handler, now: new Date('2026-01-12T10:00:00Z'), policy, publicBaseUrl, body: 'A refund.' });
    const closesAt = (await row(store.db, ids[0]!)).appealClosesAt!;
    const before = await closePassedWindows(store.db, { now: new Date(closesAt.getTime() - 1), policyFor, publicBaseUrl });
    expect(before.closed.filter((id) => ids.includes(id))).toEqual([]);
    const after = await closePassedWindows(store.db, { now: closesAt, policyFor, publicBaseUrl, batch: 2 });
    expect(after.closed.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    for (const caseId of ids) expect(await row(store.db, caseId)).toMatchObject({ status: 'closed', appealClosesAt: null });
  });

  it('corrects an instant that proves early (as the upgrade backfills it) instead of closing too soon', async () => {
    const caseId = await received(store.db, organisation());
    const proposedAt = new Date('2026-01-12T10:00:00Z');
    await proposeResolution(store.db, { caseId, actor: handler, now: proposedAt, policy, publicBaseUrl, body: 'A refund.' });
    const exact = (await row(store.db, caseId)).appealClosesAt;
    await store.db.update(cases).set({ appealClosesAt: proposedAt, adrEligibleAt: receivedAt }).where(eq(cases.id, caseId));
    const now = new Date('2026-01-13T10:00:00Z');
    expect((await closePassedWindows(store.db, { now, policyFor, publicBaseUrl })).closed).not.toContain(caseId);
    expect((await runAdrScheduler(store.db, { now, policyFor, publicBaseUrl })).noticed).not.toContain(caseId);
    expect(await row(store.db, caseId)).toMatchObject({
      status: 'resolution_proposed',
      appealClosesAt: exact,
      adrEligibleAt: new Date('2026-03-02T10:00:00Z'),
    });
  });

  it('finds the ADR letter of a case closed long ago, however long ago its weeks passed', async () => {
    const caseId = await received(store.db, organisation());
    await proposeResolution(store.db, { caseId, actor: handler, now: new Date('2026-01-12T10:00:00Z'), policy, publicBaseUrl, body: 'A refund.' });
    await closePassedWindows(store.db, { now: new Date('2026-02-01T10:00:00Z'), policyFor, publicBaseUrl });
    expect(await row(store.db, caseId)).toMatchObject({ status: 'closed', adrEligibleAt: new Date('2026-03-02T10:00:00Z') });
    // The scheduler was down for two years (the old scan looked only 14 days back).
    const { noticed } = await runAdrScheduler(store.db, { now: new Date('2028-03-02T10:00:00Z'), policyFor, publicBaseUrl });
    expect(noticed).toContain(caseId);
    expect(await row(store.db, caseId)).toMatchObject({ adrEligibleAt: null });
  });

  it('drops the instant of cases of an organisation without ADR rules, and leaves an unknown organisation be', async () => {
    const none = await received(store.db, organisation({ ...policy, adr: [] }), receivedAt, 'unknown');
    const unknownOrg = `org-${key().slice(0, 8)}`;
    const unknown = await received(store.db, unknownOrg, receivedAt, 'unknown');
    await runAdrScheduler(store.db, { now: new Date('2026-01-06T10:00:00Z'), policyFor, publicBaseUrl });
    expect((await row(store.db, none)).adrEligibleAt).toBeNull();
    expect((await row(store.db, unknown)).adrEligibleAt).toEqual(receivedAt);
  });

  if (engine === 'postgres') {
    it('finds due cases through the partial indexes, not a scan of every case', async () => {
      await store.db.execute(sql`analyze cases`);
      const plan = async (column: string) => {
        const result = await store.db.execute<{ 'QUERY PLAN': string }>(
          sql.raw(
            `set local enable_seqscan = off; explain select id from cases where ${column} is not null and ${column} <= now() order by ${column}, id limit 500`,
          ),
        );
        return JSON.stringify(result);
      };
      expect(await plan('appeal_closes_at')).toContain('cases_appeal_closes_idx');
      expect(await plan('adr_eligible_at')).toContain('cases_adr_eligible_idx');
    });
  }
});

describe.each(databaseEngines())('files in the case store on %s', (engine) => {
  const store = useTestDatabase(engine);

  it('streams a stored file back slice by slice, byte for byte', async () => {
    const bytes = randomBytes(700 * 1024);
    const stored = await storeUpload(store.db, {
      draftId: key(),
      fieldKey: 'documents',
      bytes: new Uint8Array(bytes),
      originalName: 'photo.jpg',
      mimeType: 'image/jpeg',
    });
    const opened = await openUpload(store.db, stored.id);
    expect(opened!.size).toBe(bytes.byteLength);
    const chunks: Uint8Array[] = [];
    for await (const chunk of opened!.stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(await openUpload(store.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('removes files of forms never submitted after a day, bytes included, and keeps the rest', async () => {
    const now = new Date();
    const bytes = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    const old = await storeUpload(store.db, { draftId: key(), fieldKey: 'documents', bytes, originalName: 'old.pdf', mimeType: 'application/pdf' });
    const fresh = await storeUpload(store.db, { draftId: key(), fieldKey: 'documents', bytes, originalName: 'fresh.pdf', mimeType: 'application/pdf' });
    const draftId = key();
    const kept = await storeUpload(store.db, { draftId, fieldKey: 'documents', bytes, originalName: 'kept.pdf', mimeType: 'application/pdf' });
    const twoDaysAgo = new Date(now.getTime() - 2 * 86_400_000);
    await store.db.update(attachments).set({ createdAt: twoDaysAgo }).where(eq(attachments.id, old.id));
    await store.db.update(attachments).set({ createdAt: twoDaysAgo }).where(eq(attachments.id, kept.id));
    const caseId = (
      await submitCase(store.db, {
        organisation: { id: 'org-files', slug: 'files', referencePrefix: 'UKT', calendar, commitments, adr },
        kind: 'complaint',
        language: 'en',
        idempotencyKey: key(),
        draftId,
        answers: { name: 'Sam', documents: [kept.id] },
        fields: [...fields, { key: 'documents', type: 'file', label: 'Documents', labelLang: 'en', required: false, standard: true }],
        now,
        acknowledgement: () => null,
      })
    ).caseId;

    const scheduler = startCaseScheduler({ db: store.db, policyFor: async () => null, publicBaseUrl, poll: false, now: () => now });
    expect((await scheduler.runOnce()).removedDrafts).toBeGreaterThanOrEqual(1);
    await scheduler.stop();
    const left = new Set((await store.db.select({ id: attachments.id }).from(attachments)).map((a) => a.id));
    expect(left.has(old.id)).toBe(false);
    expect(left.has(fresh.id)).toBe(true);
    expect(left.has(kept.id)).toBe(true);
    expect(await store.db.select().from(attachmentContents).where(eq(attachmentContents.attachmentId, old.id))).toEqual([]);
    expect((await store.db.select().from(attachments).where(eq(attachments.id, kept.id)))[0]!.caseId).toBe(caseId);
    expect(await removeUnclaimedDrafts(store.db, { now })).toBe(0);
  });

  it('moves files left in DATA_DIR/uploads by an older release into the database, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redress-legacy-'));
    const storageName = randomBytes(16).toString('hex');
    const path = join(dataDir, 'uploads', storageName.slice(0, 2), storageName);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'a letter from before');
    const [legacy] = await store.db
      .insert(attachments)
      .values({
        draftId: null,
        fieldKey: 'documents',
        storageName,
        originalName: 'old.txt',
        mimeType: 'text/plain',
        size: 20,
        sha256: 'x',
        uploadedBy: 'complainant',
      })
      .returning();
    const [lost] = await store.db
      .insert(attachments)
      .values({
        draftId: null,
        fieldKey: 'documents',
        storageName: randomBytes(16).toString('hex'),
        originalName: 'lost.txt',
        mimeType: 'text/plain',
        size: 1,
        sha256: 'x',
        uploadedBy: 'complainant',
      })
      .returning();
    const quiet = { warn: () => {} };
    expect(await importDiskUploads(store.db, dataDir, { log: quiet })).toMatchObject({ imported: 1, missing: 1 });
    expect(existsSync(path)).toBe(false);
    expect((await store.db.select().from(attachments).where(eq(attachments.id, legacy!.id)))[0]!.storageName).toBeNull();
    expect(await text((await openUpload(store.db, legacy!.id))!.stream)).toBe('a letter from before');
    expect((await store.db.select().from(attachments).where(eq(attachments.id, lost!.id)))[0]!.storageName).not.toBeNull();
    expect(await importDiskUploads(store.db, dataDir, { log: quiet })).toMatchObject({ imported: 0, missing: 1 });
  });
});
