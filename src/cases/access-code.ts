import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { crockford } from './reference.ts';

const CODE_SYMBOLS = 12; // 12 × 5 = 60 bits

/**
 * scrypt cost. N = 2^8, r = 8, p = 1 costs about half a millisecond of CPU and 256 KiB of
 * memory per hash on the reference server (bench/submit.ts measured N = 2^10 taking a
 * third of a core at 160 submissions a second on 2 cores). That is enough because the
 * secret is not a password:
 * the code is 60 random bits, so even at a million guesses a second an attacker with a
 * stolen database needs about 18,000 years on average per code; the hash only has to make
 * each guess cost something, and the salt stops one table of guesses serving every case.
 */
const COST = { N: 1 << 8, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
// Stored parameters are read back; refuse absurd ones rather than let a bad row use a gigabyte.
const MAX_N = 1 << 16;
const MAX_MEMORY = 128 * 1024 * 1024;

/**
 * A new access code: 12 random Crockford base32 symbols (60 bits), shown as
 * `XXXX-XXXX-XXXX`. Shown once to the complainant; only its hash is stored.
 */
export function generateAccessCode(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_SYMBOLS));
  const symbols = [...bytes].map((byte) => crockford[byte & 31]).join('');
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/**
 * The canonical form of an access code as typed (case, spaces and dashes ignored, O read
 * as 0 and I or L as 1), or null when it cannot be one.
 */
export function normaliseAccessCode(input: string): string | null {
  const compact = input
    .normalize('NFKC')
    .replace(/[\s\p{Pd}\u2212\u00ad\u200b-\u200f\u2060\ufeff]/gu, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== CODE_SYMBOLS || ![...compact].every((symbol) => crockford.includes(symbol))) return null;
  return compact;
}

/**
 * The salted scrypt hash of an access code, to store: `scrypt$N$r$p$salt$hash` with salt
 * and hash in base64url. Runs on the libuv thread pool, not the event loop.
 */
export async function hashAccessCode(code: string): Promise<string> {
  const canonical = normaliseAccessCode(code);
  if (!canonical) throw new Error('hashAccessCode was given something that is not an access code.');
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(canonical, salt, COST.N, COST.r, COST.p);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * True when `code` (as the complainant typed it) matches the stored hash. Compares in
 * constant time; a malformed code or stored value is simply not a match.
 */
export async function verifyAccessCode(code: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (salt.length === 0 || expected.length < 16 || expected.length > 64) return false;
  const canonical = normaliseAccessCode(code);
  if (!canonical) return false;
  const actual = await derive(canonical, salt, N, r, p, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(code: string, salt: Buffer, N: number, r: number, p: number, length = KEY_LENGTH): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code, salt, length, { N, r, p, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
