/**
 * A staff email address as stored: trimmed and lower-cased, or null when it does not look
 * like an address (one @, something on both sides, a dot in the domain, no spaces).
 */
export function normaliseEmail(input: string): string | null {
  const email = input.normalize('NFKC').trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return null;
  return email;
}
