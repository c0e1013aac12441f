import { defineMiddleware, sequence } from 'astro:middleware';
import { dir, isLocale, negotiateLocale, translator } from '../src/i18n/index.ts';
import { ContentUnavailableError, contentService } from '../src/content/index.ts';
import { env } from '../src/env.ts';
import { createPageCache } from './lib/page-cache.ts';
import { errorPage } from './lib/error-page.ts';
import { securityHeaders } from './lib/security-headers.ts';

/** Fills locals with the language of the request: the URL's first segment, else Accept-Language. */
const language = defineMiddleware((context, next) => {
  const [, first = '', ...rest] = context.url.pathname.split('/');
  const fromUrl = isLocale(first);
  const lang = fromUrl ? first : negotiateLocale(context.request.headers.get('accept-language'));
  context.locals.lang = lang;
  context.locals.dir = dir(lang);
  context.locals.t = translator(lang);
  context.locals.langFromUrl = fromUrl;
  context.locals.pathWithoutLang = fromUrl ? `/${rest.join('/')}` : context.url.pathname;
  return next();
});

/**
 * The last line of defence: content that cannot be loaded gives a 503 page that says so,
 * anything unexpected a plain 500 page; the error goes to the log, never to the visitor.
 */
const guard = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    const { lang, t } = context.locals;
    if (error instanceof ContentUnavailableError) {
      console.error('content unavailable:', (error.cause as Error)?.message ?? error.cause);
      return errorPage(503, lang, t, { 'retry-after': '60' });
    }
    console.error('unexpected error:', error);
    return errorPage(500, lang, t);
  }
});

const headers = defineMiddleware(async (_context, next) => {
  const response = await next();
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
});

const pageCache = createPageCache({
  maxEntries: 2000,
  // Sanity content is re-read after its TTL; local content announces its own changes.
  maxAgeMs: env().SANITY_PROJECT_ID ? env().CONTENT_TTL_SECONDS * 1000 : 86_400_000,
});

/**
 * Serves public pages that opted in (by setting `locals.cacheUntil`) from memory until
 * content changes or the page's own deadline passes (see page-cache.ts).
 */
const cache = defineMiddleware(async (context, next) => {
  if (context.request.method !== 'GET' || !context.locals.langFromUrl) return next();
  const key = context.url.pathname;
  // Read before rendering: a page rendered while content changes is filed under the old generation.
  const generation = contentService().generation;
  const hit = pageCache.get(key, generation);
  if (hit) return new Response(hit.body, { status: hit.status, headers: hit.headers });
  const response = await next();
  if (response.status !== 200 || !context.locals.cacheUntil) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  // Read after the body is complete: components rendered while streaming may bring it forward.
  pageCache.set(key, { body, status: 200, headers: [...response.headers], generation }, context.locals.cacheUntil);
  return new Response(body, { status: 200, headers: response.headers });
});

export const onRequest = sequence(language, headers, cache, guard);
