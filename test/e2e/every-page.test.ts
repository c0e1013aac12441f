import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales, translator, type Locale } from '#src/i18n/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { launchBrowser, wcagTags } from '../support/browser.ts';
import { prepareSite, type SiteFixture } from '../support/site-fixture.ts';
import { openVisit, pageCatalogue, previewSecret, readSiteShape, visitFileName, type PageVisit } from '../support/page-catalogue.ts';
import { checkHtmlFolder } from '../support/vnu.ts';
import { focusIndicator } from '../support/focus.ts';

/**
 * Every page type of the site (public, status page, back office) in every language, in
 * Chromium: axe-core's WCAG 2.2 A and AA rules, the skip link, titles, right to left,
 * reduced motion, forced colours, reflow at 320 CSS px, and the Nu HTML Checker over the
 * HTML the server sent. Each check collects its problems across all pages and reports them
 * together, so one run shows everything that is wrong.
 */
const running = useServerOnPostgres({ SANITY_PREVIEW_SECRET: previewSecret });
let browser: Browser;
let site: SiteFixture;
let visits: PageVisit[];
let htmlDir: string;
const titles = new Map<Locale, { title: string; visit: PageVisit }[]>();
const problems = { reflow: [] as string[], forcedColours: [] as string[] };
const reflowLanguages: Locale[] = ['en', 'ar'];

beforeAll(async () => {
  browser = await launchBrowser();
  site = await prepareSite(running.url, running.store.db);
  visits = pageCatalogue(site, await readSiteShape(running.url));
  htmlDir = mkdtempSync(join(tmpdir(), 'redress-html-'));
}, 180_000);
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) console.log(running.server.output());
  await browser?.close();
  if (htmlDir) rmSync(htmlDir, { recursive: true, force: true });
});

const label = (visit: PageVisit) => `${visit.lang} ${visit.type}${visit.variant ? ` (${visit.variant})` : ''}`;

/** The skip link is the first thing the keyboard reaches, and it moves the focus to main. */
async function skipLinkProblems(page: Page): Promise<string[]> {
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement as HTMLAnchorElement | null;
    return { isLink: a?.tagName === 'A', href: a?.getAttribute('href'), box: a?.getBoundingClientRect().top ?? -1 };
  });
  if (!first.isLink || first.href !== '#main') return [`the first Tab stop is not the skip link (${JSON.stringify(first)})`];
  const found: string[] = [];
  if (first.box < 0) found.push('the focused skip link is not on screen');
  const indicator = await focusIndicator(page);
  if (!indicator?.visible) found.push(`the skip link has no visible focus indicator (${JSON.stringify(indicator)})`);
  await page.keyboard.press('Enter');
  const target = await page.evaluate(() => document.activeElement?.id);
  if (target !== 'main') found.push(`the skip link moved the focus to "${target}", not to main`);
  return found;
}

/** Horizontal overflow at 320 CSS px: the page scrolls sideways, or text lies outside the viewport. */
async function reflowProblems(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: 320, height: 256 });
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth > width) {
      const wide = [...document.body.querySelectorAll('*')].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
      });
      found.push(
        `the page is ${root.scrollWidth} px wide at ${width} px: ${wide
          .slice(-3)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
          .join(', ')}`,
      );
    }
    // A container that scrolls on its own (a wide table's wrapper) may hold wider content.
    const scrolls = (el: Element) => {
      for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (/(auto|scroll)/.test(style.overflowX)) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.closest('.visually-hidden, .skip-link')) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!hasText && !['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'IMG'].includes(el.tagName)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if ((box.right > width + 1 || box.left < -1) && !scrolls(el)) {
        found.push(
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(box.left)}..${Math.round(box.right)} px`,
        );
      }
    }
    return found.slice(0, 5);
  });
}

/** With forced colours on, buttons and fields keep a border and the focus keeps an outline. */
async function forcedColourProblems(page: Page): Promise<string[]> {
  await page.emulateMedia({ forcedColors: 'active' });
  const found = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main button, main input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]):not([type="file"]), main select, main textarea, main .button',
      ),
    ]
      .filter((el) => !el.closest('.hp') && getComputedStyle(el).display !== 'none' && !el.classList.contains('link-button'))
      .filter((el) => {
        const style = getComputedStyle(el);
        return !(parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none');
      })
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} has no border in forced colours`),
  );
  await page.keyboard.press('Tab');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    const indicator = await focusIndicator(page);
    if (indicator && !(indicator.outline.style !== 'none' && indicator.outline.width >= 2)) found.push(`${indicator.element} has no outline in forced colours`);
  }
  await page.emulateMedia({ forcedColors: 'none' });
  return found;
}

/**
 * Each language's pages are checked in a few slices, each its own test, so that no single
 * test runs for minutes; the slices run side by side (each visit has its own browser
 * context, and none changes what another shows).
 */
const SLICES = 8;
const slices = locales.flatMap((lang) => Array.from({ length: SLICES }, (_, slice) => ({ lang, slice })));
const sliceOf = (lang: Locale, slice: number) => visits.filter((v) => v.lang === lang).filter((_, i) => i % SLICES === slice);
/** What the slices checked, so that the checks across the catalogue know they saw pages. */
const checked = { visits: 0, reflow: 0, forcedColours: 0 };
const forcedChecked = new Set<string>();

describe.concurrent.each(slices)('every page type in $lang (slice $slice)', ({ lang, slice }) => {
  const t = translator(lang);
  it('has no WCAG 2.2 A or AA violations, a skip link to main, the right language and direction, no script and no motion', async () => {
    const found: string[] = [];
    const mine = sliceOf(lang, slice);
    expect(mine.length).toBeGreaterThan(0);
    for (const visit of mine) {
      checked.visits++;
      const opened = await openVisit(browser, running.url, site, visit);
      const { page } = opened;
      const say = (message: string) => found.push(`${label(visit)}: ${message}`);
      try {
        writeFileSync(join(htmlDir, visitFileName(visit)), opened.html);
        if (opened.status !== (visit.status ?? 200)) say(`answered ${opened.status}`);
        const title = await page.title();
        (titles.get(lang) ?? titles.set(lang, []).get(lang)!).push({ title, visit });
        const shownWithErrors = (await page.locator('.error-summary').count()) > 0;
        if (shownWithErrors) {
          // After a failed submit the error summary has the focus (autofocus, no script needed).
          const focused = await page.evaluate(() => document.activeElement?.classList.contains('error-summary'));
          if (!focused) say('the error summary is not focused');
        } else {
          // First, on the page as it loaded: later checks scroll and move the focus.
          for (const problem of await skipLinkProblems(page)) say(problem);
        }
        if (shownWithErrors !== (visit.status === 400 && visit.type !== 'spent sign-in link')) say(`error summary shown: ${shownWithErrors}`);
        if (shownWithErrors && !title.startsWith(t('complain.errorTitlePrefix'))) say(`the title "${title}" does not start with the error prefix`);
        const mainText = await page.evaluate(() => document.querySelector('main')?.innerText ?? '');
        if (visit.says && !mainText.includes(visit.says.replace(/\{[^}]+\}.*/, '').trim())) say(`does not say "${visit.says}"`);
        if (visit.banner) {
          const header = await page.evaluate(() => ({
            text: document.querySelector('header')?.innerText ?? '',
            robots: document.querySelector('meta[name="robots"]')?.getAttribute('content') ?? '',
          }));
          if (!header.text.includes(visit.banner)) say(`the header does not say "${visit.banner}"`);
          if (!header.robots.includes('noindex')) say('a preview page without robots noindex');
        }

        const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
        for (const v of results.violations)
          say(
            `axe ${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`,
          );

        const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, scripts: document.scripts.length }));
        if (html.lang !== lang) say(`<html lang="${html.lang}">`);
        if (html.dir !== (lang === 'ar' ? 'rtl' : 'ltr')) say(`<html dir="${html.dir}">`);
        if (html.scripts > 0) say(`carries ${html.scripts} script(s)`);
        // A form without an action posts to the address with the skip link's #main, and the
        // answer then focuses main, not its error summary.
        const actionless = await page.locator('form:not([action]), form[action*="#"]').count();
        if (actionless) say(`${actionless} form(s) without an action of their own`);
        if (lang === 'ar') {
          // The main heading's text starts at the right edge of its box.
          // The main heading runs right to left and starts at the right edge of its box, unless it
          // is the organisation's own text in another language (marked with lang and dir).
          const heading = await page.evaluate(() => {
            const h1 = document.querySelector('main h1');
            if (!h1) return null;
            const range = document.createRange();
            range.selectNodeContents(h1);
            const style = getComputedStyle(h1);
            return {
              ownLanguage: (h1.closest('[lang]')?.getAttribute('lang') ?? 'ar') === 'ar',
              direction: style.direction,
              aligned: style.textAlign === 'center' ? 0 : Math.round(h1.getBoundingClientRect().right - range.getBoundingClientRect().right),
            };
          });
          if (!heading) say('has no main heading');
          else if (heading.ownLanguage && (heading.direction !== 'rtl' || heading.aligned > 2))
            say(`the main heading is not laid out from the right (${JSON.stringify(heading)})`);
        }

        // Meaning not by colour alone: flags and status marks say what they mean in words.
        const wordless = await page
          .locator('.flag, .status-open, .status-closed, .overdue, .error-message')
          .evaluateAll((nodes) => nodes.filter((n) => !(n.textContent ?? '').trim()).length);
        if (wordless) say(`${wordless} coloured mark(s) without words`);
        const unmarkedStages = await page
          .locator('.stages > li.stage--done, .stages > li.stage--current')
          .evaluateAll((nodes) => nodes.filter((n) => !n.querySelector('.stage-mark')?.textContent?.trim()).length);
        if (unmarkedStages) say(`${unmarkedStages} stage(s) marked done or current by colour alone`);

        await page.emulateMedia({ reducedMotion: 'reduce' });
        const moving = await page.evaluate(
          () =>
            [...document.querySelectorAll('*')].filter((el) => {
              const style = getComputedStyle(el);
              const longest = (value: string) => Math.max(...value.split(',').map((s) => parseFloat(s) * (s.trim().endsWith('ms') ? 0.001 : 1)));
              return longest(style.transitionDuration) > 0.01 || (style.animationName !== 'none' && longest(style.animationDuration) > 0.01);
            }).length,
        );
        if (moving) say(`${moving} element(s) still move with reduced motion`);

        if (!shownWithErrors) {
          if (lang === 'en' && !forcedChecked.has(visit.type)) {
            forcedChecked.add(visit.type);
            await page.reload();
            for (const problem of await forcedColourProblems(page)) problems.forcedColours.push(`${label(visit)}: ${problem}`);
            checked.forcedColours++;
          }
        }
        if (reflowLanguages.includes(lang)) {
          for (const problem of await reflowProblems(page)) problems.reflow.push(`${label(visit)}: ${problem}`);
          checked.reflow++;
        }
      } finally {
        await opened.close();
      }
    }
    expect(found).toEqual([]);
  }, 300_000);
});

describe('across the catalogue', () => {
  it('covers every page type the issue names, and the slices visited every page', () => {
    expect(checked.visits).toBe(visits.length);
    const types = new Set(visits.map((v) => v.type));
    for (const type of [
      'directory',
      'organisation',
      'complaints code',
      'complaints code in large print',
      'complaint form',
      'confirmation',
      'tracking sign-in',
      'status page',
      'accessibility statement',
      'staff sign-in',
      'staff queue',
      'staff case',
      'staff log a complaint',
      'staff reports',
    ]) {
      expect(types).toContain(type);
    }
    expect(visits.filter((v) => v.type === 'status page').map((v) => v.variant)).toContain('appeal with errors');
  });

  it('reflows at 320 CSS px in English and Arabic: no sideways scrolling, nothing cut off', () => {
    // Filled by the slices above: a run of this test alone must not pass having seen nothing.
    expect(checked.reflow).toBe(visits.filter((v) => reflowLanguages.includes(v.lang)).length);
    expect(problems.reflow).toEqual([]);
  });

  it('keeps borders and focus outlines with forced colours', () => {
    expect(checked.forcedColours).toBeGreaterThan(0);
    expect(problems.forcedColours).toEqual([]);
  });

  it('gives each page type its own title, naming the organisation where there is one', () => {
    expect([...titles.values()].reduce((n, seen) => n + seen.length, 0)).toBe(visits.length);
    const found: string[] = [];
    for (const [lang, seen] of titles) {
      const typesOf = new Map<string, Set<string>>();
      for (const { title, visit } of seen) {
        typesOf.set(title, (typesOf.get(title) ?? new Set()).add(visit.type));
        if (visit.organisation && !title.includes(visit.organisation)) found.push(`${label(visit)}: "${title}" does not name ${visit.organisation}`);
      }
      for (const [title, types] of typesOf) if (types.size > 1) found.push(`${lang}: "${title}" is the title of ${[...types].join(', ')}`);
    }
    expect(found).toEqual([]);
  });

  it('passes the Nu HTML Checker with no errors on any page', async () => {
    expect(readdirSync(htmlDir).length).toBe(visits.length);
    const errors = await checkHtmlFolder(htmlDir);
    for (const e of errors)
      console.log(`vnu: ${e.file}:${e.line ?? '?'}: ${e.message}${e.extract ? `\n      ${e.extract.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`);
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
  }, 300_000);
});
