import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Draft preview for editors. Whoever knows the preview secret gets a cookie that proves it
 * for a few hours; the cookie holds an expiry and an HMAC of it keyed by the secret, never
 * the secret itself, so changing the secret ends every preview at once.
 */
export const PREVIEW_COOKIE = 'redress_preview';
export const PREVIEW_MAX_AGE_SECONDS = 8 * 3600;

const digest = (value: string) => createHash('sha256').update(value).digest();
const mac = (secret: string, expires: number) => createHmac('sha256', secret).update(`preview:${expires}`).digest('base64url');

/** Whether `given` is the secret, compared in constant time whatever its length. */
export function isPreviewSecret(given: string | null | undefined, secret: string): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(secret));
}

/** The cookie value that opens preview until `now` + PREVIEW_MAX_AGE_SECONDS. */
export function previewCookieValue(secret: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PREVIEW_MAX_AGE_SECONDS;
  return `${expires}.${mac(secret, expires)}`;
}

/** Whether a cookie value was made with this secret and has not expired. */
export function isValidPreviewCookie(value: string | undefined, secret: string, now = Date.now()): boolean {
  const match = /^(\d{10,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 <= now) return false;
  return timingSafeEqual(Buffer.from(match[2]!), Buffer.from(mac(secret, expires)));
}

/**
 * The path to send an editor to after preview starts or ends: only a path on this site
 * (never `//elsewhere`, `/\elsewhere` or a full URL), else the home page.
 */
export function samePagePath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- a control character in a path is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://redress.invalid';
  const url = new URL(value, base);
  // Dot segments are resolved here, so `/.//elsewhere` or `/a/..//elsewhere` only now shows
  // as the `//elsewhere` a browser would take for another host.
  if (url.origin !== base || url.pathname.startsWith('//')) return '/';
  return `${url.pathname}${url.search}`;
}
