import { fixtureContentDir } from '../support/fixture-content.ts';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfaceLocale, isLocale } from '#src/i18n/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { launchBrowser, wcagTags } from '../support/browser.ts';
import { organisationForms } from '../support/complaint-forms.ts';
import { openVisit, type PageVisit } from '../support/page-catalogue.ts';
import type { SiteFixture } from '../support/site-fixture.ts';

/**
 * The fixture organisations that publish in languages the interface does not speak (Welsh,
 * Austrian German), every public page type of theirs in Chromium: axe's WCAG 2.2 A and AA
 * rules, the interface language on <html>, the content marked with its own language. Kept
 * apart from every-page.test.ts so that the catalogue's run does not grow.
 */
const running = useServerOnPostgres({ CONTENT_DIR: fixtureContentDir });
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const outside = organisationForms(fixtureContentDir).flatMap((form) => form.languages.filter((l) => !isLocale(l)).map((lang) => ({ form, lang })));
// Nobody is signed in on these pages: the visits need no cases.
const noSite = {} as SiteFixture;

describe.each(outside.map((o) => [o.lang, o.form.slug, o] as const))('the pages of an organisation in %s (%s)', (lang, slug, { form }) => {
  it('have no WCAG 2.2 A or AA violations, the interface language on html and the content in its own', async () => {
    const paths = ['/', '/code', '/code/large-print', '/complain?about=complaint', '/accessible-formats', '/compliment', '/performance'].map(
      (p) => `/${lang}/${slug}${p}`,
    );
    paths.push(`/${lang}/`, `/${lang}/track`);
    const found: string[] = [];
    let visited = 0;
    for (const path of paths) {
      const visit: PageVisit = { type: 'fixture', variant: slug, lang: interfaceLocale(lang), path };
      const opened = await openVisit(browser, running.url, noSite, visit);
      try {
        // Optional pages (no compliments, no accessible formats) are 404 for some organisations.
        if (opened.status === 404) continue;
        visited++;
        if (opened.status !== 200) found.push(`${path}: answered ${opened.status}`);
        const html = await opened.page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          marked: document.querySelectorAll(`main [lang]`).length,
        }));
        if (html.lang !== interfaceLocale(lang)) found.push(`${path}: html lang is ${html.lang}`);
        if (html.dir !== 'ltr') found.push(`${path}: html dir is ${html.dir}`);
        // Pages that show the organisation's words mark them (tracking and the figures have none).
        const showsContent = !/\/(track|performance|accessible-formats)$/.test(path) && path !== `/${lang}/`;
        if (showsContent && !(await opened.page.locator(`main [lang="${lang}"]`).count())) found.push(`${path}: no content marked lang="${lang}"`);
        const axe = await new AxeBuilder({ page: opened.page }).withTags(wcagTags).analyze();
        for (const violation of axe.violations) found.push(`${path}: ${violation.id} (${violation.nodes.length}) ${violation.help}`);
      } finally {
        await opened.close();
      }
    }
    expect(visited).toBeGreaterThanOrEqual(5);
    expect(found).toEqual([]);
  }, 180_000);

  it('shows the complaint form errors in the interface language, the organisation’s questions in its own', async () => {
    const visit: PageVisit = { type: 'fixture', variant: slug, lang: interfaceLocale(lang), path: `/${lang}/${slug}/complain?about=complaint` };
    const opened = await openVisit(browser, running.url, noSite, visit);
    try {
      await Promise.all([opened.page.waitForEvent('framenavigated'), opened.page.locator('form.case-form button[type="submit"]').first().click()]);
      await opened.page.waitForLoadState();
      expect(await opened.page.locator('.error-summary').count()).toBe(1);
      const own = form.definition.fields?.[0]?.key;
      if (own) expect(await opened.page.locator(`label[for="f-${own}"][lang="${lang}"], legend[lang="${lang}"]`).count()).toBeGreaterThan(0);
      const axe = await new AxeBuilder({ page: opened.page }).withTags(wcagTags).analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 60_000);
});
