import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '#src/content/local-source.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser } from '../support/browser.ts';

const slugs = readDataset('content')
  .filter((d) => d._type === 'organisation')
  .map((d) => (d.slug as { current: string }).current);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await browser.newContext();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
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
});
