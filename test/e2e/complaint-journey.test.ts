import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales, translator } from '../../src/i18n/index.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser, wcagTags } from '../support/browser.ts';
import { formFields, organisationForms, validAnswers } from '../support/complaint-forms.ts';

const forms = organisationForms();
let server: RunningServer;
let browser: Browser;
let noScript: BrowserContext;
let withScript: BrowserContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-'));
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir, SUBMIT_RATE_LIMIT: '10000' }), launchBrowser()]);
  // Everything here works with JavaScript turned off: that is the point.
  noScript = await browser.newContext({ javaScriptEnabled: false });
  // axe runs as a script in the page, so its checks use a context with JavaScript on; the
  // pages themselves carry no script, so they are the same pages either way.
  withScript = await browser.newContext();
});
afterAll(async () => {
  await noScript?.close();
  await withScript?.close();
  await browser?.close();
  await server?.stop();
});

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

describe('the complaint form with errors shown', () => {
  const cases = forms.flatMap((form) => locales.map((lang) => [form.slug, lang] as const));
  it.each(cases)('%s in %s has no WCAG 2.2 A or AA violations, and focuses the error summary', async (slug, lang) => {
    const page = await withScript.newPage();
    try {
      await page.goto(`${server.url}/${lang}/${slug}/complain?about=complaint`);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('form.case-form button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(new RegExp(`^${translator(lang)('complain.errorTitlePrefix')}`));
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each(forms.filter((f) => f.hasTriage).flatMap((f) => locales.map((lang) => [f.slug, lang] as const)))('the triage of %s in %s has no violations', async (slug, lang) => {
    const page = await withScript.newPage();
    try {
      await page.goto(`${server.url}/${lang}/${slug}/complain`);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the whole journey with JavaScript off', () => {
  it('goes from the organisation page through triage, an error and a file to the confirmation and the acknowledgement email', async () => {
    const form = forms.find((f) => f.hasTriage && f.definition.fields.some((field) => field.role === 'authorisation')) ?? forms[0]!;
    const lang = form.languages[0]!;
    const t = translator(lang as never);
    const fields = formFields(form, lang);
    const page = await noScript.newPage();
    try {
      await page.goto(`${server.url}/${lang}/${form.slug}/`);
      await page.getByRole('link', { name: t('org.makeComplaint') }).click();
      if (form.hasTriage) {
        await page.getByLabel(t('complain.triageNone')).check();
        await page.getByRole('button', { name: t('complain.continue') }).click();
      }
      await page.locator('#f-name').fill('Ada Lovelace');
      // Submitting now shows the errors and keeps the name.
      await page.locator('form.case-form button[type="submit"]').click();
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('#f-name').inputValue()).toBe('Ada Lovelace');

      const email = `journey-${Date.now()}@example.org`;
      for (const field of fields) {
        if (field.key === 'name' || (field.showIf && field.type !== 'file')) continue;
        const input = page.locator(`[name="${field.key}"]`);
        switch (field.type) {
          case 'email':
            await input.fill(email);
            break;
          case 'tel':
            await input.fill('+36 30 123 4567');
            break;
          case 'radio': {
            const wanted = field.key === 'replyChannel' ? 'email' : (field.options?.find((o) => !fields.some((f) => f.showIf?.field === field.key && f.showIf.equals === o.value))?.value ?? field.options![0]!.value);
            await page.locator(`[name="${field.key}"][value="${wanted}"]`).check();
            break;
          }
          case 'select':
            await input.selectOption(field.options![0]!.value);
            break;
          case 'address':
            if (field.required) {
              await page.locator(`[name="${field.key}.line1"]`).fill('Piac utca 1.');
              await page.locator(`[name="${field.key}.town"]`).fill('Debrecen');
              await page.locator(`[name="${field.key}.postcode"]`).fill('4025');
            }
            break;
          case 'file':
            if (!field.showIf && !field.required) {
              await page.locator(`input[type="file"][name="${field.key}"]`).setInputFiles({ name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
            }
            break;
          case 'textarea':
            if (field.required) await input.fill('The meter was read wrongly in October.');
            break;
          case 'checkbox':
            break;
          default:
            if (field.required) await input.fill(field.pattern ? '12345678' : 'Example');
        }
      }
      await page.locator('form.case-form button[type="submit"]').click();
      await page.waitForURL(/\/complain\/confirmation$/);
      const reference = (await page.locator('.reference').textContent())!.trim();
      expect(reference).toMatch(new RegExp(`^${form.referencePrefix}-\\d{4}-`));
      expect(await page.locator('.access-code').textContent()).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);

      // The acknowledgement reaches the local mailbox, with the reference in it.
      const dir = join(dataDir, 'mail');
      let mail: { to: string; text: string } | undefined;
      for (let i = 0; i < 60 && !mail; i++) {
        if (existsSync(dir)) {
          mail = readdirSync(dir)
            .filter((f) => f.endsWith('.json'))
            .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
            .find((m) => m.to === email);
        }
        if (!mail) await new Promise((r) => setTimeout(r, 250));
      }
      expect(mail?.text).toContain(reference);
    } finally {
      await page.close();
    }
  });
});

describe('the confirmation page', () => {
  it.each(locales)('has no WCAG 2.2 A or AA violations in %s', async (lang) => {
    const form = forms[0]!;
    const page = await withScript.newPage();
    try {
      await page.goto(`${server.url}/${lang}/${form.slug}/complain?about=complaint`);
      const key = await page.locator('input[name="_key"]').getAttribute('value');
      const draft = await page.locator('input[name="_draft"]').getAttribute('value');
      const { body } = validAnswers(formFields(form, lang));
      const multipart: Record<string, string> = { _key: key!, _draft: draft! };
      for (const [name, value] of body.entries()) if (typeof value === 'string') multipart[name] = value;
      const response = await page.request.post(`${server.url}/${lang}/${form.slug}/complain?about=complaint`, { multipart, headers: { origin: server.url }, maxRedirects: 0 });
      expect(response.status()).toBe(303);
      await page.goto(`${server.url}${response.headers()['location']}`);
      expect(await page.locator('.reference').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
