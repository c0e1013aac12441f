import { createHash } from 'node:crypto';
import { renderCodePdfOffThread, type CodePdfRequest } from '#src/pdf/off-thread.ts';
import { dir, interfaceLocale, languageName, type Translate } from '#src/i18n/index.ts';
import { formatDate, intlLocale } from '#src/i18n/format.ts';
import { env } from '#src/env.ts';
import { logger } from '#src/ops/logger.ts';
import type { CodePage } from './code-page.ts';
import type { OrganisationPage } from './organisation-page.ts';

/**
 * Whether an organisation's code has a PDF in the page's language. It has none when the
 * organisation does not publish in the reader's language (the page then shows another
 * language's text, and a PDF named after the reader's language would say otherwise).
 */
export function hasCodePdf(page: OrganisationPage): boolean {
  return !page.contentMissing;
}

/** The address of a code page's PDF: the code in force, or the version the page shows. */
export function codePdfPath(data: CodePage, lang: string): string {
  const base = `/${lang}/${data.page.org.slug}`;
  return data.isCurrent ? `${base}/code.pdf` : `${base}/code/${data.code.version}.pdf`;
}

/** The saved file's name: ASCII only, so every browser and file system keeps it. */
export function codePdfFilename(data: CodePage, lang: string): string {
  const version = data.isCurrent ? '' : `-${data.code.version}`;
  return `${data.page.org.slug}-complaints-code${version}-${lang}.pdf`;
}

// `lang` is the page's language (cy): the address and the file name follow it, while the
// interface's words (dates, language names) are in the interface language `t` speaks.
function inputFor(data: CodePage, lang: string, t: Translate): CodePdfRequest {
  const { page, code, isCurrent } = data;
  const ui = interfaceLocale(lang);
  const notices = [
    ...(isCurrent ? [] : [t('code.earlierVersion')]),
    ...(page.translated ? [t('content.translation', { language: languageName(page.originalLang, ui) })] : []),
  ];
  return {
    lang: code.language ?? page.contentLang,
    direction: dir(code.language ?? page.contentLang),
    title: code.title ?? '',
    organisation: page.org.name ?? '',
    summary: code.summary ?? undefined,
    versionLine: `${t('code.version', { version: code.version ?? '' })} · ${t('code.effectiveFrom', { date: formatDate(code.effectiveFrom ?? '', ui) })}`,
    notices,
    body: code.body,
    baseUrl: env().PUBLIC_BASE_URL,
    labelLanguage: ui,
  };
}

// Rendered PDFs by what they are made of: the same content gives the same bytes, whatever
// the content generation; changed content (a webhook, a file change, Sanity's TTL) gives a
// new key. Bounded, oldest out, like the page cache. `size` is set once the bytes exist.
interface Rendering {
  pdf: Promise<Uint8Array>;
  size?: number;
}
const rendered = new Map<string, Rendering>();
const maxRendered = 64;

// The last size known for each PDF address (organisation, language, version). A published
// change makes a new PDF, and rendering one takes 0.3-1.5 s: the code page does not wait for
// it but names the size of the PDF it replaces (almost always the same, rounded to kB) while
// the new one renders. Without this, an organisation's rename took seconds to reach its code
// page on every process. Bounded by the addresses that exist.
const lastSize = new Map<string, number>();

function rendering(data: CodePage, lang: string, t: Translate): Rendering {
  const input = inputFor(data, lang, t);
  const key = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
  let entry = rendered.get(key);
  if (!entry) {
    const address = codePdfPath(data, lang);
    // On a worker thread: pdfkit's layout is synchronous and would hold up every request.
    const fresh: Rendering = { pdf: renderCodePdfOffThread(input) };
    fresh.pdf.then(
      (bytes) => {
        fresh.size = bytes.length;
        lastSize.set(address, bytes.length);
      },
      // A failed render is not kept: the next request tries again.
      () => rendered.delete(key),
    );
    if (rendered.size >= maxRendered) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, fresh);
    entry = fresh;
  }
  return entry;
}

/** The PDF of a code page, rendered once per content and kept in memory. */
export function codePdf(data: CodePage, lang: string, t: Translate): Promise<Uint8Array> {
  return rendering(data, lang, t).pdf;
}

/**
 * The link to a code page's PDF, with its size in the words of the page ("Download this
 * page as a PDF (84 kB)"), or null when there is no PDF or it cannot be made (the page is
 * still served; the error goes to the log). Only the first PDF at an address is waited for.
 */
export async function codePdfLink(data: CodePage, lang: string, t: Translate): Promise<{ href: string; text: string } | null> {
  if (!hasCodePdf(data.page)) return null;
  const href = codePdfPath(data, lang);
  try {
    const entry = rendering(data, lang, t);
    let bytes = entry.size ?? lastSize.get(href);
    if (bytes === undefined) bytes = (await entry.pdf).length;
    else if (entry.size === undefined) entry.pdf.catch((error: unknown) => logger().error({ err: error }, 'complaints code PDF failed'));
    const size = new Intl.NumberFormat(intlLocale(interfaceLocale(lang)), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
      Math.max(1, Math.round(bytes / 1024)),
    );
    return { href, text: t('pdf.download', { size }) };
  } catch (error) {
    logger().error({ err: error }, 'complaints code PDF failed');
    return null;
  }
}

/** The response for a code page's PDF: a download with a stable name. */
export async function codePdfResponse(data: CodePage, lang: string, t: Translate): Promise<Response> {
  const bytes = await codePdf(data, lang, t);
  const filename = codePdfFilename(data, lang);
  return new Response(bytes.slice().buffer, {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    },
  });
}
