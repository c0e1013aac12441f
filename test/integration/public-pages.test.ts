import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '#src/content/local-source.ts';
import { dir, locales, translator, type Locale } from '#src/i18n/index.ts';
import { withinInWords } from '#src/i18n/format.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { htmlAttributes, textOf } from '../support/html.ts';

// The organisations come from the content, not from this file: a fifth one is tested too.
const organisations = readDataset('content')
  .filter((d) => d._type === 'organisation')
  .map((d) => ({ slug: (d.slug as { current: string }).current, languages: d.languages as string[] }));

const pagesOf = (slug: string) => [`/${slug}/`, `/${slug}/code`, `/${slug}/code/large-print`];
const within = (lang: Locale, amount: number, unit: string) => withinInWords({ amount, unit }, translator(lang));
const stackTrace = /\bat .+\.(m?js|ts):\d+|Error:\s+\w+.*\n\s+at /;

/** Facts from each seed that its pages must show, in the language given. */
const seedFacts: Record<string, { lang: Locale; page: string; facts: (lang: Locale) => string[] }[]> = {
  'opus-telecoms': [
    {
      lang: 'en',
      page: '/',
      facts: (l) => [
        '020 8545 8200',
        '08:30–17:30',
        '020 8545 8215',
        'customerservice@opus-telecoms.co.uk',
        '020 7981 3040',
        'contact@ofcom.org.uk',
        within(l, 24, 'workingHours'),
        within(l, 48, 'hours'),
      ],
    },
    { lang: 'en', page: '/code', facts: () => ['Case open over 8 weeks', 'Unit 4, 50 Windsor Avenue'] },
  ],
  opex: [
    { lang: 'en', page: '/', facts: (l) => ['support@opex.tn', '101 Rue Aziza Othmana', within(l, 10, 'businessDays'), within(l, 1, 'businessDays')] },
    { lang: 'fr', page: '/', facts: (l) => ['support@opex.tn', within(l, 10, 'businessDays')] },
    { lang: 'ar', page: '/', facts: (l) => ['support@opex.tn', within(l, 10, 'businessDays')] },
  ],
  'opus-titasz': [
    { lang: 'hu', page: '/', facts: (l) => ['araminfo@opusenergetika.hu', '4002 Debrecen', within(l, 15, 'calendarDays'), within(l, 30, 'calendarDays')] },
    { lang: 'en', page: '/', facts: (l) => [within(l, 15, 'calendarDays'), within(l, 30, 'calendarDays')] },
  ],
  opus: [{ lang: 'en', page: '/', facts: (l) => ['0800 3167566', '39 London Road', '60 Cannon Street', '020 7981 3040', within(l, 24, 'workingHours')] }],
};

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

describe('the front door', () => {
  it.each([
    ['fr-FR,fr;q=0.9', '/fr/'],
    ['ar', '/ar/'],
    ['hu-HU', '/hu/'],
    ['de-DE', '/en/'],
  ])('sends Accept-Language %s to %s', async (acceptLanguage, location) => {
    const response = await get('/', { 'accept-language': acceptLanguage });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(location);
    expect(response.headers.get('vary')).toMatch(/accept-language/i);
  });

  it.each(locales)('lists every organisation with sector, country and languages in %s', async (lang) => {
    const response = await get(`/${lang}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(htmlAttributes(html)).toEqual({ lang, dir: dir(lang) });
    for (const org of organisations) expect(html).toContain(`href="/${lang}/${org.slug}/"`);
    expect(textOf(html)).toContain(translator(lang)('directory.sector'));
  });
});

describe.each(organisations)('the pages of $slug', (org) => {
  describe.each(locales)('in %s', (lang) => {
    it.each(pagesOf(org.slug))('%s answers 200 with the right lang and dir, and no stack trace', async (path) => {
      const response = await get(`/${lang}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      const html = await response.text();
      expect(htmlAttributes(html)).toEqual({ lang, dir: dir(lang) });
      expect(html).not.toMatch(stackTrace);
      // The language switcher keeps the visitor on the same page.
      for (const other of locales) expect(html).toContain(`href="/${other}${path}"`);
    });

    it('says so when the organisation does not publish in this language, and marks the block', async () => {
      const html = await (await get(`/${lang}/${org.slug}/`)).text();
      const t = translator(lang);
      const published = org.languages.includes(lang);
      const notice = t('content.notInYourLanguage', { language: '' }).split('{language}')[0]!.slice(0, 30);
      if (published) {
        expect(textOf(html)).not.toContain(notice);
      } else {
        expect(textOf(html)).toContain(notice);
        expect(html).toContain(`lang="${org.languages[0]}"`);
      }
    });
  });
});

describe.each(Object.entries(seedFacts))('the seed facts of %s', (slug, cases) => {
  it.each(cases.map((c) => [c.lang, c.page, c]))('appear on /%s/…%s', async (lang, page, c) => {
    const response = await get(`/${lang}/${slug}${page}`);
    expect(response.status).toBe(200);
    const text = textOf(await response.text());
    for (const fact of c.facts(lang)) expect(text).toContain(fact);
  });
});

describe('pages that do not exist', () => {
  it.each([
    ['/xx/', 'en'],
    ['/en/no-such-organisation/', 'en'],
    ['/fr/no-such-organisation/', 'fr'],
    ['/ar/no-such-organisation/code', 'ar'],
    ['/hu/nothing/here/at/all', 'hu'],
    ['/en/Bad_Slug!/', 'en'],
  ])('%s is a 404 in %s that links to the directory', async (path, lang) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(htmlAttributes(html).lang).toBe(lang);
    expect(textOf(html)).toContain(translator(lang as Locale)('error.notFound.title'));
    expect(html).toContain(`href="/${lang}/"`);
  });

  it('an unknown version of a code is a 404', async () => {
    const slug = organisations[0]!.slug;
    expect((await get(`/en/${slug}/code/99.9`)).status).toBe(404);
  });
});

describe('an organisation added as content alone', () => {
  let withFifth: RunningServer;
  let contentDir: string;
  beforeAll(async () => {
    contentDir = mkdtempSync(join(tmpdir(), 'redress-fifth-'));
    cpSync('content', contentDir, { recursive: true });
    cpSync('test/fixtures/content/eau-du-port.ndjson', join(contentDir, 'eau-du-port.ndjson'));
    withFifth = await startServer({ CONTENT_DIR: contentDir });
  });
  afterAll(async () => {
    await withFifth?.stop();
    rmSync(contentDir, { recursive: true, force: true });
  });
  const fetchFifth = (path: string) => fetch(`${withFifth.url}${path}`);

  it.each(locales.flatMap((lang) => ['/eau-du-port/', '/eau-du-port/code', '/eau-du-port/code/large-print'].map((p) => `/${lang}${p}`)))(
    'gets %s',
    async (path) => {
      expect((await fetchFifth(path)).status).toBe(200);
    },
  );

  it('is listed in the directory', async () => {
    expect(await (await fetchFifth('/en/')).text()).toContain('href="/en/eau-du-port/"');
  });

  it('shows the version in force, keeps earlier ones readable and hides future ones', async () => {
    const current = textOf(await (await fetchFifth('/fr/eau-du-port/code')).text());
    expect(current).toContain('Deuxième version');
    const earlier = await fetchFifth('/fr/eau-du-port/code/1.0');
    expect(earlier.status).toBe(200);
    const earlierText = textOf(await earlier.text());
    expect(earlierText).toContain('Première version');
    expect(earlierText).toContain(translator('fr')('code.earlierVersion'));
    expect((await fetchFifth('/fr/eau-du-port/code/3.0')).status).toBe(404);
  });

  it('says that the English is a translation of the French original', async () => {
    const text = textOf(await (await fetchFifth('/en/eau-du-port/')).text());
    expect(text).toContain(translator('en')('content.translation', { language: 'French' }));
  });
});

describe('when content cannot be loaded', () => {
  it.each([
    ['a missing content folder', () => ({ CONTENT_DIR: join(tmpdir(), 'redress-no-such-folder') })],
    [
      'a content folder holding a broken file',
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'redress-broken-'));
        writeFileSync(join(dir, 'broken.ndjson'), '{not json\n');
        return { CONTENT_DIR: dir };
      },
    ],
    ['an unreachable Sanity project', () => ({ SANITY_PROJECT_ID: 'unreachable0', SANITY_DATASET: 'production' })],
  ])('with %s, pages answer a localised 503 and no stack trace', async (_name, makeEnv) => {
    const broken = await startServer(makeEnv());
    try {
      for (const lang of locales) {
        const response = await fetch(`${broken.url}/${lang}/`);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBeTruthy();
        const html = await response.text();
        expect(htmlAttributes(html).lang).toBe(lang);
        expect(textOf(html)).toContain(translator(lang)('error.unavailable.title'));
        expect(html).not.toMatch(stackTrace);
      }
    } finally {
      await broken.stop();
    }
  });
});
