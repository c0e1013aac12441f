import type { APIRoute } from 'astro';
import { SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { env } from '#src/env.ts';
import { contentService, parseWebhookChange } from '#src/content/index.ts';
import { verifyWebhook, WEBHOOK_MAX_BYTES } from '#src/content/webhook-signature.ts';
import { readTextCapped } from '#src/http/body.ts';
import { contentBroadcast } from '../../lib/content-broadcast.ts';

/**
 * Sanity calls this when an editor publishes. A valid signature marks stale the cached
 * content the changed document touches (its organisation's pages, every organisation
 * using a changed ADR scheme or form, the directory for an organisation), and with it the
 * rendered pages built from that content, so the site shows the change on the next view.
 * A body in an unexpected shape clears everything, which is always safe. A missing, wrong
 * or stale (over 5 minutes) signature changes nothing. The body is read to 64 KB at most
 * before anything is checked: a larger one is 413 without being held. Without
 * SANITY_WEBHOOK_SECRET the endpoint does not exist.
 * With PostgreSQL the change is then sent to every other process of every server
 * (content-broadcast.ts); the answer waits for that, and is a 503 when it cannot be sent,
 * so that Sanity delivers the webhook again.
 */
export const POST: APIRoute = async ({ request }) => {
  const secret = env().SANITY_WEBHOOK_SECRET;
  if (!secret) return new Response(null, { status: 404 });
  const signature = request.headers.get(SIGNATURE_HEADER_NAME);
  if (!signature) return new Response('invalid signature', { status: 401 });
  const body = await readTextCapped(request, WEBHOOK_MAX_BYTES);
  if (!body.ok) return new Response(body.status === 413 ? 'body too large' : 'unreadable body', { status: body.status, headers: { connection: 'close' } });
  if (!(await verifyWebhook(body.text, signature, secret))) return new Response('invalid signature', { status: 401 });
  const change = parseWebhookChange(body.text);
  const invalidation = contentService().invalidate(change);
  try {
    await contentBroadcast()?.announce(change);
  } catch (error) {
    console.error(`content: could not broadcast the change to the other processes (${(error as Error).message})`);
    return new Response('could not reach the other servers; try again', { status: 503, headers: { 'retry-after': '5' } });
  }
  return Response.json({ invalidated: invalidation.all ? 'all' : invalidation.keys.size });
};
