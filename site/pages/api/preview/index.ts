import type { APIRoute } from 'astro';
import { env } from '#src/env.ts';
import { hitClientLimit, rateLimitTable } from '#src/security/rate-limits.ts';
import { database } from '../../../lib/runtime.ts';
import { PREVIEW_COOKIE, PREVIEW_MAX_AGE_SECONDS, isPreviewSecret, previewCookieValue, samePagePath } from '#src/content/preview.ts';
import { secureCookie } from '../../../lib/cookies.ts';

const privateHeaders = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' };

/**
 * Starts an editor's draft preview: `/api/preview?secret=...&redirect=/en/org/code` (the
 * Studio's "Open preview" link builds it). The right secret sets the preview cookie and
 * sends the editor to the page, on this site only; a wrong one changes nothing. Each try
 * counts against the client (10 in 15 minutes), right or wrong. Without
 * SANITY_PREVIEW_SECRET there is no preview at all.
 */
export const GET: APIRoute = async ({ url, cookies, clientAddress }) => {
  const secret = env().SANITY_PREVIEW_SECRET;
  if (!secret) return new Response(null, { status: 404, headers: privateHeaders });
  // Every try counts against the client, so the secret cannot be guessed at speed.
  const { db } = await database();
  const limited = await hitClientLimit(db, 'preview', clientAddress, rateLimitTable.previewPerClient);
  if (!limited.ok) {
    return new Response('Too many tries. Wait and try again.', {
      status: 429,
      headers: { ...privateHeaders, 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(limited.retryAfterSeconds) },
    });
  }
  if (!isPreviewSecret(url.searchParams.get('secret'), secret)) {
    return new Response('The preview secret is wrong.', { status: 401, headers: { ...privateHeaders, 'content-type': 'text/plain; charset=utf-8' } });
  }
  cookies.set(PREVIEW_COOKIE, previewCookieValue(secret), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(url),
    maxAge: PREVIEW_MAX_AGE_SECONDS,
  });
  return new Response(null, { status: 303, headers: { ...privateHeaders, location: samePagePath(url.searchParams.get('redirect')) } });
};
