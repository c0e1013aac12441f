import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, setPassword } from '../../src/auth/index.ts';
import { getOrganisation, listOrganisations, type Organisation } from '../../src/content/index.ts';
import { locales, translator, type Locale } from '../../src/i18n/index.ts';
import { recordFormatRequest } from '../../src/formats/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { launchBrowser, wcagTags } from '../support/browser.ts';

const running = useServerOnPostgres();
const PASSWORD = 'correct horse battery staple 42';
let browser: Browser;
let organisations: Organisation[] = [];
let staffCookie = '';
let requestId = '';

/** The organisation that publishes in `lang`, else the first one (the page then says its content is in another language). */
const organisationFor = (lang: Locale) => organisations.find((o) => (o.languages ?? []).includes(lang)) ?? organisations[0]!;

beforeAll(async () => {
  browser = await launchBrowser();
  organisations = await Promise.all((await listOrganisations()).map(async (o) => (await getOrganisation(o.slug!))!));
  // A request with everything filled in, so that the staff pages show every part.
  const org = organisations.find((o) => (o.accessibleFormats ?? []).length > 0) ?? organisations[0]!;
  const now = new Date();
  const created = await createStaff(running.store.db, { email: `manager@${org.slug}.example`, name: 'Mia Manager', organisationSlug: org.slug!, organisationId: org._id, role: 'manager', now });
  await setPassword(running.store.db, { token: created.setPasswordToken!, password: PASSWORD, now });
  const signIn = await fetch(`${running.url}/staff/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ email: `manager@${org.slug}.example`, password: PASSWORD }),
    headers: { origin: running.url },
    redirect: 'manual',
  });
  staffCookie = signIn.headers.getSetCookie().find((c) => c.startsWith('redress_staff='))!.split(';')[0]!;
  const recorded = await recordFormatRequest(running.store.db, {
    organisation: { id: org._id, slug: org.slug!, name: org.name!, timeZone: org.timeZone!, language: 'en', contactMethods: [] },
    answers: {
      subject: 'caseLetter', caseReference: 'OPX-2026-ABCD-EFGH', format: 'other', details: 'Braille grade 1', delivery: 'post', name: 'Ann Reader',
      email: 'ann@example.org', phone: '+44 20 7946 0000', postalAddress: { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' }, notes: 'Before Friday, please.',
    },
    language: 'en', idempotencyKey: 'e2e-formats-1', now, publicBaseUrl: running.url, commitment: null,
  });
  requestId = recorded.id;
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
}

async function open(lang: Locale, staff = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: lang });
  if (staff) {
    const [name, value] = staffCookie.split('=');
    await context.addCookies([{ name: name!, value: value!, url: `${running.url}/staff` }]);
  }
  return { context, page: await context.newPage() };
}

describe.each(locales)('accessible formats in %s', (lang) => {
  const t = translator(lang);

  it('the request page, empty, with errors, and its confirmation have no WCAG 2.2 A or AA violations', async () => {
    const org = organisationFor(lang);
    const { context, page } = await open(lang);
    try {
      const response = await page.goto(`${running.url}/${lang}/${org.slug}/accessible-formats`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('script').count()).toBe(0);
      await expectNoViolations(page);

      await page.locator('main form button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('.error-summary').innerText()).toContain(t('formats.field.subject.errorRequired'));
      await expectNoViolations(page);

      await page.locator('#f-subject').check();
      if (await page.locator('#f-format').count()) await page.locator('#f-format').check();
      await page.locator('#f-details').fill('Polish');
      await page.locator('#f-delivery').check();
      await page.locator('#f-name').fill('Ann Reader');
      await page.locator('[id="f-postalAddress.line1"]').fill('1 High Street');
      await page.locator('[id="f-postalAddress.town"]').fill('Leeds');
      await page.locator('[id="f-postalAddress.postcode"]').fill('LS1 1AA');
      await page.locator('main form button[type="submit"]').click();
      await page.waitForLoadState();
      expect(page.url()).toBe(`${running.url}/${lang}/${org.slug}/accessible-formats/confirmation`);
      expect(await page.locator('main').innerText()).toContain(t('formats.confirm.title'));
      await expectNoViolations(page);
    } finally {
      await context.close();
    }
  });

  it('the staff list and the request page, also with an error, have none', async () => {
    const { context, page } = await open(lang, true);
    try {
      const list = await page.goto(`${running.url}/staff/formats?lang=${lang}`);
      expect(list?.status()).toBe(200);
      expect(await page.locator('main').innerText()).toContain(t('staffFormats.title'));
      await expectNoViolations(page);

      const item = await page.goto(`${running.url}/staff/formats/${requestId}?lang=${lang}`);
      expect(item?.status()).toBe(200);
      expect(await page.locator('main').innerText()).toContain(t('staffFormats.fulfil.heading'));
      await expectNoViolations(page);

      await page.locator('form:has(input[name="action"][value="decline"]) button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('.error-summary').innerText()).toContain(t('staffFormats.error.decline'));
      await expectNoViolations(page);
    } finally {
      await context.close();
    }
  });
});
