import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/content/local-source.ts';
import { locales } from '../../src/i18n/index.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser, wcagTags } from '../support/browser.ts';

const slugs = readDataset('content')
  .filter((d) => d._type === 'organisation')
  .map((d) => (d.slug as { current: string }).current);

const pages = locales.flatMap((lang) => [
  `/${lang}/`,
  `/${lang}/no-such-page/`,
  ...slugs.flatMap((slug) => [`/${lang}/${slug}/`, `/${lang}/${slug}/code`, `/${lang}/${slug}/code/large-print`]),
]);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // axe-core/playwright needs a page from a context, not browser.newPage().
  context = await browser.newContext();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('every public page in every locale', () => {
  it.each(pages)('%s has no WCAG 2.2 A or AA violations', async (path) => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}${path}`);
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      expect(violations).toEqual([]);
      // Public pages need no script.
      expect(await page.locator('script').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe('reading comfort', () => {
  it.each(slugs)('the large-print code of %s is at least 18 pt with 1.5 line spacing in one column', async (slug) => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/en/${slug}/code/large-print`);
      const styles = await page.locator('.code-body p, .code-body li').evaluateAll((nodes) =>
        nodes.map((node) => {
          const style = getComputedStyle(node);
          return { size: parseFloat(style.fontSize), line: parseFloat(style.lineHeight) / parseFloat(style.fontSize), columns: style.columnCount };
        }),
      );
      expect(styles.length).toBeGreaterThan(0);
      for (const s of styles) {
        expect(s.size).toBeGreaterThanOrEqual(24); // 18 pt = 24 CSS px
        expect(s.line).toBeGreaterThanOrEqual(1.5);
        expect(['auto', '1']).toContain(s.columns);
      }
    } finally {
      await page.close();
    }
  });

  it('lays Arabic out right to left', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/ar/`);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      // The site name starts on the right edge of the header in right-to-left.
      const box = await page.locator('.site-name').boundingBox();
      const width = await page.evaluate(() => document.documentElement.clientWidth);
      expect(box!.x + box!.width).toBeGreaterThan(width / 2);
    } finally {
      await page.close();
    }
  });

  it('reflows at 320 CSS pixels without a horizontal scroll of the page', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await narrow.newPage();
    try {
      for (const slug of slugs) {
        await page.goto(`${server.url}/en/${slug}/`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, slug).toBeLessThanOrEqual(0);
      }
    } finally {
      await narrow.close();
    }
  });
});
