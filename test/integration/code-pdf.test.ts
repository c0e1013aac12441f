import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readDataset } from '#src/content/local-source.ts';
import { isLocale, languageName, locales, translator, type Locale } from '#src/i18n/index.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { textOf } from '../support/html.ts';

// Organisations, languages and texts all come from content/: a fifth organisation is tested too.
const dataset = readDataset('content');
const today = new Date().toISOString().slice(0, 10);

interface PtBlock {
  _type?: string;
  children?: { text?: string }[];
  markDefs?: { _type?: string; href?: string }[];
  rows?: { cells?: string[] }[];
}
interface Code {
  title: string;
  version: string;
  effectiveFrom: string;
  body: PtBlock[];
}

const cases = dataset
  .filter((d) => d._type === 'organisation')
  .flatMap((org) => {
    const languages = org.languages as string[];
    return languages.filter(isLocale).flatMap((lang) => {
      const code = dataset
        .filter((d) => d._type === 'complaintsCode' && (d.organisation as { _ref: string })._ref === org._id && d.language === lang)
        .map((d) => d as unknown as Code)
        .filter((d) => d.effectiveFrom <= today)
        .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
      if (!code) return [];
      const translated = ((org.translatedLanguages ?? []) as string[]).includes(lang);
      return [{ slug: (org.slug as { current: string }).current, name: org.name as string, lang, code, translated, original: languages[0]! }];
    });
  });

/** Every piece of text in a Portable Text body: paragraphs, headings, list items, table cells. */
function textsOf(body: PtBlock[]): string[] {
  return body.flatMap((block) => {
    if (block._type === 'block') return [(block.children ?? []).map((c) => c.text ?? '').join('')];
    if (block._type === 'table') return (block.rows ?? []).flatMap((row) => row.cells ?? []);
    return [];
  });
}

/**
 * Text compared the way pdf.js can give it back: Unicode-compatible forms (NFKC), no
 * whitespace (lines and pages wrap anywhere), brackets without their orientation (a bracket
 * between Arabic words is drawn as its mirror image, and pdf.js reorders right-to-left text
 * but does not undo mirroring) and no Arabic vowel marks (a word's last mark comes first in
 * visual order, and pdf.js makes it an item of its own before the word). Screen readers get
 * both from the ActualText of each right-to-left piece; the letters and their order are
 * checked here.
 */
const comparable = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[()[\]{}]/g, '|')
    .replace(/[\u064B-\u065F\u0670]/g, '');

interface Extracted {
  /** The text of the tagged content, in content-stream order, artifacts left out. */
  content: string;
  /** The text inside Artifact marked content, page by page. */
  artifacts: string[];
  roles: Set<string>;
  links: string[];
  pages: number;
  title: unknown;
  catalogLang: string | undefined;
  marked: boolean;
}

async function extract(bytes: Uint8Array): Promise<Extracted> {
  const pdf = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const content: string[] = [];
  const artifacts: string[] = [];
  const roles = new Set<string>();
  const links: string[] = [];
  const walk = (node: { role?: string; children?: unknown[] } | null) => {
    if (!node) return;
    if (node.role) roles.add(node.role);
    for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
  };
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const text = await page.getTextContent({ includeMarkedContent: true });
    const stack: string[] = [];
    let pageArtifacts = '';
    for (const item of text.items as { type?: string; tag?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push(item.tag ?? '');
      else if (item.type === 'endMarkedContent') stack.pop();
      else if (typeof item.str === 'string') {
        if (stack.includes('Artifact')) pageArtifacts += `${item.str} `;
        else content.push(item.str);
      }
    }
    artifacts.push(pageArtifacts);
    walk(await page.getStructTree());
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === 'Link') links.push(annotation.url ?? annotation.unsafeUrl);
    }
  }
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  const marked = (await pdf.getMarkInfo())?.Marked === true;
  // pdf.js does not expose the catalog's /Lang: read it from the file (pdfkit writes it plainly).
  const catalogLang = /\/Lang \(([A-Za-z0-9-]+)\)/.exec(Buffer.from(bytes).toString('latin1'))?.[1];
  await pdf.destroy();
  return { content: content.join(' '), artifacts, roles, links, pages: artifacts.length, title: info.Title, catalogLang, marked };
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

describe('the complaints code as a PDF', () => {
  it('covers every organisation and language in the content', () => {
    expect(cases.length).toBeGreaterThanOrEqual(dataset.filter((d) => d._type === 'organisation').length);
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(['en', 'hu', 'fr', 'ar']));
  });

  it.each(cases.map((c) => [`/${c.lang}/${c.slug}/code.pdf`, c] as const))('%s is a tagged PDF of the code in its language', async (path, c) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`attachment; filename="${c.slug}-complaints-code-${c.lang}.pdf"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');

    const pdf = await extract(bytes);
    expect(pdf.marked).toBe(true);
    expect(pdf.catalogLang).toBe(c.lang);
    expect(pdf.title).toBe(c.code.title);
    for (const role of ['Document', 'H1', 'H2', 'P']) expect(pdf.roles).toContain(role);
    if (c.code.body.some((b) => b._type === 'table')) for (const role of ['Table', 'TR', 'TD']) expect(pdf.roles).toContain(role);
    if (c.code.body.some((b) => (b as { listItem?: string }).listItem)) for (const role of ['L', 'LI', 'Lbl', 'LBody']) expect(pdf.roles).toContain(role);

    // Every heading, paragraph, list item and cell of the code, in order within itself, as
    // the content has it: Hungarian ő and ű, French accents and Arabic in logical order.
    const text = comparable(pdf.content);
    expect(text).toContain(comparable(c.code.title));
    const t = translator(c.lang);
    expect(text).toContain(comparable(t('code.version', { version: c.code.version })));
    if (c.translated) expect(text).toContain(comparable(t('content.translation', { language: languageName(c.original, c.lang) })));
    const texts = textsOf(c.code.body).filter((s) => s.trim());
    expect(texts.length).toBeGreaterThan(5);
    for (const sentence of texts) expect(text).toContain(comparable(sentence));
    if (c.lang === 'hu') expect(pdf.content).toMatch(/ő.*ű|ű.*ő/s);
    if (c.lang === 'ar') expect(pdf.content).toMatch(/\p{Script=Arabic}{4,}/u);

    // Page numbers are furniture: marked as artifacts, outside the structure.
    expect(pdf.artifacts[0]).toContain(t('pdf.pageNumber', { page: 1, pages: pdf.pages }));
    expect(pdf.content).not.toContain(t('pdf.pageNumber', { page: 1, pages: pdf.pages }));

    // The code's own links stay clickable.
    const hrefs = c.code.body.flatMap((b) =>
      (b.markDefs ?? []).filter((d) => d._type === 'link' && /^(https?|mailto|tel):/.test(d.href ?? '')).map((d) => d.href!),
    );
    for (const href of hrefs) expect(pdf.links).toContain(new URL(href).href);
  });

  it.each(cases.map((c) => [`/${c.lang}/${c.slug}/code`, c] as const))('%s links to its PDF with the size in the link text', async (path, c) => {
    const pdf = new Uint8Array(await (await get(`/${c.lang}/${c.slug}/code.pdf`)).arrayBuffer());
    for (const page of [path, `${path}/large-print`]) {
      const html = await (await get(page)).text();
      const link = new RegExp(`<a href="/${c.lang}/${c.slug}/code\\.pdf" type="application/pdf">([^<]+)</a>`).exec(html);
      expect(link, page).not.toBeNull();
      const size = new Intl.NumberFormat(c.lang === 'en' ? 'en-GB' : c.lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
        Math.round(pdf.length / 1024),
      );
      expect(textOf(link![1]!)).toBe(textOf(translator(c.lang)('pdf.download', { size })));
    }
  });

  it('serves the same bytes again from the cache, and earlier versions by number', async () => {
    const c = cases[0]!;
    const first = new Uint8Array(await (await get(`/${c.lang}/${c.slug}/code.pdf`)).arrayBuffer());
    const second = new Uint8Array(await (await get(`/${c.lang}/${c.slug}/code.pdf`)).arrayBuffer());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const versioned = await get(`/${c.lang}/${c.slug}/code/${c.code.version}.pdf`);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('content-type')).toBe('application/pdf');
    expect((await extract(new Uint8Array(await versioned.arrayBuffer()))).title).toBe(c.code.title);
    expect((await get(`/${c.lang}/${c.slug}/code/99.0.pdf`)).status).toBe(404);
    // The version's own page offers its PDF too.
    const versionPage = await (await get(`/${c.lang}/${c.slug}/code/${c.code.version}`)).text();
    expect(versionPage).toMatch(new RegExp(`<a href="/${c.lang}/${c.slug}/code(/${c.code.version.replace(/\./g, '\\.')})?\\.pdf" type="application/pdf">`));
  });

  it('answers the localised 404 page for an unknown organisation and for a language the organisation lacks', async () => {
    const unknown = await get('/fr/no-such-organisation/code.pdf');
    expect(unknown.status).toBe(404);
    expect(textOf(await unknown.text())).toContain(textOf(translator('fr')('error.notFound.title')));

    const org = dataset.find((d) => d._type === 'organisation' && locales.some((l) => !(d.languages as string[]).includes(l)))!;
    const missing = locales.find((l) => !(org.languages as string[]).includes(l)) as Locale;
    const response = await get(`/${missing}/${(org.slug as { current: string }).current}/code.pdf`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(textOf(await response.text())).toContain(textOf(translator(missing)('error.notFound.title')));
  });
});
