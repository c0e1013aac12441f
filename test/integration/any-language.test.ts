import { fixtureContentDir } from '../support/fixture-content.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { acknowledge, proposeResolution } from '#src/cases/actions.ts';
import { runAdrScheduler } from '#src/cases/adr-scheduler.ts';
import { cases, caseEvents } from '#src/db/index.ts';
import { interfaceLocale, isLocale, translator } from '#src/i18n/index.ts';
import { policyForOrganisationId } from '#src/policy/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { htmlAttributes, textOf } from '../support/html.ts';
import { organisationForms } from '../support/complaint-forms.ts';
import { readDataset } from '#src/content/local-source.ts';
import { fileComplaint, handler, policyFor, signIn } from '../support/cases.ts';
import { staffAccount } from '../support/site-fixture.ts';

/**
 * Organisations that publish in languages the interface does not speak (test/fixtures/content:
 * Welsh, Austrian German), driven over HTTP against the built server: every page at
 * /{lang}/{org}/..., the form, the mail, tracking, the appeal, ADR and the back office.
 */
const running = useServerOnPostgres({ CONTENT_DIR: fixtureContentDir });
const base = { publicBaseUrl: 'http://localhost:4321' };
const get = (path: string, cookie?: string) => fetch(`${running.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const post = (path: string, body: FormData | URLSearchParams, cookie?: string) =>
  fetch(`${running.url}${path}`, { method: 'POST', body, headers: { origin: running.url, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });

// The organisations are found by what they are, not by name: each publishes in a language outside the interface's.
const outside = organisationForms(fixtureContentDir)
  .map((form) => ({ form, lang: form.languages.find((l) => !isLocale(l))! }))
  .filter((entry) => entry.lang);

const dataset = readDataset(fixtureContentDir);
const orgOf = (slug: string) => dataset.find((d) => d._type === 'organisation' && (d.slug as { current: string }).current === slug)!;
const nameOf = (slug: string) => String(orgOf(slug).name);
type I18n = { language: string; value: string }[];
/** The names of the ADR schemes an organisation's rules point at. */
const schemesOf = (slug: string): I18n[] =>
  ((orgOf(slug).adr as { scheme: { _ref: string } }[] | undefined) ?? []).map((rule) => dataset.find((d) => d._id === rule.scheme._ref)!.name as I18n);

/** The HTML part of a message the local mailbox wrote (base64 in the .eml file). */
const htmlOf = (eml: string) => {
  const part = eml.split(/\r\n--/).find((p) => p.includes('Content-Type: text/html'));
  return part ? Buffer.from(part.split('\r\n\r\n')[1]!.replace(/\s+/g, ''), 'base64').toString('utf8') : '';
};

/** Every message the server's local mailbox holds, with its HTML. */
const mailbox = (): { to: string; subject: string; html: string; text: string }[] => {
  const dir = join(running.dataDir, 'mail');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
      .map((entry) => ({ ...entry, html: htmlOf(readFileSync(join(dir, entry.file), 'utf8')) }));
  } catch {
    return [];
  }
};
async function mailTo(find: (mail: ReturnType<typeof mailbox>[number]) => boolean) {
  for (let i = 0; i < 100; i++) {
    const found = mailbox().find(find);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no such mail');
}

it('has fixture organisations in at least two languages the interface does not speak, one whose ADR opens after the final response or N days', () => {
  expect(new Set(outside.map((o) => o.lang)).size).toBeGreaterThanOrEqual(2);
  const rules = outside.flatMap(({ form }) => (orgOf(form.slug).adr as { afterFinalResponse?: boolean; after?: { unit?: string } }[] | undefined) ?? []);
  expect(rules.some((rule) => rule.afterFinalResponse && rule.after?.unit === 'calendarDays')).toBe(true);
});

describe.each(outside.map((o) => [o.lang, o.form.slug, o] as const))('an organisation publishing in %s (%s)', (lang, slug, { form }) => {
  const ui = interfaceLocale(lang);
  const t = translator(ui);
  const pages = ['/', '/code', '/code/large-print', '/code/1.0', '/complain?about=complaint'].map((p) => `/${lang}/${slug}${p}`);

  it.each(pages)('serves %s in the interface language, the content marked with its own', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(htmlAttributes(html)).toEqual({ lang: ui, dir: 'ltr' });
    expect(html).toContain(`lang="${lang}"`);
    // Links stay in the page's language.
    expect(html).toContain(`href="/${lang}/${slug}/`);
  });

  it('serves the compliment, accessible-formats and performance pages where the organisation has them, and tracking', async () => {
    for (const path of ['/compliment', '/accessible-formats', '/performance']) {
      const status = (await get(`/${lang}/${slug}${path}`)).status;
      expect([200, 404]).toContain(status);
    }
    const track = await get(`/${lang}/track`);
    expect(track.status).toBe(200);
    const text = textOf(await track.text());
    // The example reference carries an organisation's own prefix, never a hard-coded one.
    expect(text).toMatch(/[A-Z]{2,4}-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(text).not.toContain('OPT-2026-AB12-CD3E');
  });

  it('makes the PDF of the code in the content language', async () => {
    const response = await get(`/${lang}/${slug}/code.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`-${lang}.pdf`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(new TextDecoder('latin1').decode(bytes)).toContain(`/Lang (${lang})`);
  });

  it('is linked from the directory in its language, and only its own organisations have pages in it', async () => {
    const directory = await get(`/${lang}/`);
    expect(directory.status).toBe(200);
    const html = await directory.text();
    expect(html).toContain(`href="/${lang}/${slug}/"`);
    expect(await (await get('/en/')).text()).toContain(`href="/${lang}/${slug}/" hreflang="${lang}"`);
    const other = organisationForms('content')[0]!;
    if (!other.languages.includes(lang)) expect((await get(`/${lang}/${other.slug}/`)).status).toBe(404);
    expect((await get(`/${lang.toUpperCase()}/${slug}/`)).status).toBe(404);
  });

  it('takes a complaint in that language: the case, the acknowledgement (interface words, content words in the language) and the status page', async () => {
    const filed = await fileComplaint(running.url, running.store.db, form, lang);
    expect(filed.reference.startsWith(`${form.referencePrefix}-`)).toBe(true);
    const [row] = await running.store.db.select().from(cases).where(eq(cases.id, filed.caseId));
    expect(row!.language).toBe(lang);
    const mail = await mailTo((m) => m.subject.includes(filed.reference) || m.text.includes(filed.reference));
    expect(mail.text).toContain(`/${lang}/track`);
    // The interface words in the nearest interface language (cy → en, de-AT → en).
    expect(mail.subject).toBe(t('mail.acknowledgement.subject.complaint', { organisation: nameOf(slug), reference: filed.reference }));
    // The contacts are labelled with the organisation's own words in the case's language.
    expect(mail.html).toContain(`<strong lang="${lang}" dir="ltr">`);
    const { cookie } = await signIn(running.url, lang, filed.reference, filed.accessCode);
    expect(cookie).toBeTruthy();
    const status = await get(`/${lang}/track/${filed.reference}`, cookie);
    expect(status.status).toBe(200);
    const html = await status.text();
    expect(htmlAttributes(html).lang).toBe(ui);
    expect(html).toContain(`lang="${lang}"`);
    expect(textOf(html)).toContain(t('status.name.received'));
  });

  it('lets the complainant appeal where the policy allows it, and staff work the case in the back office', async () => {
    const policy = await policyFor(slug);
    const filed = await fileComplaint(running.url, running.store.db, form, lang);
    await acknowledge(running.store.db, { caseId: filed.caseId, actor: handler, now: new Date(), policy, ...base });
    await proposeResolution(running.store.db, { caseId: filed.caseId, actor: handler, now: new Date(), policy, ...base, body: 'A rebate on the next bill.' });
    const { cookie } = await signIn(running.url, lang, filed.reference, filed.accessCode);
    const body = new FormData();
    body.set('action', 'appeal');
    body.set('body', 'The rebate does not cover the damage.');
    const appealed = await post(`/${lang}/track/${filed.reference}`, body, cookie!);
    if (policy.appealPolicy?.enabled) {
      expect(appealed.status).toBe(303);
      expect(appealed.headers.get('location')).toContain(`/${lang}/track/${filed.reference}`);
      const events = await running.store.db.select().from(caseEvents).where(eq(caseEvents.caseId, filed.caseId));
      expect(events.map((e) => e.type)).toContain('appealed');
    } else {
      expect(appealed.status).toBe(400);
      expect(textOf(await appealed.text())).toContain(t('status.refused.noAppeal'));
    }
    const staff = await staffAccount(running.url, running.store.db, [slug], 'handler', `Handler ${lang}`);
    const casePage = await get(`/staff/cases/${filed.caseId}`, staff.cookie);
    expect(casePage.status).toBe(200);
    expect(textOf(await casePage.text())).toContain(filed.reference);
    const queue = await get('/staff', staff.cookie);
    expect(textOf(await queue.text())).toContain(filed.reference);
  });

  it('tells the complainant when they may go to ADR, naming the body in the case language', async () => {
    const filed = await fileComplaint(running.url, running.store.db, form, lang);
    // The date promised at submission (the rule's own period: 8 weeks, 42 calendar days...).
    const [row] = await running.store.db.select({ at: cases.adrEligibleAt }).from(cases).where(eq(cases.id, filed.caseId));
    expect(row!.at).toBeInstanceOf(Date);
    const before = await runAdrScheduler(running.store.db, { now: new Date(row!.at!.getTime() - 60_000), policyFor: policyForOrganisationId, ...base });
    expect(before.noticed).not.toContain(filed.caseId);
    const { noticed } = await runAdrScheduler(running.store.db, { now: row!.at!, policyFor: policyForOrganisationId, ...base });
    expect(noticed).toContain(filed.caseId);
    const schemeNames = schemesOf(slug)
      .map((scheme) => scheme.find((n) => n.language === lang)?.value)
      .filter(Boolean) as string[];
    expect(schemeNames.length).toBeGreaterThan(0);
    const letter = await mailTo((m) => m.text.includes(filed.reference) && schemeNames.some((name) => m.text.includes(name)));
    expect(letter.html).toContain(`<strong lang="${lang}" dir="ltr">`);
  });

  it('opens ADR at once after the final response where the rule says so, and not before', async () => {
    const policy = await policyFor(slug);
    const afterFinalResponse = (policy.adr ?? []).some((rule) => rule.afterFinalResponse);
    const filed = await fileComplaint(running.url, running.store.db, form, lang);
    const input = { caseId: filed.caseId, actor: handler, policy, ...base };
    await acknowledge(running.store.db, { ...input, now: new Date() });
    expect(
      (await runAdrScheduler(running.store.db, { now: new Date(Date.now() + 60_000), policyFor: policyForOrganisationId, ...base })).noticed,
    ).not.toContain(filed.caseId);
    await proposeResolution(running.store.db, { ...input, now: new Date(), body: 'Our final response.' });
    const { noticed } = await runAdrScheduler(running.store.db, { now: new Date(Date.now() + 60_000), policyFor: policyForOrganisationId, ...base });
    expect(noticed.includes(filed.caseId)).toBe(afterFinalResponse);
    const notices = (await running.store.db.select().from(caseEvents).where(eq(caseEvents.caseId, filed.caseId))).filter((e) => e.type === 'adr_notice');
    expect(notices.map((e) => (e.data as { reason?: string }).reason)).toEqual(afterFinalResponse ? ['finalResponse'] : []);
  });
});
