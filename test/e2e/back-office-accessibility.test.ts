import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledge, addNote, appeal, assign, close, proposeResolution, requestInformation, type Actor } from '../../src/cases/actions.ts';
import { createStaff, setPassword } from '../../src/auth/index.ts';
import { getOrganisation } from '../../src/content/index.ts';
import { translator, type Locale } from '../../src/i18n/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { launchBrowser, wcagTags } from '../support/browser.ts';
import { fileComplaint, formWithPolicy, policyFor, type FiledCase } from '../support/cases.ts';

const running = useServerOnPostgres();
const PASSWORD = 'correct horse battery staple 42';
const base = { publicBaseUrl: 'http://localhost:4321' };
let browser: Browser;
const cookies = new Map<'handler' | 'manager', string>();
const caseIds = new Map<string, string>();

async function account(slug: string, role: 'handler' | 'manager', name: string): Promise<{ actor: Actor; cookie: string }> {
  const org = await getOrganisation(slug);
  const email = `${role}.${slug}@example.org`;
  const now = new Date();
  const created = await createStaff(running.store.db, { email, name, organisationSlug: slug, organisationId: org!._id, role, now });
  await setPassword(running.store.db, { token: created.setPasswordToken!, password: PASSWORD, now });
  const response = await fetch(`${running.url}/staff/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: PASSWORD }),
    headers: { origin: running.url },
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('redress_staff='))?.split(';')[0];
  if (!cookie) throw new Error(`sign-in refused: ${response.status}`);
  return { actor: { type: 'staff', id: created.userId, name, role }, cookie };
}

beforeAll(async () => {
  browser = await launchBrowser();
  const form = await formWithPolicy((p) => Boolean(p.appealPolicy?.enabled));
  const policy = await policyFor(form.slug);
  const handler = await account(form.slug, 'handler', 'Hanna Handler');
  const manager = await account(form.slug, 'manager', 'Martin Manager');
  cookies.set('handler', handler.cookie);
  cookies.set('manager', manager.cookie);
  const db = running.store.db;
  const input = (c: FiledCase, actor: Actor) => ({ caseId: c.caseId, actor, now: new Date(), policy, ...base });
  const make = async (name: string, drive: (c: FiledCase) => Promise<unknown>) => {
    const filed = await fileComplaint(running.url, db, form);
    await drive(filed);
    caseIds.set(name, filed.caseId);
  };
  await make('received', async () => {});
  await make('awaiting reply', async (c) => {
    await acknowledge(db, input(c, handler.actor));
    await assign(db, { ...input(c, handler.actor), assigneeId: handler.actor.id!, assigneeName: handler.actor.name! });
    await addNote(db, { ...input(c, handler.actor), body: 'Called the complainant: no answer.' });
    await requestInformation(db, { ...input(c, handler.actor), body: 'Please send the invoice number.' });
  });
  await make('appealed', async (c) => {
    await acknowledge(db, input(c, handler.actor));
    await proposeResolution(db, { ...input(c, handler.actor), body: 'A refund of the fee.', compensation: '40 EUR' });
    await appeal(db, { caseId: c.caseId, actor: { type: 'complainant' }, now: new Date(), policy, ...base, body: 'Not enough.' });
  });
  await make('closed', async (c) => {
    await acknowledge(db, input(c, handler.actor));
    await close(db, { ...input(c, handler.actor), body: 'Resolved by phone.' });
  });
}, 120_000);
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) console.log(running.server.output());
  await browser?.close();
});

async function signedIn(lang: Locale, who: 'handler' | 'manager' | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: lang });
  if (who) {
    const [name, value] = cookies.get(who)!.split('=');
    await context.addCookies([{ name: name!, value: value!, url: `${running.url}/staff` }]);
  }
  return { context, page: await context.newPage() };
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
}

/** Opens a staff page (in a language), checks the status and what it must say, runs axe. */
async function check(lang: Locale, who: 'handler' | 'manager' | null, path: string, mustSay: string, then?: (page: Page) => Promise<void>) {
  const { context, page } = await signedIn(lang, who);
  try {
    const response = await page.goto(`${running.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    expect(response?.status()).toBe(200);
    await then?.(page);
    expect(await page.locator('main').innerText()).toContain(mustSay);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await expectNoViolations(page);
  } finally {
    await context.close();
  }
}

const everyLocale: Locale[] = ['en', 'hu', 'fr', 'ar'];
const required: Locale[] = ['en', 'hu'];

describe.each(everyLocale)('the queue and the case page in %s', (lang) => {
  const t = translator(lang);
  it('the queue has no WCAG 2.2 A or AA violations', () => check(lang, 'handler', '/staff', t('staff.queue.title')));
  it('the queue with filters (and its empty state) has none', () => check(lang, 'handler', '/staff?status=closed&due=overdue&channel=post', t('staff.queue.emptyFiltered')));
  it.each(['received', 'awaiting reply', 'appealed', 'closed'])('the case page, %s, has none', (state) =>
    check(lang, 'handler', `/staff/cases/${caseIds.get(state)}`, t('staff.case.timeline')),
  );
  it('the case page with an error has none', () =>
    check(lang, 'handler', `/staff/cases/${caseIds.get('awaiting reply')}`, t('staff.case.error.note'), async (page) => {
      await page.locator('form:has(input[name="action"][value="note"]) button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('.error-summary').count()).toBe(1);
    }),
  );
  it('the appeal decision form, for an independent manager, has none', () =>
    check(lang, 'manager', `/staff/cases/${caseIds.get('appealed')}`, t('staff.case.decideAppeal.submit')),
  );
});

describe.each(required)('the other staff pages in %s', (lang) => {
  const t = translator(lang);
  it('the sign-in page with errors has none', async () => {
    const { context, page } = await signedIn(lang, null);
    try {
      await page.goto(`${running.url}/staff/sign-in?lang=${lang}`);
      await page.locator('main form').first().locator('button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('.error-summary').count()).toBe(1);
      await expectNoViolations(page);
    } finally {
      await context.close();
    }
  });
  it('the log-a-complaint form with errors has none', () =>
    check(lang, 'handler', '/staff/cases/new', t('staff.log.error.record'), async (page) => {
      await page.locator('main form button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('.error-summary').count()).toBe(1);
    }),
  );
  it('the reports page has none', async () => {
    const { context, page } = await signedIn(lang, 'manager');
    try {
      const response = await page.goto(`${running.url}/staff/reports?lang=${lang}`);
      expect(response?.status()).toBe(200);
      await expectNoViolations(page);
    } finally {
      await context.close();
    }
  });
});
