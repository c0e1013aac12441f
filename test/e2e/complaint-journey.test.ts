import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '#src/i18n/index.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser } from '../support/browser.ts';
import { formFields, organisationForms } from '../support/complaint-forms.ts';

const forms = organisationForms();
let server: RunningServer;
let browser: Browser;
let noScript: BrowserContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-'));
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir, SUBMIT_RATE_LIMIT: '10000' }), launchBrowser()]);
  // Everything here works with JavaScript turned off: that is the point.
  noScript = await browser.newContext({ javaScriptEnabled: false });
});
afterAll(async () => {
  await noScript?.close();
  await browser?.close();
  await server?.stop();
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
            const wanted =
              field.key === 'replyChannel'
                ? 'email'
                : (field.options?.find((o) => !fields.some((f) => f.showIf?.field === field.key && f.showIf.equals === o.value))?.value ??
                  field.options![0]!.value);
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
              await page
                .locator(`input[type="file"][name="${field.key}"]`)
                .setInputFiles({ name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
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
