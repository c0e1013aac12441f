import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachments, caseAnswers, caseEvents, cases, formatRequests, outbox, staffUsers, type Db } from '#src/db/index.ts';
import { createStaff } from '#src/auth/index.ts';
import { loadStaffCaseRecord } from '#src/cases/staff-case-record.ts';
import { submitCase, type NewCase } from '#src/cases/submit.ts';
import { storeUpload } from '#src/cases/attachment-store.ts';
import { verifyAccessCode } from '#src/cases/access-code.ts';
import { caseState } from '#src/cases/lifecycle.ts';
import {
  acceptResolution,
  acknowledge,
  addNote,
  appeal,
  assign,
  closeIfWindowPassed,
  complainantReply,
  complainantTimeline,
  decideAppeal,
  loadCase,
  proposeResolution,
  rateSatisfaction,
  requestInformation,
  type Actor,
  type CaseActionPolicy,
} from '#src/cases/actions.ts';
import { renderMail } from '#src/mail/index.ts';
import type { FormField } from '#src/forms/types.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const key = () => randomBytes(16).toString('hex');
const fields: FormField[] = [
  { key: 'name', type: 'text', label: 'Name', labelLang: 'en', required: true, standard: true },
  { key: 'email', type: 'email', label: 'Email', labelLang: 'en', required: false, standard: true },
];
const calendar = { timeZone: 'Europe/Budapest', country: 'HU' };
const commitments = [
  { event: 'acknowledge', route: 'formal', from: 'received', duration: { amount: 5, unit: 'calendarDays' } },
  { event: 'resolve', route: 'formal', from: 'received', duration: { amount: 15, unit: 'calendarDays' }, pausesWhileAwaitingComplainant: true },
];
const policy: CaseActionPolicy = {
  organisationName: 'Teszt Zrt.',
  referencePrefix: 'TST',
  calendar,
  commitments,
  appealPolicy: {
    enabled: true,
    window: { amount: 10, unit: 'businessDays' },
    decision: { amount: 15, unit: 'calendarDays' },
    final: true,
    reviewer: 'notPreviouslyInvolvedManager',
  },
  adr: [],
  satisfactionSurvey: {
    enabled: true,
    ratings: [
      { key: 'gold', opensDissatisfactionCase: false },
      { key: 'green', opensDissatisfactionCase: false },
      { key: 'yellow', opensDissatisfactionCase: true },
      { key: 'red', opensDissatisfactionCase: true },
    ],
  },
  reopenPolicy: { allowed: true },
  contacts: [{ kind: 'phone', value: '+36 1 234 5678' }],
};
const noAppealPolicy: CaseActionPolicy = { ...policy, appealPolicy: { enabled: false, final: false } };
const publicBaseUrl = 'https://panasz.example.org';
const handler: Actor = { type: 'staff', id: 'staff-h1', name: 'Nagy Péter', role: 'handler' };
const manager: Actor = { type: 'staff', id: 'staff-m1', name: 'Kiss Éva', role: 'manager' };
const otherManager: Actor = { type: 'staff', id: 'staff-m2', name: 'Szabó Anna', role: 'manager' };
const complainant: Actor = { type: 'complainant' };
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

function newCase(now: Date, overrides: Partial<NewCase> = {}): NewCase {
  return {
    organisation: { id: 'org-test', slug: 'test', referencePrefix: 'TST', calendar, commitments },
    kind: 'complaint',
    language: 'hu',
    idempotencyKey: key(),
    draftId: key(),
    answers: { name: 'Kovács Anna', email: 'anna@example.org' },
    fields,
    now,
    acknowledgement: ({ reference, accessCode }) => ({
      template: 'acknowledgement',
      to: 'anna@example.org',
      payload: {
        kind: 'complaint',
        reference,
        accessCode,
        statusUrl: `${publicBaseUrl}/hu/track/${reference}`,
        organisationName: 'Teszt Zrt.',
        timeZone: 'Europe/Budapest',
        contacts: [],
      },
    }),
    ...overrides,
  };
}

async function received(db: Db, now: Date, overrides: Partial<NewCase> = {}): Promise<string> {
  const result = await submitCase(db, newCase(now, overrides));
  return result.caseId;
}

const mailOf = async (db: Db, caseId: string) =>
  (await db.select().from(outbox).where(eq(outbox.caseId, caseId)).orderBy(asc(outbox.id))).map((m) => ({
    template: m.template,
    update: m.payload.update as string | undefined,
    to: m.toAddress,
    language: m.language,
    payload: m.payload,
  }));
const typesOf = async (db: Db, caseId: string) => (await loadCase(db, caseId))!.events.map((e) => e.type);
const rowOf = async (db: Db, caseId: string) => (await db.select().from(cases).where(eq(cases.id, caseId)))[0]!;

describe.each(databaseEngines())('case actions on %s', (engine) => {
  const store = useTestDatabase(engine);

  it('loads a case, its events and its files in one statement exactly as the tables hold them', async () => {
    const db = store.db;
    const at = new Date('2026-03-02T09:00:00.123Z');
    const draftId = key();
    const file = await storeUpload(db, {
      draftId,
      fieldKey: 'documents',
      bytes: Buffer.from('%PDF-1.4\n%%EOF\n'),
      originalName: 'bill.pdf',
      mimeType: 'application/pdf',
    });
    const caseId = await received(db, at, {
      draftId,
      fields: [...fields, { key: 'documents', type: 'file', label: 'Documents', labelLang: 'en', required: false, standard: true }],
      answers: { name: 'Kovács Anna', email: 'anna@example.org', documents: [file.id] },
    });
    await requestInformation(db, { caseId, policy, actor: handler, now: minutes(at, 5), body: 'Mérőóra "12345678"?', publicBaseUrl });
    await complainantReply(db, { caseId, policy, actor: complainant, now: minutes(at, 65), body: 'true', publicBaseUrl });
    const loaded = (await loadCase(db, caseId))!;
    expect(loaded.case).toEqual(await rowOf(db, caseId));
    expect(loaded.events).toEqual(await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id)));
    expect(loaded.events.length).toBeGreaterThanOrEqual(3);
    expect(loaded.events[0]!.createdAt).toBeInstanceOf(Date);
    expect(loaded.attachments).toEqual(await db.select().from(attachments).where(eq(attachments.caseId, caseId)));
    expect(loaded.attachments.map((a) => a.id)).toEqual([file.id]);
    expect(await loadCase(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await loadCase(db, 'not-a-uuid')).toBeNull();
  });

  it("loads the back office's case page in one statement: answers as stored, active colleagues of the case's organisation, its format requests", async () => {
    const db = store.db;
    const at = new Date('2026-03-03T09:00:00Z');
    const caseId = await received(db, at, { answers: { name: 'Kovács Anna', email: 'anna@example.org', meter: '12345678', agreed: 'true' } });
    const theCase = await rowOf(db, caseId);
    const staff = async (email: string, organisationId: string, name?: string) =>
      (await createStaff(db, { email, name, organisationSlug: organisationId.replace('org-', ''), organisationId, role: 'handler', now: at })).userId;
    const zed = await staff(`zed.${caseId}@example.org`, 'org-test', 'Zed Zoltán');
    const ada = await staff(`ada.${caseId}@example.org`, 'org-test', 'Ada Anna');
    const gone = await staff(`gone.${caseId}@example.org`, 'org-test', 'Gone Gábor');
    await db.update(staffUsers).set({ disabledAt: at }).where(eq(staffUsers.id, gone));
    const elsewhere = await staff(`else.${caseId}@example.org`, 'org-other', 'Else Edit');
    const request = (n: number, organisationId: string, caseReference: string) => ({
      reference: `AF-${n}-${caseId.slice(0, 8)}`,
      organisationId,
      organisationSlug: organisationId.replace('org-', ''),
      subject: 'case',
      caseReference,
      format: 'large-print',
      delivery: 'post',
      name: 'Kovács Anna',
      language: 'hu',
      receivedAt: minutes(at, n),
      updatedAt: minutes(at, n),
      idempotencyKey: key(),
    });
    await db
      .insert(formatRequests)
      .values([
        ...Array.from({ length: 22 }, (_, n) => request(n, 'org-test', theCase.reference)),
        request(30, 'org-other', theCase.reference),
        request(31, 'org-test', 'TST-OTHER-REF'),
      ]);

    const record = (await loadStaffCaseRecord(db, caseId))!;
    expect(record.case).toEqual(theCase);
    expect(record.answers.find((a) => a.fieldKey === 'meter')?.value).toBe('12345678');
    expect(record.answers.find((a) => a.fieldKey === 'agreed')?.value).toBe('true');
    expect(record.answers).toEqual(expect.arrayContaining(await db.select().from(caseAnswers).where(eq(caseAnswers.caseId, caseId))));
    const ids = record.colleagues.map((c) => c.id);
    expect(ids).toContain(zed);
    expect(ids.indexOf(ada)).toBeLessThan(ids.indexOf(zed));
    expect(ids).not.toContain(gone);
    expect(ids).not.toContain(elsewhere);
    expect(record.formatRequests).toHaveLength(20);
    expect(record.formatRequests.map((r) => r.receivedAt.getTime())).toEqual(Array.from({ length: 20 }, (_, i) => minutes(at, 21 - i).getTime()));
    expect(record.formatRequests.every((r) => r.organisationId === 'org-test' && r.caseReference === theCase.reference)).toBe(true);
    expect(await loadStaffCaseRecord(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('takes a complaint through its whole lifecycle, with events, projections and mail at each step', async () => {
    const db = store.db;
    const t0 = new Date('2026-11-02T09:00:00Z');
    const caseId = await received(db, t0);
    const base = { caseId, now: t0, policy, publicBaseUrl };

    // Acknowledged: the answer is due 15 days after receipt, the end of 17 November in Budapest.
    const acked = await acknowledge(db, { ...base, actor: handler, now: minutes(t0, 60), body: 'Köszönjük, vizsgáljuk.' });
    expect(acked).toMatchObject({ ok: true, event: { type: 'acknowledged', actorType: 'staff', actorId: 'staff-h1', visibility: 'complainant' } });
    expect(await rowOf(db, caseId)).toMatchObject({ status: 'acknowledged', nextDueEvent: 'resolve', nextDueAt: new Date('2026-11-17T22:59:59.999Z') });
    expect((await mailOf(db, caseId)).map((m) => [m.template, m.update ?? null])).toEqual([
      ['acknowledgement', null],
      ['caseUpdate', 'acknowledged'],
    ]);
    expect((await mailOf(db, caseId))[1]).toMatchObject({
      to: 'anna@example.org',
      language: 'hu',
      payload: { answerBy: '2026-11-17T22:59:59.999Z', statusUrl: expect.stringMatching(/^https:\/\/panasz\.example\.org\/hu\/track\/TST-/) },
    });

    // Assigned: the handler's name is told; a note stays internal and mails nothing.
    expect(await assign(db, { ...base, actor: handler, now: minutes(t0, 70), assigneeId: handler.id!, assigneeName: handler.name! })).toMatchObject({
      ok: true,
    });
    expect(await addNote(db, { ...base, actor: handler, now: minutes(t0, 75), body: 'Called the depot.' })).toMatchObject({
      ok: true,
      event: { visibility: 'internal' },
    });
    expect(await rowOf(db, caseId)).toMatchObject({ status: 'investigating', assigneeId: 'staff-h1' });
    expect((await mailOf(db, caseId)).map((m) => m.update ?? m.template).slice(2)).toEqual(['assigned']);

    // Information requested: awaiting the complainant; the mail says the clock is paused.
    const asked = await requestInformation(db, { ...base, actor: handler, now: minutes(t0, 80), body: 'Kérjük, küldje el a számlát.' });
    expect(asked).toMatchObject({ ok: true, event: { type: 'information_requested' } });
    expect(await rowOf(db, caseId)).toMatchObject({ status: 'awaiting_complainant' });
    const request = (await mailOf(db, caseId)).at(-1)!;
    expect(request).toMatchObject({ template: 'informationRequested', payload: { body: 'Kérjük, küldje el a számlát.', clockPaused: true } });
    expect(renderMail(request.template, request.language, request.payload).text).toContain('Kérjük, küldje el a számlát.');

    // Replied with a file uploaded with the reply form: back under investigation, the three
    // days waited added to the deadline, the file attached to the case, no mail to oneself.
    const draftId = key();
    const file = await storeUpload(db, {
      draftId,
      fieldKey: 'reply',
      bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
      originalName: 'szamla.pdf',
      mimeType: 'application/pdf',
    });
    const t4 = new Date(minutes(t0, 80).getTime() + 3 * 24 * 3600_000);
    const replied = await complainantReply(db, { ...base, actor: complainant, now: t4, body: 'Csatoltam.', draftId, attachmentIds: [file.id] });
    expect(replied).toMatchObject({ ok: true, event: { type: 'complainant_replied', actorType: 'complainant', data: { attachmentIds: [file.id] } } });
    expect(await rowOf(db, caseId)).toMatchObject({ status: 'investigating', nextDueEvent: 'resolve', nextDueAt: new Date('2026-11-20T22:59:59.999Z') });
    expect((await db.select().from(attachments).where(eq(attachments.id, file.id)))[0]).toMatchObject({ caseId, draftId: null });
    expect((await mailOf(db, caseId)).length).toBe(4);

    // Proposed: the mail gives the last day to appeal (10 business days in Hungary).
    const t5 = new Date('2026-11-10T10:00:00Z');
    const proposed = await proposeResolution(db, { ...base, actor: handler, now: t5, body: 'Visszatérítjük a díjat.', compensation: '5 000 Ft' });
    expect(proposed).toMatchObject({ ok: true, event: { type: 'resolution_proposed', data: { compensation: '5 000 Ft' } } });
    expect(await rowOf(db, caseId)).toMatchObject({ status: 'resolution_proposed', nextDueEvent: null, nextDueAt: null });
    const proposal = (await mailOf(db, caseId)).at(-1)!;
    const closesAt = caseState(
      (await loadCase(db, caseId))!.events.map((e) => ({ ...e, actorType: e.actorType as 'staff', visibility: e.visibility as 'complainant' })),
      policy,
      { now: t5 },
    ).appeal.closesAt!;
    expect(proposal).toMatchObject({ update: 'resolutionProposed', payload: { compensation: '5 000 Ft', appealBy: closesAt.toISOString() } });
    expect(closesAt.toISOString()).toBe('2026-11-24T22:59:59.999Z');

    // Appealed with new evidence: the decision is due 15 days later.
    const t6 = new Date('2026-11-12T08:00:00Z');
    const appealed = await appeal(db, { ...base, actor: complainant, now: t6, body: 'A díj nem elég.' });
    expect(appealed).toMatchObject({ ok: true, event: { type: 'appealed', data: { attachmentIds: [] } } });
    expect(await rowOf(db, caseId)).toMatchObject({ status: 'appealed', nextDueEvent: 'appealDecision', nextDueAt: new Date('2026-11-27T22:59:59.999Z') });
    expect((await mailOf(db, caseId)).at(-1)).toMatchObject({ update: 'appealReceived', payload: { decisionBy: '2026-11-27T22:59:59.999Z' } });

    // Decided by a manager who had nothing to do with the case: final, so the case closes
    // and the satisfaction survey goes out.
    const t7 = new Date('2026-11-20T12:00:00Z');
    const decided = await decideAppeal(db, { ...base, actor: manager, now: t7, outcome: 'partlyUpheld', body: 'Részben helyt adunk.' });
    expect(decided).toMatchObject({ ok: true, event: { type: 'appeal_decided', actorId: 'staff-m1', data: { outcome: 'partlyUpheld', final: true } } });
    if (!decided.ok) throw new Error('unreachable');
    expect(decided.events.map((e) => [e.type, e.actorType, e.data])).toEqual([
      ['appeal_decided', 'staff', { outcome: 'partlyUpheld', final: true }],
      ['closed', 'system', { reason: 'appealDecided' }],
    ]);
    expect(await rowOf(db, caseId)).toMatchObject({ status: 'closed', nextDueEvent: null, nextDueAt: null });
    const last = await mailOf(db, caseId);
    expect(last.slice(-2).map((m) => m.update ?? m.template)).toEqual(['appealDecided', 'satisfactionSurvey']);
    expect(last.at(-1)!.payload.ratingUrl).toMatch(/\/hu\/track\/TST-.*#satisfaction$/);

    expect(await typesOf(db, caseId)).toEqual([
      'received',
      'acknowledged',
      'assigned',
      'note',
      'information_requested',
      'complainant_replied',
      'resolution_proposed',
      'appealed',
      'appeal_decided',
      'closed',
    ]);
    // The complainant's timeline leaves the note out.
    expect(complainantTimeline((await loadCase(db, caseId))!.events).map((e) => e.type)).not.toContain('note');
    expect((await loadCase(db, caseId))!.attachments.map((a) => a.id)).toEqual([file.id]);
    // Every queued mail renders in Hungarian.
    for (const m of await mailOf(db, caseId)) expect(renderMail(m.template, 'hu', m.payload).html).toContain('lang="hu"');
  });

  it('refuses a reply when the case is not awaiting one, and changes nothing', async () => {
    const caseId = await received(store.db, new Date('2026-11-02T09:00:00Z'));
    const result = await complainantReply(store.db, {
      caseId,
      actor: complainant,
      now: new Date('2026-11-02T10:00:00Z'),
      policy,
      publicBaseUrl,
      body: 'Hello',
    });
    expect(result).toEqual({ ok: false, reason: 'notAwaitingReply' });
    expect(await typesOf(store.db, caseId)).toEqual(['received']);
  });

  it("refuses another form's file with a reply and rolls the reply back", async () => {
    const t0 = new Date('2026-11-02T09:00:00Z');
    const caseId = await received(store.db, t0);
    await requestInformation(store.db, { caseId, actor: handler, now: minutes(t0, 5), policy, publicBaseUrl, body: 'Számla?' });
    const other = await storeUpload(store.db, {
      draftId: key(),
      fieldKey: 'reply',
      bytes: new TextEncoder().encode('x'),
      originalName: 'x.txt',
      mimeType: 'text/plain',
    });
    const result = await complainantReply(store.db, {
      caseId,
      actor: complainant,
      now: minutes(t0, 10),
      policy,
      publicBaseUrl,
      body: 'Tessék',
      draftId: key(),
      attachmentIds: [other.id],
    });
    expect(result).toEqual({ ok: false, reason: 'attachmentMissing' });
    expect(await typesOf(store.db, caseId)).toEqual(['received', 'information_requested']);
    expect((await rowOf(store.db, caseId)).status).toBe('awaiting_complainant');
  });

  async function proposedCase(p: CaseActionPolicy) {
    const t0 = new Date('2026-11-02T09:00:00Z');
    const caseId = await received(store.db, t0);
    const proposedAt = new Date('2026-11-10T10:00:00Z');
    await proposeResolution(store.db, { caseId, actor: handler, now: proposedAt, policy: p, publicBaseUrl, body: 'Visszatérítés.' });
    return { caseId, proposedAt };
  }

  it('accepts an appeal one minute before the window closes and refuses one a minute after', async () => {
    const closesAt = new Date('2026-11-24T22:59:59.999Z');
    const early = await proposedCase(policy);
    expect(
      await appeal(store.db, { caseId: early.caseId, actor: complainant, now: minutes(closesAt, -1), policy, publicBaseUrl, body: 'Nem értek egyet.' }),
    ).toMatchObject({ ok: true });
    const late = await proposedCase(policy);
    expect(
      await appeal(store.db, { caseId: late.caseId, actor: complainant, now: minutes(closesAt, 1), policy, publicBaseUrl, body: 'Nem értek egyet.' }),
    ).toEqual({ ok: false, reason: 'windowClosed' });
    expect(await acceptResolution(store.db, { caseId: late.caseId, actor: complainant, now: minutes(closesAt, 1), policy, publicBaseUrl })).toEqual({
      ok: false,
      reason: 'windowClosed',
    });
    expect(await typesOf(store.db, late.caseId)).toEqual(['received', 'resolution_proposed']);
  });

  it('refuses an appeal when the policy allows none', async () => {
    const { caseId, proposedAt } = await proposedCase(noAppealPolicy);
    expect(
      await appeal(store.db, { caseId, actor: complainant, now: minutes(proposedAt, 10), policy: noAppealPolicy, publicBaseUrl, body: 'Fellebbezek.' }),
    ).toEqual({ ok: false, reason: 'noAppeal' });
    // Without a window, the proposal stands until the complainant accepts it: that closes the case.
    const accepted = await acceptResolution(store.db, { caseId, actor: complainant, now: minutes(proposedAt, 20), policy: noAppealPolicy, publicBaseUrl });
    expect(accepted).toMatchObject({ ok: true, event: { type: 'resolution_accepted' } });
    expect(await rowOf(store.db, caseId)).toMatchObject({ status: 'closed' });
    expect((await mailOf(store.db, caseId)).slice(-2).map((m) => m.update ?? m.template)).toEqual(['closed', 'satisfactionSurvey']);
  });

  it('refuses the appeal decision to the manager who assigned the case and to a handler', async () => {
    const t0 = new Date('2026-11-02T09:00:00Z');
    const caseId = await received(store.db, t0);
    const base = { caseId, policy, publicBaseUrl };
    await assign(store.db, { ...base, actor: otherManager, now: minutes(t0, 10), assigneeId: handler.id!, assigneeName: handler.name! });
    await proposeResolution(store.db, { ...base, actor: handler, now: new Date('2026-11-10T10:00:00Z'), body: 'Visszatérítés.' });
    await appeal(store.db, { ...base, actor: complainant, now: new Date('2026-11-11T10:00:00Z'), body: 'Nem elég.' });
    const now = new Date('2026-11-12T10:00:00Z');
    expect(await decideAppeal(store.db, { ...base, actor: otherManager, now, outcome: 'upheld', body: 'Helyt adunk.' })).toEqual({
      ok: false,
      reason: 'involvedBefore',
    });
    expect(await decideAppeal(store.db, { ...base, actor: { ...handler, id: 'staff-h9' }, now, outcome: 'upheld', body: 'Helyt adunk.' })).toEqual({
      ok: false,
      reason: 'notManager',
    });
    expect(await decideAppeal(store.db, { ...base, actor: complainant, now, outcome: 'upheld', body: 'x' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await rowOf(store.db, caseId)).toMatchObject({ status: 'appealed' });
  });

  it('rates a closed case once, and a Yellow rating opens a linked dissatisfaction case', async () => {
    const closesAt = new Date('2026-11-24T22:59:59.999Z');
    const { caseId } = await proposedCase(policy);
    // Before closure there is nothing to rate.
    expect(await rateSatisfaction(store.db, { caseId, actor: complainant, now: minutes(closesAt, -5), policy, publicBaseUrl, rating: 'gold' })).toEqual({
      ok: false,
      reason: 'notClosed',
    });
    const closed = await closeIfWindowPassed(store.db, { caseId, now: minutes(closesAt, 5), policy, publicBaseUrl });
    expect(closed).toMatchObject({ ok: true, event: { type: 'closed', actorType: 'system', data: { reason: 'windowPassed' } } });
    expect(await closeIfWindowPassed(store.db, { caseId, now: minutes(closesAt, 6), policy, publicBaseUrl })).toEqual({ ok: false, reason: 'windowOpen' });

    const now = minutes(closesAt, 60);
    const rated = await rateSatisfaction(store.db, { caseId, actor: complainant, now, policy, publicBaseUrl, rating: 'yellow', comment: 'Lassú volt.' });
    if (!rated.ok) throw new Error(`refused: ${rated.reason}`);
    const linked = rated.linkedCase!;
    expect(rated.events.map((e) => [e.type, e.visibility])).toEqual([
      ['satisfaction_rated', 'complainant'],
      ['linked_case_opened', 'internal'],
    ]);
    expect(rated.event.data).toEqual({ rating: 'yellow', linkedCaseId: linked.caseId });
    expect(rated.events[1]!.data).toEqual({ caseId: linked.caseId, reason: 'dissatisfaction' });

    const original = await rowOf(store.db, caseId);
    const opened = await rowOf(store.db, linked.caseId);
    expect(original.linkedCaseId).toBe(linked.caseId);
    expect(opened).toMatchObject({
      linkedCaseId: caseId,
      kind: 'complaint',
      channel: 'web',
      organisationId: 'org-test',
      language: 'hu',
      complainantName: 'Kovács Anna',
      complainantEmail: 'anna@example.org',
      status: 'received',
      reference: linked.reference,
      nextDueEvent: 'acknowledge',
    });
    expect(opened.reference).not.toBe(original.reference);
    expect(await verifyAccessCode(linked.accessCode, opened.accessCodeHash)).toBe(true);
    expect(await verifyAccessCode(linked.accessCode, original.accessCodeHash)).toBe(false);
    expect(await typesOf(store.db, linked.caseId)).toEqual(['received']);
    const ack = await mailOf(store.db, linked.caseId);
    expect(ack).toMatchObject([
      { template: 'acknowledgement', to: 'anna@example.org', payload: { accessCode: linked.accessCode, reference: linked.reference } },
    ]);

    // Once only.
    expect(await rateSatisfaction(store.db, { caseId, actor: complainant, now: minutes(now, 1), policy, publicBaseUrl, rating: 'gold' })).toEqual({
      ok: false,
      reason: 'alreadyRated',
    });
  });

  it('opens no linked case for a Gold rating', async () => {
    const { caseId } = await proposedCase(policy);
    const now = new Date('2026-11-26T10:00:00Z');
    await closeIfWindowPassed(store.db, { caseId, now, policy, publicBaseUrl });
    const rated = await rateSatisfaction(store.db, { caseId, actor: complainant, now, policy, publicBaseUrl, rating: 'gold' });
    expect(rated).toMatchObject({ ok: true, event: { data: { rating: 'gold' } } });
    if (rated.ok) expect(rated.linkedCase).toBeUndefined();
    expect((await rowOf(store.db, caseId)).linkedCaseId).toBeNull();
  });

  it('refuses an unknown case without touching the database', async () => {
    expect(await acknowledge(store.db, { caseId: 'not-a-uuid', actor: handler, now: new Date(), policy, publicBaseUrl })).toEqual({
      ok: false,
      reason: 'notFound',
    });
    expect(await acknowledge(store.db, { caseId: '00000000-0000-4000-8000-000000000000', actor: handler, now: new Date(), policy, publicBaseUrl })).toEqual({
      ok: false,
      reason: 'notFound',
    });
    expect(await loadCase(store.db, 'not-a-uuid')).toBeNull();
  });

  it('serialises two actions on one case: one acknowledgement of two sent at once', async () => {
    const caseId = await received(store.db, new Date('2026-11-02T09:00:00Z'));
    const now = new Date('2026-11-02T10:00:00Z');
    const results = await Promise.all([1, 2].map(() => acknowledge(store.db, { caseId, actor: handler, now, policy, publicBaseUrl })));
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect((await typesOf(store.db, caseId)).filter((t) => t === 'acknowledged')).toHaveLength(1);
    expect(await store.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).toHaveLength(2);
  });
});
