import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '#src/content/local-source.ts';
import { parseEnv } from '#src/env.ts';
import { locales, translator } from '#src/i18n/index.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { htmlAttributes, textOf } from '../support/html.ts';

// The organisations come from the content: the statement names none of its own.
const organisations = readDataset('content')
  .filter((d) => d._type === 'organisation')
  .map((d) => ({ slug: (d.slug as { current: string }).current, name: String(d.name), country: String(d.country) }));
const en = translator('en');

/** A copy of the content without the files of organisations in `country`. */
function contentWithout(country: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'redress-content-'));
  for (const file of readdirSync('content').filter((f) => f.endsWith('.ndjson'))) {
    const docs = readFileSync(join('content', file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    if (!docs.some((d) => d._type === 'organisation' && d.country === country)) copyFileSync(join('content', file), join(dir, file));
  }
  return dir;
}

let plain: RunningServer;
let operated: RunningServer;
const data = () => mkdtempSync(join(tmpdir(), 'redress-statement-'));

beforeAll(async () => {
  [plain, operated] = await Promise.all([
    startServer({ DATA_DIR: data() }),
    startServer({ DATA_DIR: data(), OPERATOR_NAME: 'Example Ombudsman Services', ACCESSIBILITY_CONTACT_EMAIL: 'access@example.org' }),
  ]);
});
afterAll(async () => {
  await plain?.stop();
  await operated?.stop();
});

const get = async (server: RunningServer, path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, html: await response.text() };
};

describe('the accessibility statement', () => {
  it.each(locales)('in %s: title, language, scope, status, gaps, testing, and each organisation with its formats', async (lang) => {
    const t = translator(lang);
    const { status, html } = await get(plain, `/${lang}/accessibility`);
    expect(status).toBe(200);
    expect(htmlAttributes(html)).toEqual({ lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
    const text = textOf(html);
    expect(html).toContain(`<title>${t('a11y.title')} – ${t('site.name')}</title>`);
    expect(text).toContain(textOf(t('a11y.gap.timeouts', { session: t('unit.hours', { count: 2 }), idle: t('a11y.minutes', { count: 30 }) })));
    for (const key of [
      'a11y.status',
      'a11y.notCovered',
      'a11y.gap.showIf',
      'a11y.gap.uploads',
      'a11y.gap.pdf',
      'a11y.gap.studio',
      'a11y.tested.axe',
      'a11y.tested.keyboard',
      'a11y.tested.reflow',
      'a11y.tested.html',
      'a11y.testingLimits',
    ] as const) {
      expect(text, key).toContain(textOf(t(key)));
    }
    for (const org of organisations) {
      expect(html).toContain(`href="/${lang}/${org.slug}/accessible-formats"`);
      expect(html).toContain(`href="/${lang}/${org.slug}/code/large-print"`);
      expect(html).toContain(`href="/${lang}/${org.slug}/#contact"`);
      expect(text).toContain(textOf(t('a11y.formatsRequest', { name: org.name })));
    }
  });

  it('without an operator contact, sends people to the organisation concerned', async () => {
    const text = textOf((await get(plain, '/en/accessibility')).html);
    expect(text).toContain(textOf(en('a11y.report.noOperator')));
    expect(text).not.toContain('mailto:');
  });

  it('with OPERATOR_NAME and ACCESSIBILITY_CONTACT_EMAIL, names the operator and links the address', async () => {
    const { html } = await get(operated, '/fr/accessibility');
    expect(textOf(html)).toContain(textOf(translator('fr')('a11y.report.operator', { operator: 'Example Ombudsman Services' })));
    expect(html).toContain('href="mailto:access@example.org"');
  });

  it('names the UK enforcement route only while content lists an organisation in the UK', async () => {
    expect(organisations.some((o) => o.country === 'GB')).toBe(true);
    expect(textOf((await get(plain, '/en/accessibility')).html)).toContain(textOf(en('a11y.enforcement.GB')));
    const withoutUk = await startServer({ DATA_DIR: data(), CONTENT_DIR: contentWithout('GB') });
    try {
      const text = textOf((await get(withoutUk, '/en/accessibility')).html);
      expect(text).toContain(textOf(en('a11y.enforcement')));
      expect(text).not.toContain(textOf(en('a11y.enforcement.GB')));
      for (const org of organisations.filter((o) => o.country === 'GB')) expect(text).not.toContain(org.name);
    } finally {
      await withoutUk.stop();
    }
  });

  it('is linked from the footer of public pages and of the back office, in the page language', async () => {
    for (const path of ['/hu/', `/ar/${organisations[0]!.slug}/code`, '/fr/track']) {
      const lang = path.split('/')[1]!;
      expect((await get(plain, path)).html, path).toContain(`<a href="/${lang}/accessibility">${translator(lang as never)('a11y.footerLink')}</a>`);
    }
    const staff = await get(plain, '/staff/sign-in?lang=hu');
    expect(staff.html).toContain(`<a href="/hu/accessibility">${translator('hu')('a11y.footerLink')}</a>`);
  });

  it('refuses an operator address that is not an email address, naming the variable', () => {
    const parsed = parseEnv({ ACCESSIBILITY_CONTACT_EMAIL: 'accessibility team' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('- ACCESSIBILITY_CONTACT_EMAIL:');
    expect(parseEnv({ ACCESSIBILITY_CONTACT_EMAIL: '' })).toMatchObject({ ok: true });
  });
});
