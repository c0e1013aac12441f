import type { APIRoute } from 'astro';
import { isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { env } from '../../../src/env.ts';
import { contentService } from '../../../src/content/index.ts';

/**
 * Sanity calls this when an editor publishes: a valid signature clears the content cache
 * (and with it every rendered page), so the site shows the change within seconds.
 * Without SANITY_WEBHOOK_SECRET the endpoint does not exist.
 */
export const POST: APIRoute = async ({ request }) => {
  const secret = env().SANITY_WEBHOOK_SECRET;
  if (!secret) return new Response(null, { status: 404 });
  const signature = request.headers.get(SIGNATURE_HEADER_NAME);
  const body = await request.text();
  if (!signature || body.length > 1_000_000 || !(await isValidSignature(body, signature, secret).catch(() => false))) {
    return new Response('invalid signature', { status: 401 });
  }
  contentService().invalidate();
  return new Response(null, { status: 204 });
};
