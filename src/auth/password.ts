import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 20-40 ms
 * of one core here, cheap for a person signing in, costly for a stolen-table guesser.
 * `Algorithm` is a const enum that isolated modules cannot read, hence the literal.
 */
const ARGON2ID: Algorithm = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
/** Longer than any passphrase a person types; stops a megabyte "password" costing a hash. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Passwords people choose most (and the name of this place): refused outright. A short list
 * on purpose: length does most of the work, this catches the obvious at 12+ characters.
 */
const common = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  'qwertyuiopas',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'password2024',
  'password2025',
  'password2026',
  'passw0rd1234',
  'p@ssw0rd1234',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome2026!',
  'changeme1234',
  'abcdefghijkl',
  'abc123abc123',
  'administrator',
  'admin1234567',
  'correcthorsebatterystaple',
  'trustno1trustno1',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'dragon123456',
  'monkey123456',
  'superman1234',
  'jelszo123456',
  'jelszojelszo',
  'motdepasse12',
  'motdepasse123',
  'azertyuiop12',
  'azerty123456',
  'redress12345',
  'redresspassword',
  'complaints123',
  'complaint1234',
]);

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

/**
 * Whether a new password is acceptable: at least 12 characters, not absurdly long, not one
 * of the commonest passwords (case and surrounding spaces ignored), and not the person's
 * email address or its local part. Returns the first problem, or null.
 */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const folded = password.trim().toLowerCase();
  if (common.has(folded) || /^(.)\1+$/.test(folded)) return 'common';
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split('@')[0] ?? '';
    if (
      folded === address ||
      folded.includes(address) ||
      (local.length >= 4 && folded.replace(/[^\p{L}\p{N}]/gu, '') === local.replace(/[^\p{L}\p{N}]/gu, ''))
    ) {
      return 'containsEmail';
    }
  }
  return null;
}

/** The argon2id hash of a password (PHC string, salt and parameters included). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when the password matches the stored hash; a malformed hash is no match. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of nothing anyone knows, so that an unknown email costs the
 * same time as a known one with a wrong password.
 */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await dummy, password);
}
