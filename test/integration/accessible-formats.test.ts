import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, formatRequests } from '#src/db/index.ts';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { getOrganisation, listOrganisations, type Organisation } from '#src/content/index.ts';
import { locales, translator, type Locale } from '#src/i18n/index.ts';
import { formatDateTime } from '#src/i18n/format.ts';
import { contentRecipients, needsDetails, offeredFormats } from '#src/formats/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { startServer } from '../support/server.ts';
import { htmlAttributes, textOf } from '../support/html.ts';
import { fileComplaint } from '../support/cases.ts';
import { organisationForms } from '../support/complaint-forms.ts';
import { staffPassword, staffSignIn } from '../support/site-fixture.ts';

const running = useServerOnPostgres();
const stackTrace = /\bat .+\.(m?js|ts):\d+/;
let organisations: Organisation[] = [];

const pathOf = (org: Organisation, lang: string) => `/${lang}/${org.slug}/accessible-formats`;
const post = (path: string, body: URLSearchParams, cookie?: string, origin = running.url) =>
  fetch(`${running.url}${path}`, { method: 'POST', body, headers: { origin, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });

/** Opens the form like a browser; returns the page and its one-time key. */
async function openForm(org: Organisation, lang: string) {
  const response = await fetch(`${running.url}${pathOf(org, lang)}`);
  const html = await response.text();
  return { response, html, key: html.match(/name="_key" value="([0-9a-f]{32})"/)?.[1] ?? '' };
}

/** A valid request for what the organisation offers first: by post, with an email address for the acknowledgement. */
function validRequest(org: Organisation, key: string, email: string): URLSearchParams {
  const formats = offeredFormats(org);
  const body = new URLSearchParams({ _key: key, subject: 'code', delivery: 'post', name: 'Ann Reader', email });
  if (formats.length > 1) body.set('format', formats[0]!);
  if (needsDetails(formats[0]!)) body.set('details', 'Polish');
  body.set('postalAddress.line1', '1 High Street');
  body.set('postalAddress.town', 'Leeds');
  body.set('postalAddress.postcode', 'LS1 1AA');
  return body;
}

interface Mail {
  to: string;
  subject: string;
  text: string;
}
function mailbox(): Mail[] {
  const dir = join(running.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Mail);
}
/** Waits for the outbox worker to deliver a mail to `to` that contains `needle`. */
async function mailTo(to: string, needle: string): Promise<Mail> {
  for (let i = 0; i < 80; i++) {
    const found = mailbox().find((m) => m.to === to && `${m.subject}\n${m.text}`.includes(needle));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `no mail to ${to} with ${needle}; have: ${mailbox()
      .map((m) => `${m.to}: ${m.subject}`)
      .join(' | ')}`,
  );
}

const requestsOf = (slug: string) => running.store.db.select().from(formatRequests).where(eq(formatRequests.organisationSlug, slug));

/** Submits a valid request in a language; returns the stored row and the confirmation page's text. */
async function submit(org: Organisation, lang: string, email: string) {
  const { key } = await openForm(org, lang);
  const response = await post(pathOf(org, lang), validRequest(org, key, email));
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(`${pathOf(org, lang)}/confirmation`);
  const cookie = response.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  const confirmation = await fetch(`${running.url}${response.headers.get('location')}`, { headers: { cookie: cookie.split(';')[0]! } });
  const [row] = (await requestsOf(org.slug!)).filter((r) => r.email === email);
  return { row: row!, text: textOf(await confirmation.text()), key, cookie: cookie.split(';')[0]! };
}

interface Member {
  cookie: string;
  id: string;
}
async function member(org: Organisation, role: 'handler' | 'manager', email: string): Promise<Member> {
  const now = new Date();
  const created = await createStaff(running.store.db, { email, name: email.split('@')[0]!, organisationSlug: org.slug!, organisationId: org._id, role, now });
  await setPassword(running.store.db, { token: created.setPasswordToken!, password: staffPassword, now });
  return { cookie: await staffSignIn(running.url, email), id: created.userId };
}

beforeAll(async () => {
  organisations = await Promise.all((await listOrganisations()).map(async (o) => (await getOrganisation(o.slug!))!));
});

describe('the request page in every language of every organisation', () => {
  it('shows the offer, what the site makes at once and the form; refuses an incomplete request with its messages, keeping the answers; accepts a valid one', async () => {
    for (const org of organisations) {
      for (const lang of (org.languages ?? []) as Locale[]) {
        const t = translator(lang);
        const { response, html } = await openForm(org, lang);
        expect(response.status, `${org.slug} ${lang}`).toBe(200);
        expect(response.headers.get('cache-control')).toContain('no-store');
        expect(htmlAttributes(html).lang).toBe(lang);
        expect(html).toContain(`href="/${lang}/${org.slug}/code/large-print"`);
        expect(html).not.toMatch(/<script\b/i);
        const text = textOf(html);
        expect(text).toContain(t('formats.title', { name: org.name! }));
        if (!(org.accessibleFormats ?? []).length && !org.freePostedCopy?.available) expect(text).toContain(t('formats.offerNone', { name: org.name! }));
        for (const f of org.accessibleFormats ?? []) expect(text).toContain(t(`format.${f.format}`));

        const invalid = await post(pathOf(org, lang), new URLSearchParams({ name: 'Ann Reader', delivery: 'email', notes: 'Grade 2 Braille' }));
        expect(invalid.status).toBe(400);
        const invalidHtml = await invalid.text();
        const invalidText = textOf(invalidHtml);
        expect(invalidHtml).toMatch(new RegExp(`<title>${t('complain.errorTitlePrefix')}`));
        expect(invalidText).toContain(t('complain.errorSummary'));
        expect(invalidText).toContain(t('formats.field.subject.errorRequired'));
        expect(invalidText).toContain(t('formats.field.email.errorRequired'));
        expect(invalidHtml).toContain('value="Ann Reader"');
        expect(invalidText).toContain('Grade 2 Braille');
        expect(invalidHtml).toMatch(/<input type="radio" id="f-delivery-1" name="delivery" value="email" checked/);
        expect(invalidHtml).not.toMatch(stackTrace);

        const email = `ann.${org.slug}.${lang}@example.org`;
        const { row, text: confirmation } = await submit(org, lang, email);
        expect(row).toMatchObject({ language: lang, status: 'received', subject: 'code', delivery: 'post', name: 'Ann Reader' });
        expect(confirmation).toContain(row.reference);
        expect(confirmation).toContain(t('formats.confirm.received', { date: formatDateTime(row.receivedAt, lang, org.timeZone!) }));
        expect(confirmation).toContain(t('formats.confirm.next.post', { name: org.name! }));
      }
    }
  });

  it('offers the PDF of the code only where there is one: in a language the organisation publishes in', async () => {
    for (const org of organisations) {
      for (const lang of locales) {
        const { html } = await openForm(org, lang);
        const pdf = `/${lang}/${org.slug}/code.pdf`;
        const published = (org.languages ?? []).includes(lang);
        expect(html.includes(`href="${pdf}"`), `${lang} ${org.slug}`).toBe(published);
        if (published) expect((await fetch(`${running.url}${pdf}`)).status).toBe(200);
      }
    }
  });

  it('links to the page from the organisation page and the code page', async () => {
    const org = organisations[0]!;
    const lang = org.languages![0]!;
    for (const path of [`/${lang}/${org.slug}`, `/${lang}/${org.slug}/code`]) {
      expect(await (await fetch(`${running.url}${path}`)).text()).toContain(`href="${pathOf(org, lang)}"`);
    }
  });
});

describe('mail', () => {
  it("acknowledges to the requester in their language and tells the organisation's contact in its first language", async () => {
    const org = organisations.find((o) => contentRecipients(o.contactMethods ?? []) && (o.languages ?? []).length > 1)!;
    const lang = org.languages!.at(-1)! as Locale;
    const email = `mail.${org.slug}@example.org`;
    const { row } = await submit(org, lang, email);
    const ack = await mailTo(email, row.reference);
    expect(ack.subject).toBe(translator(lang)('formats.mail.acknowledgement.subject', { organisation: org.name!, reference: row.reference }));
    expect(ack.text).toContain(formatDateTime(row.receivedAt, lang, org.timeZone!));
    const contact = contentRecipients(org.contactMethods ?? [])!.addresses[0]!;
    const notice = await mailTo(contact, row.reference);
    expect(notice.subject).toBe(translator(org.languages![0] as Locale)('formats.mail.notification.subject', { reference: row.reference }));
    expect(notice.text).toContain(email);
    expect(notice.text).toContain('1 High Street');
    expect(notice.text).toContain(`/staff/formats/${row.id}`);
  });

  it('gives a request sent twice one reference, and says so', async () => {
    const org = organisations[0]!;
    const lang = org.languages![0]!;
    const { key } = await openForm(org, lang);
    const email = `twice.${org.slug}@example.org`;
    const first = await post(pathOf(org, lang), validRequest(org, key, email));
    const second = await post(pathOf(org, lang), validRequest(org, key, email));
    expect([first.status, second.status]).toEqual([303, 303]);
    expect((await requestsOf(org.slug!)).filter((r) => r.email === email)).toHaveLength(1);
    const cookie = second.headers.get('set-cookie')!.split(';')[0]!;
    const page = textOf(await (await fetch(`${running.url}${pathOf(org, lang)}/confirmation`, { headers: { cookie } })).text());
    expect(page).toContain(translator(lang as Locale)('formats.confirm.alreadySent'));
  });
});

describe('the back office', () => {
  it('lets staff of the organisation see and fulfil a request, telling the requester; staff of another organisation get 404 everywhere', async () => {
    const org = organisations.find((o) => !contentRecipients(o.contactMethods ?? []))!;
    const other = organisations.find((o) => o._id !== org._id)!;
    const manager = await member(org, 'manager', `manager@${org.slug}.example`);
    const outsider = await member(other, 'manager', `outsider@${other.slug}.example`);
    const lang = org.languages![0]!;
    const email = `staff.${org.slug}@example.org`;
    const { row } = await submit(org, lang, email);
    // Content names nobody to mail: the organisation's managers are told.
    await mailTo(`manager@${org.slug}.example`, row.reference);
    const item = `/staff/formats/${row.id}`;
    const get = (path: string, who: Member) => fetch(`${running.url}${path}`, { headers: { cookie: who.cookie }, redirect: 'manual' });
    const t = translator('en');

    const list = await get('/staff/formats?lang=en', manager);
    expect(list.status).toBe(200);
    expect(textOf(await list.text())).toContain(row.reference);
    expect(textOf(await (await get('/staff?lang=en', manager)).text())).toMatch(/accessible-format requests? (is|are) open/);
    const page = await get(item, manager);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(textOf(await page.text())).toContain('1 High Street');

    // Another organisation's staff: not in their list, 404 on the page and on every action, nothing changes.
    expect(textOf(await (await get('/staff/formats?status=all', outsider)).text())).not.toContain(row.reference);
    expect((await get(item, outsider)).status).toBe(404);
    for (const action of ['start', 'fulfil', 'decline']) {
      const attempt = await post(item, new URLSearchParams({ action, sentOn: '2026-01-01', fulfilHow: 'x', declineReason: 'x' }), outsider.cookie);
      expect(attempt.status).toBe(404);
    }
    expect((await get('/staff/formats/00000000-0000-4000-8000-000000000000', manager)).status).toBe(404);
    expect((await get('/staff/formats/not-an-id', manager)).status).toBe(404);

    // A cross-site post is refused even with the member's cookie.
    expect((await post(item, new URLSearchParams({ action: 'start' }), manager.cookie, 'https://evil.example')).status).toBe(403);
    const [untouched] = await running.store.db.select().from(formatRequests).where(eq(formatRequests.id, row.id));
    expect(untouched!.status).toBe('received');

    const started = await post(item, new URLSearchParams({ action: 'start' }), manager.cookie);
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe(`${item}?done=start`);
    const missing = await post(item, new URLSearchParams({ action: 'fulfil', sentOn: '' }), manager.cookie);
    expect(missing.status).toBe(400);
    const missingText = textOf(await missing.text());
    expect(missingText).toContain(t('staffFormats.error.sentOn'));
    expect(missingText).toContain(t('staffFormats.error.fulfil'));
    const fulfilled = await post(
      item,
      new URLSearchParams({ action: 'fulfil', sentOn: '2026-01-02', fulfilHow: 'Braille copy posted first class.' }),
      manager.cookie,
    );
    expect(fulfilled.status).toBe(303);
    const again = await post(item, new URLSearchParams({ action: 'decline', declineReason: 'Too late' }), manager.cookie);
    expect(again.status).toBe(409);

    const update = await mailTo(email, 'Braille copy posted first class.');
    expect(update.subject).toContain(row.reference);
    const audit = await running.store.db.select().from(auditLog).where(eq(auditLog.organisationId, org._id));
    expect(audit.filter((a) => (a.details as { formatRequestId?: string }).formatRequestId === row.id).map((a) => [a.action, a.actorId])).toEqual([
      ['formatRequest.started', manager.id],
      ['formatRequest.fulfilled', manager.id],
    ]);
  });
});

describe('a letter about a case in another format', () => {
  it("shows on that case's staff page, in its organisation only, linked both ways", async () => {
    const form = organisationForms()[0]!;
    const org = organisations.find((o) => o.slug === form.slug)!;
    const other = organisations.find((o) => o._id !== org._id)!;
    const filed = await fileComplaint(running.url, running.store.db, form);
    const lang = org.languages![0]!;
    const ask = async (at: Organisation, email: string) => {
      const { key } = await openForm(at, lang);
      const body = validRequest(at, key, email);
      body.set('subject', 'caseLetter');
      // Typed the way people type it: lower case, spaces for dashes.
      body.set('caseReference', filed.reference.toLowerCase().replaceAll('-', ' '));
      const response = await post(pathOf(at, lang), body);
      expect(response.status).toBe(303);
      const [row] = (await requestsOf(at.slug!)).filter((r) => r.email === email);
      expect(row!.caseReference).toBe(filed.reference);
      return row!;
    };
    const mine = await ask(org, `letters.${org.slug}@example.org`);
    // The same reference quoted to another organisation is not this case's business.
    const elsewhere = await ask(other, `letters.elsewhere@example.org`);

    const handler = await member(org, 'handler', `letters-handler@${org.slug}.example`);
    const get = async (path: string) => textOf(await (await fetch(`${running.url}${path}`, { headers: { cookie: handler.cookie } })).text());
    const casePage = await get(`/staff/cases/${filed.caseId}?lang=en`);
    expect(casePage).toContain(translator('en')('staffFormats.onCase.intro'));
    expect(casePage).toContain(mine.reference);
    expect(casePage).not.toContain(elsewhere.reference);
    const html = await (await fetch(`${running.url}/staff/cases/${filed.caseId}`, { headers: { cookie: handler.cookie } })).text();
    expect(html).toContain(`href="/staff/formats/${mine.id}"`);
    const requestPage = await (await fetch(`${running.url}/staff/formats/${mine.id}`, { headers: { cookie: handler.cookie } })).text();
    expect(requestPage).toContain(`href="/staff/cases/${filed.caseId}"`);
  });
});

describe('abuse', () => {
  it('refuses a cross-site post of the public form', async () => {
    const org = organisations[0]!;
    const response = await post(pathOf(org, org.languages![0]!), validRequest(org, '', 'evil@example.org'), undefined, 'https://evil.example');
    expect(response.status).toBe(403);
    expect((await requestsOf(org.slug!)).some((r) => r.email === 'evil@example.org')).toBe(false);
  });

  it('drops a request whose hidden field a bot filled in', async () => {
    const org = organisations[0]!;
    const lang = org.languages![0]!;
    const body = validRequest(org, '', 'bot@example.org');
    body.set('website', 'https://spam.example');
    const response = await post(pathOf(org, lang), body);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(pathOf(org, lang));
    expect((await requestsOf(org.slug!)).some((r) => r.email === 'bot@example.org')).toBe(false);
  });

  it('answers a localised 429 with Retry-After when one client posts too often', async () => {
    const limited = await startServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'redress-formats-limit-')), SUBMIT_RATE_LIMIT: '2' });
    try {
      const org = organisations.find((o) => (o.languages ?? []).length > 1)!;
      const lang = org.languages![1]! as Locale;
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await fetch(`${limited.url}${pathOf(org, lang)}`, {
          method: 'POST',
          body: new URLSearchParams(),
          headers: { origin: limited.url },
          redirect: 'manual',
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([400, 400, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      const html = await last!.text();
      expect(htmlAttributes(html).lang).toBe(lang);
      expect(textOf(html)).toContain(translator(lang)('error.rateLimited.title'));
    } finally {
      await limited.stop();
    }
  });
});
