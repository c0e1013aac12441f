import type { APIRoute } from 'astro';
import { isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { env } from '../../../src/env.ts';
import { contentService, parseWebhookChange } from '../../../src/content/index.ts';
import { contentBroadcast } from '../../lib/content-broadcast.ts';

/**
 * Sanity calls this when an editor publishes. A valid signature marks stale the cached
 * content the changed document touches (its organisation's pages, every organisation
 * using a changed ADR scheme or form, the directory for an organisation), and with it the
 * rendered pages built from that content, so the site shows the change on the next view.
 * A body in an unexpected shape clears everything, which is always safe. A missing or
 * wrong signature changes nothing. Without SANITY_WEBHOOK_SECRET the endpoint does not exist.
 * With PostgreSQL the change is then sent to every other process of every server
 * (content-broadcast.ts); the answer waits for that, and is a 503 when it cannot be sent,
 * so that Sanity delivers the webhook again.
 */
export const POST: APIRoute = async ({ request }) => {
  const secret = env().SANITY_WEBHOOK_SECRET;
  if (!secret) return new Response(null, { status: 404 });
  const signature = request.headers.get(SIGNATURE_HEADER_NAME);
  const body = await request.text();
  if (!signature || body.length > 1_000_000 || !(await isValidSignature(body, signature, secret).catch(() => false))) {
    return new Response('invalid signature', { status: 401 });
  }
  const change = parseWebhookChange(body);
  const invalidation = contentService().invalidate(change);
  try {
    await contentBroadcast()?.announce(change);
  } catch (error) {
    console.error(`content: could not broadcast the change to the other processes (${(error as Error).message})`);
    return new Response('could not reach the other servers; try again', { status: 503, headers: { 'retry-after': '5' } });
  }
  return Response.json({ invalidated: invalidation.all ? 'all' : invalidation.keys.size });
};
