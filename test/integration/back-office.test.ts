import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachments, auditLog, caseEvents, cases } from '#src/db/index.ts';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { staffActions, staffActionsFor, staffCan, type StaffAction } from '#src/cases/actions.ts';
import type { CaseStatus } from '#src/cases/lifecycle.ts';
import { getOrganisation } from '#src/content/index.ts';
import { translator } from '#src/i18n/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { textOf } from '../support/html.ts';
import { formFields, organisationForms, pdfBytes, validAnswers } from '../support/complaint-forms.ts';
import { fileComplaint, formWithPolicy, signIn, type FiledCase } from '../support/cases.ts';
import type { OrganisationForm } from '../support/complaint-forms.ts';

const running = useServerOnPostgres();
const t = translator('en');
const PASSWORD = 'correct horse battery staple 42';

const get = (path: string, cookie?: string) => fetch(`${running.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const post = (path: string, body: FormData | URLSearchParams | Record<string, string>, cookie?: string) =>
  fetch(`${running.url}${path}`, {
    method: 'POST',
    body: body instanceof FormData || body instanceof URLSearchParams ? body : new URLSearchParams(body),
    headers: { origin: running.url, ...(cookie ? { cookie } : {}) },
    redirect: 'manual',
  });

interface Member {
  id: string;
  name: string;
  email: string;
  cookie: string;
}

/** A member of staff of one organisation, created with src/auth on the server's database and signed in over HTTP. */
async function member(form: OrganisationForm, role: 'handler' | 'manager', name: string): Promise<Member> {
  const org = await getOrganisation(form.slug);
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@${form.slug}.example`;
  const now = new Date();
  const created = await createStaff(running.store.db, { email, name, organisationSlug: form.slug, organisationId: org!._id, role, now });
  const set = await setPassword(running.store.db, { token: created.setPasswordToken!, password: PASSWORD, now });
  expect(set.ok).toBe(true);
  const response = await post('/staff/sign-in', { email, password: PASSWORD });
  expect(response.status).toBe(303);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('redress_staff='))
    ?.split(';')[0];
  expect(cookie).toBeDefined();
  return { id: created.userId, name, email, cookie: cookie! };
}

/** The mail in the local mailbox that names this case, oldest first. */
function mailsOf(reference: string): { subject: string; text: string; to: string }[] {
  const dir = join(running.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((m) => `${m.subject}\n${m.text}`.includes(reference));
}

/** Waits for the outbox worker to deliver the mail that contains `needle` for this case. */
async function mailContaining(reference: string, needle: string) {
  for (let i = 0; i < 80; i++) {
    const found = mailsOf(reference).find((m) => m.text.includes(needle));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `no mail for ${reference} containing "${needle}"; have: ${mailsOf(reference)
      .map((m) => m.subject)
      .join(' | ')}`,
  );
}

/** Posts one action of the case page; returns the response. */
const act = (caseId: string, who: Member, fields: Record<string, string>) => post(`/staff/cases/${caseId}`, fields, who.cookie);

async function expectDone(response: Response, caseId: string, action: string) {
  if (response.status !== 303) throw new Error(`${action}: ${response.status} ${textOf(await response.text()).slice(0, 400)}`);
  expect(response.headers.get('location')).toBe(`/staff/cases/${caseId}?done=${action}`);
}

let appeals: OrganisationForm;
let elsewhere: OrganisationForm;
let handler: Member;
let managerWhoActed: Member;
let independentManager: Member;
let outsider: Member;

beforeAll(async () => {
  appeals = await formWithPolicy((p) => Boolean(p.appealPolicy?.enabled) && (p.appealPolicy?.reviewer ?? 'notPreviouslyInvolvedManager') !== 'anyManager');
  elsewhere = organisationForms().find((f) => f.slug !== appeals.slug)!;
  handler = await member(appeals, 'handler', 'Hanna Handler');
  managerWhoActed = await member(appeals, 'manager', 'Martin Manager');
  independentManager = await member(appeals, 'manager', 'Ines Independent');
  outsider = await member(elsewhere, 'handler', 'Otto Outsider');
}, 60_000);

describe('the whole lifecycle over HTTP, as a handler and managers', () => {
  let filed: FiledCase;

  it('runs from received to closed, mailing the complainant at each step, with every action in the audit log', async () => {
    filed = await fileComplaint(running.url, running.store.db, appeals, appeals.languages.includes('en') ? 'en' : appeals.languages[0]);
    const { caseId, reference } = filed;
    // Received: the acknowledgement mail with the reference.
    await mailContaining(reference, reference);

    // The queue shows it; the case page shows the complainant and the received event.
    const queue = await get('/staff?lang=en', handler.cookie);
    expect(queue.status).toBe(200);
    expect(textOf(await queue.text())).toContain(reference);
    const page = await get(`/staff/cases/${caseId}`, handler.cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const pageText = textOf(await page.text());
    expect(pageText).toContain(t('event.received'));
    expect(pageText).toContain('complainant@example.org');

    // A validation error follows the GOV.UK loop: 400, the error summary, the message.
    const empty = await act(caseId, handler, { action: 'message', body: '   ' });
    expect(empty.status).toBe(400);
    const emptyText = textOf(await empty.text());
    expect(emptyText).toContain(t('complain.errorSummary'));
    expect(emptyText).toContain(t('staff.case.error.message'));

    await expectDone(await act(caseId, handler, { action: 'acknowledge', body: 'Thank you: we have your complaint.' }), caseId, 'acknowledge');
    await mailContaining(reference, 'Thank you: we have your complaint.');
    const confirmed = textOf(await (await get(`/staff/cases/${caseId}?done=acknowledge`, handler.cookie)).text());
    expect(confirmed).toContain(t('staff.case.done.acknowledge'));

    const unassignedBefore = textOf(await (await get('/staff?assignee=unassigned', handler.cookie)).text());
    expect(unassignedBefore).toContain(reference);
    await expectDone(await act(caseId, handler, { action: 'assign', assignee: 'me' }), caseId, 'assign');
    await mailContaining(reference, handler.name);
    // The queue's assignee filter: mine now, no longer unassigned.
    expect(textOf(await (await get('/staff?assignee=me', handler.cookie)).text())).toContain(reference);
    expect(textOf(await (await get('/staff?assignee=unassigned', handler.cookie)).text())).not.toContain(reference);
    // The manager who will not be independent adds an internal note.
    await expectDone(await act(caseId, managerWhoActed, { action: 'note', body: 'Checked the billing record: two charges.' }), caseId, 'note');

    await expectDone(
      await act(caseId, handler, { action: 'requestInformation', body: 'Please send the date of the second charge.' }),
      caseId,
      'requestInformation',
    );
    await mailContaining(reference, 'Please send the date of the second charge.');

    // The complainant answers on their status page, with a file.
    const { cookie: complainant } = await signIn(running.url, filed.lang, reference, filed.accessCode);
    const reply = new FormData();
    reply.set('action', 'reply');
    reply.set('body', 'It was on 3 November.');
    reply.append('files', new File([pdfBytes()], 'statement.pdf', { type: 'application/pdf' }));
    expect((await post(`/${filed.lang}/track/${reference}`, reply, complainant)).status).toBe(303);
    const afterReply = textOf(await (await get(`/staff/cases/${caseId}`, handler.cookie)).text());
    expect(afterReply).toContain('It was on 3 November.');
    expect(afterReply).toContain('statement.pdf');
    // The handler downloads the file: an attachment, never sniffed.
    const [file] = await running.store.db.select().from(attachments).where(eq(attachments.caseId, caseId));
    const download = await get(`/staff/cases/${caseId}/files/${file!.id}`, handler.cookie);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');

    await expectDone(
      await act(caseId, handler, { action: 'propose', body: 'We will refund the second charge.', compensation: '25 EUR credit' }),
      caseId,
      'propose',
    );
    await mailContaining(reference, 'We will refund the second charge.');

    const appealForm = new FormData();
    appealForm.set('action', 'appeal');
    appealForm.set('body', 'A credit is not enough: I want the money back.');
    expect((await post(`/${filed.lang}/track/${reference}`, appealForm, complainant)).status).toBe(303);

    // The appeal-independence rule: the handler is not a manager, the manager who acted
    // before is involved; each is told why, and a POST is refused; another manager decides.
    const asHandler = textOf(await (await get(`/staff/cases/${caseId}?lang=en`, handler.cookie)).text());
    expect(asHandler).toContain(t('staff.case.cannotDecide.notManager'));
    const asInvolved = textOf(await (await get(`/staff/cases/${caseId}?lang=en`, managerWhoActed.cookie)).text());
    expect(asInvolved).toContain(t('staff.case.cannotDecide.involvedBefore'));
    expect(asInvolved).not.toContain(t('staff.case.decideAppeal.submit'));
    const refused = await act(caseId, managerWhoActed, { action: 'decideAppeal', outcome: 'upheld', body: 'Upheld.' });
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain(t('status.refused.involvedBefore'));
    const asIndependent = textOf(await (await get(`/staff/cases/${caseId}?lang=en`, independentManager.cookie)).text());
    expect(asIndependent).toContain(t('staff.case.decideAppeal.submit'));
    await expectDone(
      await act(caseId, independentManager, { action: 'decideAppeal', outcome: 'partlyUpheld', body: 'We will refund the charge in money.' }),
      caseId,
      'decideAppeal',
    );
    await mailContaining(reference, 'We will refund the charge in money.');

    const [decided] = await running.store.db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId));
    if (decided!.status !== 'closed') {
      await expectDone(await act(caseId, handler, { action: 'close', reason: 'appealDecided', body: 'The refund is on its way.' }), caseId, 'close');
    }
    const [closed] = await running.store.db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId));
    expect(closed!.status).toBe('closed');
    expect(mailsOf(reference).length).toBeGreaterThanOrEqual(7);

    // Every staff event is in the audit log, by its actor, in the case's organisation.
    const staffEvents = await running.store.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    const audit = { rows: await running.store.db.select().from(auditLog).where(eq(auditLog.caseId, caseId)) };
    for (const event of staffEvents.filter((e) => e.actorType === 'staff')) {
      expect(audit.rows.some((row) => row.action.split(',').includes(event.type) && row.actorId === event.actorId)).toBe(true);
    }
    const organisationId = (await getOrganisation(appeals.slug))!._id;
    expect(audit.rows.every((row) => row.organisationId === organisationId)).toBe(true);
    const actions = audit.rows.flatMap((r) => r.action.split(','));
    for (const type of ['acknowledged', 'assigned', 'note', 'information_requested', 'resolution_proposed', 'appeal_decided']) expect(actions).toContain(type);
  }, 120_000);
});

describe("a handler of another organisation on this organisation's case", () => {
  it('gets a 404 on every route: the page, each action and the files', async () => {
    const filed = await fileComplaint(running.url, running.store.db, appeals);
    // A file on the case, uploaded by the complainant.
    await expectDone(await act(filed.caseId, handler, { action: 'requestInformation', body: 'Please send the bill.' }), filed.caseId, 'requestInformation');
    const { cookie: complainant } = await signIn(running.url, filed.lang, filed.reference, filed.accessCode);
    const reply = new FormData();
    reply.set('action', 'reply');
    reply.set('body', 'Attached.');
    reply.append('files', new File([pdfBytes()], 'bill.pdf', { type: 'application/pdf' }));
    expect((await post(`/${filed.lang}/track/${filed.reference}`, reply, complainant)).status).toBe(303);
    const [file] = await running.store.db.select().from(attachments).where(eq(attachments.caseId, filed.caseId));

    const before = await running.store.db.select().from(caseEvents).where(eq(caseEvents.caseId, filed.caseId));
    expect((await get(`/staff/cases/${filed.caseId}`, outsider.cookie)).status).toBe(404);
    expect((await get(`/staff/cases/${filed.caseId}/files/${file!.id}`, outsider.cookie)).status).toBe(404);
    const actions: Record<string, string>[] = [
      { action: 'acknowledge', body: 'x' },
      { action: 'assign', assignee: 'me' },
      { action: 'note', body: 'x' },
      { action: 'message', body: 'x' },
      { action: 'requestInformation', body: 'x' },
      { action: 'propose', body: 'x', compensation: 'x' },
      { action: 'escalate', body: 'x' },
      { action: 'deadlock', body: 'x' },
      { action: 'close', reason: 'resolved' },
      { action: 'decideAppeal', outcome: 'upheld', body: 'x' },
    ];
    for (const fields of actions) expect((await act(filed.caseId, outsider, fields)).status, fields.action).toBe(404);
    // Nothing was written, and the queue does not list it.
    const after = await running.store.db.select().from(caseEvents).where(eq(caseEvents.caseId, filed.caseId));
    expect(after.length).toBe(before.length);
    expect(textOf(await (await get(`/staff?q=${filed.reference}`, outsider.cookie)).text())).not.toContain(filed.reference);
    // A case id that does not exist answers the same.
    expect((await get('/staff/cases/00000000-0000-4000-8000-000000000000', outsider.cookie)).status).toBe(404);
  }, 60_000);
});

describe('logging a complaint received by phone', () => {
  it('shows the errors first, then creates the case with its channel and the member as the actor', async () => {
    const path = '/staff/cases/new?lang=en';
    const form = await get(path, handler.cookie);
    expect(form.status).toBe(200);
    const html = await form.text();
    const key = html.match(/name="_key" value="([0-9a-f]{32})"/)![1]!;
    const invalid = await post('/staff/cases/new', { _key: key }, handler.cookie);
    expect(invalid.status).toBe(400);
    const invalidText = textOf(await invalid.text());
    expect(invalidText).toContain(t('staff.log.error.channel'));
    expect(invalidText).toContain(t('staff.log.error.record'));

    const { body } = validAnswers(formFields(appeals, 'en').filter((f) => f.type !== 'file'));
    body.set('_key', key);
    body.set('channel', 'phone');
    body.set('caseLanguage', 'en');
    body.set('description', 'Caller said the meter was read twice in October.');
    const created = await post('/staff/cases/new', body, handler.cookie);
    expect(created.status).toBe(303);
    const location = created.headers.get('location')!;
    const caseId = location.match(/\/staff\/cases\/([0-9a-f-]{36})\?done=logged/)![1]!;
    const [row] = await running.store.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.channel).toBe('phone');
    const [received] = await running.store.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(received!.type).toBe('received');
    expect(received!.actorType).toBe('staff');
    expect(received!.actorId).toBe(handler.id);
    const cookie = `${handler.cookie}; ${
      created.headers
        .getSetCookie()
        .find((c) => c.startsWith('redress_staff_logged='))!
        .split(';')[0]
    }`;
    const page = textOf(await (await get(location, cookie)).text());
    expect(page).toContain('Caller said the meter was read twice in October.');
    expect(page).toContain(t('staff.case.accessCode'));
    const audit = { rows: await running.store.db.select().from(auditLog).where(eq(auditLog.caseId, caseId)) };
    expect(audit.rows.map((r) => r.action)).toContain('logComplaint');
  }, 60_000);
});

describe('the case page and its map of actions', () => {
  /** The actions whose forms a case page offers (each form posts its action's name). */
  const formsOn = (html: string) => [...html.matchAll(/name="action" value="([^"]+)"/g)].map((m) => m[1]!);
  /** Fields every action's validation accepts, so that only the rules can refuse it. */
  const valid: Record<StaffAction, Record<string, string>> = {
    acknowledge: { body: 'x' },
    assign: { assignee: 'me' },
    note: { body: 'x' },
    message: { body: 'x' },
    requestInformation: { body: 'x' },
    propose: { body: 'x', compensation: 'x' },
    escalate: { body: 'x' },
    deadlock: { body: 'x' },
    close: { reason: 'resolved' },
    decideAppeal: { outcome: 'upheld', body: 'x' },
  };

  it('offers a form for each action the status allows, and refuses over HTTP each one it does not', async () => {
    const filed = await fileComplaint(running.url, running.store.db, appeals, appeals.languages.includes('en') ? 'en' : appeals.languages[0]);
    const { caseId, reference } = filed;
    const seen = new Set<string>();
    const statusOf = async () => (await running.store.db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)))[0]!.status as CaseStatus;

    /** At the case's status now: the page's forms are exactly the allowed actions; every other action answers 409 and why. */
    const check = async (expected: CaseStatus) => {
      const status = await statusOf();
      expect(status).toBe(expected);
      // As the manager who has not acted: the one member the appeal decision's form is for.
      const html = await (await get(`/staff/cases/${caseId}?lang=en`, independentManager.cookie)).text();
      const forms = formsOn(html);
      expect(forms.toSorted(), status).toEqual(staffActionsFor(status).toSorted());
      forms.forEach((action) => seen.add(action));
      for (const action of staffActions.filter((a) => !forms.includes(a))) {
        const refused = await act(caseId, handler, { action, ...valid[action] });
        expect(refused.status, `${status}: ${action}`).toBe(409);
        const rule = staffCan(status, action);
        expect(rule.ok).toBe(false);
        if (!rule.ok) expect(textOf(await refused.text()), `${status}: ${action}`).toContain(t(`status.refused.${rule.reason}`));
      }
      expect(await statusOf(), 'a refused action changes nothing').toBe(status);
    };

    await check('received');
    await expectDone(await act(caseId, handler, { action: 'requestInformation', body: 'Please send the bill.' }), caseId, 'requestInformation');
    await check('awaiting_complainant');
    await expectDone(await act(caseId, handler, { action: 'propose', body: 'A refund.' }), caseId, 'propose');
    await check('resolution_proposed');
    const { cookie: complainant } = await signIn(running.url, filed.lang, reference, filed.accessCode);
    const appealForm = new FormData();
    appealForm.set('action', 'appeal');
    appealForm.set('body', 'Not enough.');
    expect((await post(`/${filed.lang}/track/${reference}`, appealForm, complainant)).status).toBe(303);
    await check('appealed');
    await expectDone(await act(caseId, independentManager, { action: 'decideAppeal', outcome: 'notUpheld', body: 'Not upheld.' }), caseId, 'decideAppeal');
    if ((await statusOf()) !== 'closed') await expectDone(await act(caseId, handler, { action: 'close', reason: 'appealDecided' }), caseId, 'close');
    await check('closed');

    // Every action of the map had its form on the page at one of these statuses.
    expect([...seen].toSorted()).toEqual([...staffActions].toSorted());
  });

  it('refuses an action it does not know, like one the status does not allow', async () => {
    const filed = await fileComplaint(running.url, running.store.db, appeals, appeals.languages.includes('en') ? 'en' : appeals.languages[0]);
    const response = await act(filed.caseId, handler, { action: 'delete', body: 'x' });
    expect(response.status).toBe(409);
    expect(textOf(await response.text())).toContain(t('status.refused.notAllowed'));
  });
});
