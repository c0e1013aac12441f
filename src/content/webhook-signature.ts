import { isValidSignature } from '@sanity/webhook';
import { z } from 'zod';

/** How old (or how far in the future) a webhook's signed timestamp may be. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/** The largest webhook body read: the projection of docs/editors.md is a few hundred bytes. */
export const WEBHOOK_MAX_BYTES = 64 * 1024;

// `t=<unix ms>,v1=<base64url HMAC of "t.body">`, the header @sanity/webhook writes.
const header = z.string().trim().max(200).regex(/^t=(\d{13,16})[, ]+v1=[A-Za-z0-9_-]+={0,2}$/);

/**
 * Whether a Sanity webhook is genuine and fresh: the header well formed, its timestamp
 * within five minutes of now (a captured request replayed later is refused; one replayed
 * within the window only clears the cache again), and the HMAC right for this body.
 */
export async function verifyWebhook(body: string, signature: string | null, secret: string, now = Date.now()): Promise<boolean> {
  const parsed = header.safeParse(signature);
  if (!parsed.success) return false;
  const timestamp = Number(/^t=(\d+)/.exec(parsed.data)![1]);
  if (Math.abs(now - timestamp) > WEBHOOK_TOLERANCE_MS) return false;
  return isValidSignature(body, parsed.data, secret).catch(() => false);
}
