import { createHmac, timingSafeEqual } from 'node:crypto';
import { siteSecret } from './secret.ts';

const mac = (purpose: string, value: string) => createHmac('sha256', siteSecret()).update(`${purpose}\u0000${value}`, 'utf8').digest('base64url').slice(0, 32);

/**
 * A value a cookie carries with the site's signature, so the server can tell what it wrote
 * from what someone typed into their cookie jar: `value~signature`. The purpose is signed
 * too, so a cookie of one kind cannot be replayed as another.
 */
export const signValue = (purpose: string, value: string) => `${value}~${mac(purpose, value)}`;

/** The value of a signed cookie when the signature is this site's for this purpose; null otherwise. */
export function verifySignedValue(purpose: string, signed: string | undefined): string | null {
  if (!signed) return null;
  const at = signed.lastIndexOf('~');
  if (at < 0) return null;
  const value = signed.slice(0, at);
  const given = Buffer.from(signed.slice(at + 1), 'utf8');
  const expected = Buffer.from(mac(purpose, value), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
