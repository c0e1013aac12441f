import type { APIRoute } from 'astro';
import { PREVIEW_COOKIE, samePagePath } from '#src/content/preview.ts';
import { secureCookie } from '../../../lib/cookies.ts';

/** Ends draft preview (the banner's link) and returns to the page, published. */
export const GET: APIRoute = ({ url, cookies }) => {
  cookies.delete(PREVIEW_COOKIE, { path: '/', secure: secureCookie(url) });
  return new Response(null, {
    status: 303,
    headers: { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow', location: samePagePath(url.searchParams.get('redirect')) },
  });
};
