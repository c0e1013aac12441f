import { defineMiddleware, sequence } from 'astro:middleware';
import { dir, isLocale, negotiateLocale, translator } from '../src/i18n/index.ts';
import { ContentUnavailableError } from '../src/content/index.ts';
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

export const onRequest = sequence(language, headers, guard);
