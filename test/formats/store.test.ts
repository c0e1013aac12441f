import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, formatRequestEvents, formatRequests, outbox } from '#src/db/index.ts';
import { createStaff } from '#src/auth/index.ts';
import {
  actOnFormatRequest,
  contentRecipients,
  countOpenFormatRequests,
  listFormatRequests,
  loadFormatRequest,
  notificationRecipients,
  recordFormatRequest,
  type FormatOrganisation,
  type FormatRequestAnswers,
  type NewFormatRequest,
} from '#src/formats/index.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const answers: FormatRequestAnswers = {
  subject: 'caseLetter',
  caseReference: 'OPX-2026-ABCD-EFGH',
  format: 'braille',
  details: null,
  delivery: 'post',
  name: 'Ann Reader',
  email: 'ann@example.org',
  phone: null,
  postalAddress: { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' },
  notes: 'Grade 2, please',
};
const organisation = (
  id: string,
  contactMethods: FormatOrganisation['contactMethods'] = [{ kind: 'email', value: 'access@example.org', purpose: 'accessibility' }],
): FormatOrganisation => ({
  id,
  slug: id,
  name: `Org ${id}`,
  timeZone: 'Europe/Budapest',
  language: 'hu',
  contactMethods,
});
let keys = 0;
const request = (org: FormatOrganisation, more: Partial<NewFormatRequest> = {}): NewFormatRequest => ({
  organisation: org,
  answers,
  language: 'en',
  idempotencyKey: `key-${org.id}-${++keys}`,
  now: new Date('2026-11-20T10:00:00Z'),
  publicBaseUrl: 'https://redress.example',
  commitment: 'Braille on request.',
  ...more,
});
const staff = { id: 'staff-1', name: 'Eva Handler' };

describe('who is told of a new request', () => {
  const contacts = [
    { kind: 'email', value: 'Info@Example.org', purpose: 'general' },
    { kind: 'phone', value: '0800 000', purpose: 'accessibility' },
    { kind: 'email', value: 'formal@example.org', purpose: 'formal' },
    { kind: 'email', value: 'boss@example.org', purpose: 'escalation' },
  ];

  it('is the accessibility contact first', () => {
    expect(contentRecipients([...contacts, { kind: 'email', value: 'access@example.org', purpose: 'accessibility' }])).toEqual({
      source: 'accessibility',
      addresses: ['access@example.org'],
    });
  });

  it('else the general and formal email addresses (not escalation, not a phone)', () => {
    expect(contentRecipients(contacts)).toEqual({ source: 'organisation', addresses: ['info@example.org', 'formal@example.org'] });
  });

  it('else nobody from content: the staff table is asked', () => {
    expect(
      contentRecipients([
        { kind: 'post', value: 'PO Box 1', purpose: 'general' },
        { kind: 'email', value: 'not an address', purpose: 'general' },
      ]),
    ).toBeNull();
  });
});

describe.each(databaseEngines())('format requests on %s', (engine) => {
  const store = useTestDatabase(engine);
  const mailTo = async (id: string) => (await store.db.select().from(outbox)).filter((m) => (m.payload as { reference?: string }).reference === id);

  it('records the request, its event, the acknowledgement and the notice in one go', async () => {
    const recorded = await recordFormatRequest(store.db, request(organisation('org-a')));
    expect(recorded).toMatchObject({ duplicate: false, notified: 'accessibility' });
    expect(recorded.reference).toMatch(/^AF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [row] = await store.db.select().from(formatRequests).where(eq(formatRequests.id, recorded.id));
    expect(row).toMatchObject({ status: 'received', caseReference: 'OPX-2026-ABCD-EFGH', format: 'braille', email: 'ann@example.org', language: 'en' });
    expect((await store.db.select().from(formatRequestEvents).where(eq(formatRequestEvents.requestId, recorded.id))).map((e) => e.type)).toEqual(['received']);
    const mails = await mailTo(recorded.reference);
    expect(mails.map((m) => [m.template, m.toAddress, m.language]).sort()).toEqual([
      ['formatRequestAcknowledgement', 'ann@example.org', 'en'],
      ['formatRequestNotification', 'access@example.org', 'hu'],
    ]);
    const notice = mails.find((m) => m.template === 'formatRequestNotification')!.payload as Record<string, string>;
    expect(notice.staffUrl).toBe(`https://redress.example/staff/formats/${recorded.id}`);
    expect(notice.postalAddress).toBe('1 High Street\nLeeds LS1 1AA');
  });

  it('leaves no request and no mail when something fails after the insert', async () => {
    const before = { requests: (await store.db.select().from(formatRequests)).length, mail: (await store.db.select().from(outbox)).length };
    await expect(
      recordFormatRequest(
        store.db,
        request(organisation('org-fail'), {
          afterInsert: async () => {
            throw new Error('disk full');
          },
        }),
      ),
    ).rejects.toThrow('disk full');
    expect((await store.db.select().from(formatRequests)).length).toBe(before.requests);
    expect((await store.db.select().from(outbox)).length).toBe(before.mail);
    expect(await store.db.select().from(formatRequests).where(eq(formatRequests.organisationId, 'org-fail'))).toEqual([]);
  });

  it('makes one request of a form sent twice', async () => {
    const input = request(organisation('org-twice'));
    const first = await recordFormatRequest(store.db, input);
    const second = await recordFormatRequest(store.db, { ...input, now: new Date('2026-11-20T10:00:05Z') });
    expect(second).toMatchObject({ duplicate: true, id: first.id, reference: first.reference });
    expect(await store.db.select().from(formatRequests).where(eq(formatRequests.organisationId, 'org-twice'))).toHaveLength(1);
    expect(await mailTo(first.reference)).toHaveLength(2);
  });

  it('sends no acknowledgement without an email address, and tells the managers when content names nobody', async () => {
    const org = organisation('org-managers', [{ kind: 'phone', value: '0800', purpose: 'general' }]);
    const now = new Date();
    await createStaff(store.db, {
      email: 'manager@org-managers.example',
      name: 'Mia',
      organisationSlug: org.slug,
      organisationId: org.id,
      role: 'manager',
      now,
    });
    await createStaff(store.db, {
      email: 'handler@org-managers.example',
      name: 'Hal',
      organisationSlug: org.slug,
      organisationId: org.id,
      role: 'handler',
      now,
    });
    expect(await notificationRecipients(store.db, org.id, org.contactMethods)).toEqual({ source: 'managers', addresses: ['manager@org-managers.example'] });
    const recorded = await recordFormatRequest(store.db, request(org, { answers: { ...answers, email: null } }));
    expect(recorded.notified).toBe('managers');
    expect((await mailTo(recorded.reference)).map((m) => [m.template, m.toAddress])).toEqual([['formatRequestNotification', 'manager@org-managers.example']]);
  });

  it('still records the request when nobody can be mailed', async () => {
    const org = organisation('org-nobody', []);
    const recorded = await recordFormatRequest(store.db, request(org, { answers: { ...answers, email: null } }));
    expect(recorded.notified).toBe('none');
    expect(await mailTo(recorded.reference)).toEqual([]);
    expect(await listFormatRequests(store.db, { organisationIds: [org.id], filter: 'open' })).toHaveLength(1);
  });

  it('lets staff start and fulfil a request, with an audit row each and a mail to the requester when sent', async () => {
    const org = organisation('org-act');
    const recorded = await recordFormatRequest(store.db, request(org));
    const act = (action: 'start' | 'fulfil' | 'decline', body: string | null, organisationIds = [org.id]) =>
      actOnFormatRequest(store.db, {
        requestId: recorded.id,
        organisationIds,
        action,
        actor: staff,
        body,
        sentOn: '2026-11-21',
        organisation: { name: org.name, timeZone: org.timeZone },
        clientKey: '203.0.113.9',
        now: new Date(),
      });

    expect(await act('start', null, ['org-other'])).toEqual({ ok: false, reason: 'notFound' });
    expect(await act('fulfil', '  ')).toEqual({ ok: false, reason: 'bodyRequired' });
    expect(await act('start', null)).toEqual({ ok: true });
    expect(await act('start', null)).toEqual({ ok: false, reason: 'notAllowed' });
    expect(await countOpenFormatRequests(store.db, [org.id])).toBe(1);
    expect(await act('fulfil', 'Posted first class.')).toEqual({ ok: true });
    expect(await act('decline', 'Too late.')).toEqual({ ok: false, reason: 'notAllowed' });
    expect(await countOpenFormatRequests(store.db, [org.id])).toBe(0);

    const loaded = await loadFormatRequest(store.db, recorded.id, [org.id]);
    expect(loaded?.request).toMatchObject({ status: 'fulfilled', fulfilledBy: staff.id, note: 'Posted first class.' });
    expect(loaded?.events.map((e) => [e.type, e.actorName])).toEqual([
      ['received', null],
      ['started', staff.name],
      ['fulfilled', staff.name],
    ]);
    expect(await loadFormatRequest(store.db, recorded.id, ['org-other'])).toBeNull();
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.organisationId, org.id));
    expect(audit.map((a) => a.action)).toEqual(['formatRequest.started', 'formatRequest.fulfilled']);
    expect(audit.every((a) => a.clientHash && !a.clientHash.includes('203.0.113'))).toBe(true);
    const update = (await mailTo(recorded.reference)).find((m) => m.template === 'formatRequestUpdate');
    expect(update).toMatchObject({ toAddress: 'ann@example.org', language: 'en' });
    expect(update!.payload).toMatchObject({ update: 'fulfilled', body: 'Posted first class.', sentOn: '2026-11-21' });
  });

  it('lists open requests oldest first and closed ones newest first, only for the given organisations', async () => {
    const org = organisation('org-list', []);
    const at = (iso: string) => ({ now: new Date(iso) });
    const older = await recordFormatRequest(store.db, request(org, at('2026-11-01T09:00:00Z')));
    const newer = await recordFormatRequest(store.db, request(org, at('2026-11-02T09:00:00Z')));
    const declined = await recordFormatRequest(store.db, request(org, at('2026-11-03T09:00:00Z')));
    await actOnFormatRequest(store.db, {
      requestId: declined.id,
      organisationIds: [org.id],
      action: 'decline',
      actor: staff,
      body: 'Not a format we can make.',
      organisation: { name: org.name, timeZone: org.timeZone },
      now: new Date(),
    });
    expect((await listFormatRequests(store.db, { organisationIds: [org.id], filter: 'open' })).map((r) => r.id)).toEqual([older.id, newer.id]);
    expect((await listFormatRequests(store.db, { organisationIds: [org.id], filter: 'all' })).map((r) => r.id)).toEqual([declined.id, newer.id, older.id]);
    expect((await listFormatRequests(store.db, { organisationIds: [org.id], filter: 'declined' })).map((r) => r.id)).toEqual([declined.id]);
    expect(await listFormatRequests(store.db, { organisationIds: ['org-elsewhere'], filter: 'all' })).toEqual([]);
    expect(await loadFormatRequest(store.db, 'not-a-uuid', [org.id])).toBeNull();
  });
});
