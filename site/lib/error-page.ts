import { dir, type Locale, type Translate } from '../../src/i18n/index.ts';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A self-contained error page (no layout, no content, no stylesheet file) so that it still
 * renders when whatever broke the normal page is broken for good.
 */
export function errorPage(
  status: 429 | 500 | 503,
  lang: Locale,
  t: Translate,
  headers: Record<string, string> = {},
  vars: Record<string, string | number> = {},
): Response {
  const key = status === 503 ? 'error.unavailable' : status === 429 ? 'error.rateLimited' : 'error.server';
  const title = t(`${key}.title`);
  const html = `<!doctype html>
<html lang="${lang}" dir="${dir(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – ${escape(t('site.name'))}</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-inline-size:40rem;margin-inline:auto;padding:1rem;color:#1b1b1b;background:#fff}a{color:#0b4fa3}</style>
</head>
<body><main id="main"><h1>${escape(title)}</h1><p>${escape(t(`${key}.body`, vars))}</p>
<p><a href="/${lang}/">${escape(t('error.backToDirectory'))}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
