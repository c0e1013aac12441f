import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledge, proposeResolution } from '#src/cases/actions.ts';
import { translator, type Locale } from '#src/i18n/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { launchBrowser } from '../support/browser.ts';
import { focusIndicator } from '../support/focus.ts';
import { formFields, organisationForms, validAnswers, type OrganisationForm } from '../support/complaint-forms.ts';
import { fileComplaint, formWithPolicy, handler, policyFor } from '../support/cases.ts';

/**
 * The complaint journey and the appeal journey with the keyboard alone (Tab, Shift+Tab, Space,
 * Enter, arrow keys, typing: no clicks, no fill, no element.focus), JavaScript off as on the
 * public site. At every element the keyboard reaches, the focus must be visible: a 2 px or
 * thicker outline or ring with 3:1 against what is behind it, on screen.
 */
const running = useServerOnPostgres();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What has the focus, as the journey needs to know it. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      name: el?.getAttribute('name') ?? '',
      id: el?.id ?? '',
      value: el?.value ?? '',
      checked: Boolean(el?.checked),
      href: el?.getAttribute('href') ?? '',
      classes: el?.className ?? '',
      submits: el?.matches('form button[type="submit"], form button:not([type])') ?? false,
    };
  });
}

/** A keyboard user moving through a page, checking the focus indicator at every stop. */
class Keyboard {
  readonly problems: string[] = [];
  stops = 0;
  constructor(readonly page: Page) {}

  async press(key: string) {
    await this.page.keyboard.press(key);
    await this.check(key);
  }

  async check(after: string) {
    const indicator = await focusIndicator(this.page);
    if (!indicator) return;
    this.stops++;
    if (!indicator.visible || !indicator.focusVisible || !indicator.inViewport) {
      this.problems.push(
        `${new URL(this.page.url()).pathname}, after ${after}: ${indicator.element} ${JSON.stringify({ visible: indicator.visible, focusVisible: indicator.focusVisible, inViewport: indicator.inViewport, outline: indicator.outline, ring: indicator.ring, background: indicator.background })}`,
      );
    }
  }

  /** Tabs forward until `until` says yes; fails after `limit` stops. */
  async tabTo(until: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, limit = 80) {
    for (let i = 0; i < limit; i++) {
      await this.press('Tab');
      if (until(await focused(this.page))) return;
    }
    throw new Error(`the keyboard never reached ${what} on ${this.page.url()}`);
  }

  /** Presses Enter on a link or button and waits for the next page. */
  async follow(key: 'Enter' | 'Space' = 'Enter') {
    await Promise.all([this.page.waitForEvent('framenavigated'), this.page.keyboard.press(key)]);
    await this.page.waitForLoadState();
  }
}

/** The skip link comes first, and Enter on it moves the focus to main. */
async function expectSkipLinkFirst(keys: Keyboard) {
  await keys.press('Tab');
  expect((await focused(keys.page)).href).toBe('#main');
  await keys.page.keyboard.press('Enter');
  expect((await focused(keys.page)).id).toBe('main');
}

/**
 * Answers the form by keyboard alone: Tab from field to field up to its submit button, typing
 * into text fields, arrows in radio groups and selects, Space on checkboxes.
 */
async function answerForm(keys: Keyboard, answers: FormData) {
  const page = keys.page;
  const done = new Set<string>();
  for (let i = 0; i < 120; i++) {
    await keys.press('Tab');
    const f = await focused(page);
    if (f.submits && f.classes.includes('button')) return;
    const wanted = answers.getAll(f.name).filter((v): v is string => typeof v === 'string');
    if (!f.name || wanted.length === 0) continue;
    if (f.type === 'radio') {
      if (done.has(f.name)) continue;
      // Arrow keys move through the group and choose as they go.
      for (let n = 0; n < 20 && (await focused(page)).value !== wanted[0]; n++) await keys.press('ArrowDown');
      if (!(await focused(page)).checked) await keys.press('Space');
      done.add(f.name);
    } else if (f.type === 'checkbox') {
      if (wanted.includes(f.value) !== f.checked) await keys.press('Space');
    } else if (f.tag === 'select') {
      for (let n = 0; n < 30 && (await focused(page)).value !== wanted[0]; n++) await keys.press('ArrowDown');
    } else if (f.type !== 'file' && f.value === '') {
      await page.keyboard.type(wanted[0]!);
    }
  }
  throw new Error('the keyboard never reached the submit button');
}

const triageForm = (forms: OrganisationForm[]) => forms.find((f) => f.hasTriage) ?? forms[0]!;

describe('the complaint journey by keyboard alone, JavaScript off', () => {
  const form = triageForm(organisationForms());
  const languages: Locale[] = [...new Set([form.languages[0] as Locale, 'ar' as Locale])];

  it.each(languages)('in %s: organisation page, triage, an error, the form, the confirmation', async (lang) => {
    const t = translator(lang);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const keys = new Keyboard(page);
    try {
      await page.goto(`${running.url}/${lang}/${form.slug}/`);
      await expectSkipLinkFirst(keys);
      await keys.tabTo((f) => f.href === `/${lang}/${form.slug}/complain`, 'the make-a-complaint link');
      await keys.follow();

      if (form.hasTriage) {
        await keys.tabTo((f) => f.type === 'radio', 'the triage question');
        for (let n = 0; n < 20 && (await focused(page)).value !== 'complaint'; n++) await keys.press('ArrowDown');
        expect((await focused(page)).value).toBe('complaint');
        await keys.tabTo((f) => f.submits, 'the continue button');
        await keys.follow();
      }
      expect(page.url()).toContain('/complain');

      // Submitting with only a name shows the errors, focuses the summary and keeps the name.
      await keys.tabTo((f) => f.name === 'name', 'the name field');
      await page.keyboard.type('Ada Lovelace');
      await keys.tabTo((f) => f.submits && f.classes.includes('button'), 'the submit button');
      await keys.follow();
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect((await focused(page)).classes).toContain('error-summary');
      expect(await page.title()).toMatch(new RegExp(`^${t('complain.errorTitlePrefix')}`));
      expect(await page.locator('#f-name').inputValue()).toBe('Ada Lovelace');

      const { body } = validAnswers(formFields(form, lang));
      await answerForm(keys, body);
      await keys.follow('Space');
      expect(page.url()).toMatch(/\/complain\/confirmation$/);
      expect(await page.locator('.reference').innerText()).toMatch(new RegExp(`^${form.referencePrefix}-\\d{4}-`));
      // The confirmation, too, starts with the skip link.
      await expectSkipLinkFirst(keys);
      expect(keys.stops).toBeGreaterThan(10);
      expect(keys.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the appeal journey by keyboard alone, JavaScript off', () => {
  it.each(['en', 'ar'] as Locale[])('in %s: sign in with the reference and access code, an error, then the appeal', async (lang) => {
    const t = translator(lang);
    const form = await formWithPolicy((p) => Boolean(p.appealPolicy?.enabled));
    const policy = await policyFor(form.slug);
    const db = running.store.db;
    const filed = await fileComplaint(running.url, db, form);
    const base = { caseId: filed.caseId, actor: handler, now: new Date(), policy, publicBaseUrl: running.url };
    await acknowledge(db, base);
    await proposeResolution(db, { ...base, body: 'We will repeat the module at no cost.' });

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const keys = new Keyboard(page);
    try {
      await page.goto(`${running.url}/${lang}/track`);
      await expectSkipLinkFirst(keys);
      await keys.tabTo((f) => f.id === 'f-code-reference', 'the reference field');
      await page.keyboard.type(filed.reference);
      await keys.press('Tab');
      expect((await focused(page)).id).toBe('f-code-accessCode');
      await page.keyboard.type(filed.accessCode);
      // Shift+Tab goes back to the reference, kept as typed.
      await keys.press('Shift+Tab');
      expect((await focused(page)).value).toBe(filed.reference);
      await keys.tabTo((f) => f.submits, 'the open-my-case button');
      await keys.follow();
      expect(new URL(page.url()).pathname).toBe(`/${lang}/track/${filed.reference}`);

      // Sending the appeal empty shows the error, focused, in the summary.
      await keys.tabTo((f) => f.id === 'f-appeal-body', 'the appeal reason');
      await keys.tabTo((f) => f.submits && f.classes.includes('button') && f.name === '', 'the send-appeal button');
      await keys.follow();
      expect((await focused(page)).classes).toContain('error-summary');
      expect(await page.locator('.error-summary').innerText()).toContain(t('status.error.appealRequired'));

      await keys.tabTo((f) => f.id === 'f-appeal-body', 'the appeal reason');
      await page.keyboard.type('The module was not the problem: the instructor was.');
      await keys.tabTo((f) => f.submits && f.classes.includes('button'), 'the send-appeal button');
      await keys.follow();
      expect(await page.locator('main').innerText()).toContain(t('status.name.appealed'));
      expect(keys.stops).toBeGreaterThan(5);
      expect(keys.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the accessible-format request by keyboard alone, JavaScript off', () => {
  it.each(['en', 'ar'] as Locale[])('in %s: from the organisation page, an error, the request, the confirmation', async (lang) => {
    const t = translator(lang);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const keys = new Keyboard(page);
    try {
      // The first organisation that offers the page (content decides which do).
      let slug = '';
      for (const form of organisationForms()) {
        if ((await fetch(`${running.url}/${lang}/${form.slug}/accessible-formats`)).status === 200) {
          slug = form.slug;
          break;
        }
      }
      expect(slug).not.toBe('');
      await page.goto(`${running.url}/${lang}/${slug}/`);
      await expectSkipLinkFirst(keys);
      await keys.tabTo((f) => f.href === `/${lang}/${slug}/accessible-formats`, 'the accessible-formats link');
      await keys.follow();
      await keys.tabTo((f) => f.submits && f.classes.includes('button'), 'the send button');
      await keys.follow('Space');
      expect((await focused(page)).classes).toContain('error-summary');
      expect(await page.title()).toMatch(new RegExp(`^${t('complain.errorTitlePrefix')}`));

      // The first choice of each question, read off the page; the rest typed.
      const answers = new FormData();
      for (const name of await page.locator('main form input[type="radio"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('name')!))])) {
        answers.set(name, (await page.locator(`main form input[type="radio"][name="${name}"]`).first().getAttribute('value'))!);
      }
      for (const [name, value] of [
        ['details', 'Polish'],
        ['name', 'Ann Reader'],
        ['postalAddress.line1', '1 High Street'],
        ['postalAddress.town', 'Leeds'],
        ['postalAddress.postcode', 'LS1 1AA'],
      ])
        answers.set(name!, value!);
      await answerForm(keys, answers);
      await keys.follow('Space');
      expect(new URL(page.url()).pathname).toBe(`/${lang}/${slug}/accessible-formats/confirmation`);
      expect(await page.locator('main').innerText()).toContain(t('formats.confirm.title'));
      expect(keys.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
