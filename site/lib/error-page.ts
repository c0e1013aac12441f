import type { Locale, Translate } from '#src/i18n/index.ts';
import { errorHtml, type ErrorStatus } from '#src/http/error-html.ts';

/**
 * A self-contained error page (no layout, no content, no stylesheet file) so that it still
 * renders when whatever broke the normal page is broken for good (src/http/error-html.ts).
 */
export function errorPage(
  status: ErrorStatus,
  lang: Locale,
  _t: Translate,
  headers: Record<string, string> = {},
  vars: Record<string, string | number> = {},
): Response {
  return new Response(errorHtml(status, lang, vars), {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
