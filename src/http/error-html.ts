import { dir, isLocale, negotiateLocale, translator, type Locale } from '../i18n/index.ts';

/** The statuses that have their own words; anything else is described as a server problem. */
export type ErrorStatus = 400 | 405 | 413 | 429 | 500 | 503;

const KEYS = {
  400: 'error.badRequest',
  405: 'error.methodNotAllowed',
  413: 'error.tooLarge',
  429: 'error.rateLimited',
  500: 'error.server',
  503: 'error.unavailable',
} as const satisfies Record<ErrorStatus, string>;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A self-contained error page (no layout, no content, no stylesheet file) in one language,
 * so that it still renders when whatever broke the normal page is broken for good, and so
 * that the server's edge (src/http/edge.ts) can answer before Astro runs.
 */
export function errorHtml(status: ErrorStatus, lang: Locale, vars: Record<string, string | number> = {}): string {
  const t = translator(lang);
  const key = KEYS[status];
  const title = t(`${key}.title`);
  return `<!doctype html>
<html lang="${lang}" dir="${dir(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – ${escape(t('site.name'))}</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-inline-size:40rem;margin-inline:auto;padding:1rem;color:#1b1b1b;background:#fff}a{color:#0b4fa3}</style>
</head>
<body><main id="main"><h1>${escape(title)}</h1><p>${escape(t(`${key}.body`, vars))}</p>
<p><a href="/${lang}/">${escape(t('error.backToDirectory'))}</a></p></main></body></html>`;
}

/** The language of a request seen raw: its path's first segment, else Accept-Language. */
export function languageOf(path: string | undefined, acceptLanguage: string | undefined): Locale {
  const first = (path ?? '/').split(/[/?#]/)[1] ?? '';
  return isLocale(first) ? first : negotiateLocale(acceptLanguage);
}
