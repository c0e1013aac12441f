import { defineMiddleware, sequence } from 'astro:middleware';
import { dir, interfaceLocale, isLanguageTag, isLocale, negotiateLocale, translator } from '#src/i18n/index.ts';
import { ContentUnavailableError, contentService, publishedLanguages, runInContentScope } from '#src/content/index.ts';
import { PREVIEW_COOKIE, isValidPreviewCookie } from '#src/content/preview.ts';
import { env } from '#src/env.ts';
import { isDatabaseUnavailable } from '#src/db/index.ts';
import { sharedPageCache } from './lib/page-cache.ts';
import { contentBroadcast } from './lib/content-broadcast.ts';
import { errorPage } from './lib/error-page.ts';
import { securityHeaders } from './lib/security-headers.ts';
import { readPostedForm } from './lib/request-body.ts';
import { HSTS } from '#src/http/edge.ts';
import { validateStaffSession } from '#src/auth/index.ts';
import { database } from './lib/runtime.ts';
import { logger } from '#src/ops/logger.ts';
import { recordRoute } from '#src/ops/request-context.ts';
import { clearStaffSession, isPublicStaffPath, isStaffPath, setStaffSession, staffSessionToken } from './lib/staff-session.ts';

/**
 * Tells scripts/serve.ts which route answered (the pattern, like `/[lang]/[org]/complain`):
 * its request log and metrics use it instead of the URL, which may carry tokens and has no
 * bound on its values.
 */
const route = defineMiddleware((context, next) => {
  recordRoute(context.routePattern);
  return next();
});

// First path segments of routes that are not pages in a language (some are well-formed
// language tags: "staff" could name a language).
const notLanguages = new Set(['staff', 'api', '_astro', '_image', '_server-islands']);

/**
 * The language a URL's first segment asks for: an interface language, or a language some
 * organisation publishes in (/cy/...). Other well-formed tags have no pages, so they are no
 * language: an unlimited set of addresses would otherwise each be rendered and cached.
 */
async function languageOfSegment(segment: string): Promise<string | null> {
  if (isLocale(segment)) return segment;
  if (notLanguages.has(segment) || !isLanguageTag(segment)) return null;
  try {
    return (await publishedLanguages()).has(segment) ? segment : null;
  } catch (error) {
    // Content is down: let the page load it and answer the 503 that says so.
    if (error instanceof ContentUnavailableError) return segment;
    throw error;
  }
}

/**
 * Fills locals with the language of the request: the URL's first segment, else
 * Accept-Language. A content language the interface is not written in (cy) keeps its
 * address and its content; the interface strings come from the nearest interface language.
 */
const language = defineMiddleware(async (context, next) => {
  const [, first = '', ...rest] = context.url.pathname.split('/');
  const fromUrl = await languageOfSegment(first);
  const lang = fromUrl ? interfaceLocale(fromUrl) : negotiateLocale(context.request.headers.get('accept-language'));
  context.locals.lang = lang;
  context.locals.pageLang = fromUrl ?? lang;
  context.locals.dir = dir(lang);
  context.locals.t = translator(lang);
  context.locals.langFromUrl = Boolean(fromUrl);
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
    if (isDatabaseUnavailable(error)) {
      logger().error({ err: error }, 'database unavailable');
      return errorPage(503, lang, t, { 'retry-after': '30' });
    }
    if (error instanceof ContentUnavailableError) {
      logger().error({ err: error.cause }, 'content unavailable');
      return errorPage(503, lang, t, { 'retry-after': '60' });
    }
    logger().error({ err: error }, 'unexpected error');
    return errorPage(500, lang, t);
  }
});

const headers = defineMiddleware(async (context, next) => {
  const response = await next();
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  if (context.url.protocol === 'https:') response.headers.set('strict-transport-security', HSTS);
  // The answer to a form post carries what was typed (and the form's one-time keys): no one keeps it.
  if (context.request.method === 'POST') response.headers.set('cache-control', 'no-store');
  return response;
});

/**
 * A form post to a page is read once here, bounded (request-body.ts) and parsed, into
 * `locals.form`; a body that is not a form, too large or broken gets a 400 or 413 page in
 * the visitor's language, so no page ever parses a body itself or fails on one.
 */
const body = defineMiddleware(async (context, next) => {
  if (context.request.method !== 'POST' || context.url.pathname.startsWith('/api/')) return next();
  const read = await readPostedForm(context.request, context.url.pathname);
  if (!read.ok) return errorPage(read.status, context.locals.lang, context.locals.t, read.status === 413 ? { connection: 'close' } : {});
  context.locals.form = read.form;
  return next();
});

const pageCache = sharedPageCache();
const cacheEnabled = env().PAGE_CACHE;
// Sanity content is re-read after its TTL; local content announces its own changes.
pageCache.configure({ maxAgeMs: env().SANITY_PROJECT_ID ? env().CONTENT_TTL_SECONDS * 1000 : 86_400_000 });
contentService().onInvalidate((invalidation) => (invalidation.all ? pageCache.clear() : pageCache.drop(invalidation.keys)));
// Changes that another process received (a webhook reaches one process) reach this one too.
contentBroadcast();

/**
 * Serves public pages that opted in (by setting `locals.cacheUntil`) from memory until
 * content changes or the page's own deadline passes (see page-cache.ts). scripts/serve.ts
 * answers the same entries before Astro is called; this is the path for other servers.
 */
const cache = defineMiddleware(async (context, next) => {
  if (context.request.method !== 'GET' || !context.locals.langFromUrl || !cacheEnabled || context.locals.preview) return next();
  const key = context.url.pathname;
  const hit = pageCache.get(key);
  if (hit) return new Response(hit.body, { status: hit.status, headers: hit.headers });
  const generation = contentService().generation;
  // The content scope records which cached answers the page is rendered from, so that a
  // change drops only the pages that used what it touched.
  return runInContentScope({ preview: false }, async (scope) => {
    const response = await next();
    if (response.status !== 200 || !context.locals.cacheUntil) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    // A page rendered while content changed, or from the last good content while the source
    // is down, may be out of date: serve it, keep it not.
    if (contentService().generation === generation && !scope.servedFallback) {
      // Read after the body is complete: components rendered while streaming may bring it forward.
      const page = { body, status: 200, headers: Object.fromEntries(response.headers), uses: new Set(scope.used), route: context.routePattern };
      pageCache.set(key, page, context.locals.cacheUntil);
    }
    return new Response(body, { status: 200, headers: response.headers });
  });
});

const previewSecret = env().SANITY_PREVIEW_SECRET;

/**
 * An editor's draft preview (see /api/preview): while the preview cookie is valid, content
 * comes from the drafts, and nothing of it is cached, indexed or kept by a browser or proxy.
 * The body is read inside the scope so that components rendered while streaming see drafts too.
 */
const preview = defineMiddleware(async (context, next) => {
  if (!previewSecret || !isValidPreviewCookie(context.cookies.get(PREVIEW_COOKIE)?.value, previewSecret)) return next();
  context.locals.preview = true;
  return runInContentScope({ preview: true }, async () => {
    const response = await next();
    const body = await response.arrayBuffer();
    const headers = new Headers(response.headers);
    headers.set('cache-control', 'private, no-store');
    headers.set('x-robots-tag', 'noindex, nofollow');
    return new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, headers });
  });
});

/**
 * The back office: fills `locals.staff` from the session cookie (sending the cookie again
 * when its idle expiry slid forward), sends signed-out visitors to the sign-in page, and
 * marks every /staff response no-store (personal data, never cached by anyone).
 */
const staff = defineMiddleware(async (context, next) => {
  if (!isStaffPath(context.url.pathname)) return next();
  context.locals.staff = null;
  const token = staffSessionToken(context);
  if (token) {
    const { db } = await database();
    const valid = await validateStaffSession(db, token, new Date());
    if (valid) {
      context.locals.staff = valid.user;
      if (valid.session.fresh) setStaffSession(context, { token, expiresAt: valid.session.expiresAt });
    } else {
      clearStaffSession(context);
    }
  }
  const response = !context.locals.staff && !isPublicStaffPath(context.url.pathname) ? context.redirect('/staff/sign-in', 303) : await next();
  response.headers.set('cache-control', 'no-store');
  return response;
});

// The cache sits outside `headers` so that cached pages keep their security headers.
export const onRequest = sequence(route, language, preview, cache, headers, guard, body, staff);
