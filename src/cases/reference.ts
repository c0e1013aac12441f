/**
 * Case references: `PREFIX-YYYY-XXXX-XXXX`.
 *
 * PREFIX is the organisation's reference prefix (2-4 capitals), YYYY the year the case was
 * received in the organisation's time zone, then seven random Crockford base32 symbols and
 * one check symbol. People read references over the phone and copy them from letters, so
 * the check symbol is computed over the whole reference (prefix, year and random part) as
 * a weighted sum in the field GF(32) with weights α^k (α a generator, so the weights are
 * distinct and non-zero):
 * - one character replaced at position k changes the sum by α^k·(a−b) ≠ 0;
 * - two different neighbours a, b swapped at k, k+1 change it by (a−b)·(α^k − α^(k+1)) ≠ 0,
 *   since GF(32) has no zero divisors and the weights differ;
 * so every single substitution and every neighbour swap is caught. (A swap across the
 * prefix/year or year/random boundary puts a letter among digits and fails the format.)
 */

/** Crockford's base32: no I, L, O or U, which are easily confused or spell words. */
export const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const RANDOM_SYMBOLS = 7;

export type ParsedReference = { ok: true; reference: string; prefix: string; year: number } | { ok: false; reason: 'format' | 'checksum' };

/**
 * A new random reference for a case received in `year` by the organisation with `prefix`.
 * Throws on a prefix or year that cannot be right (a configuration mistake, not user input).
 */
export function generateReference(prefix: string, year: number): string {
  if (!/^[A-Z]{2,4}$/.test(prefix)) throw new Error(`A reference prefix is 2 to 4 capital letters A-Z, not ${JSON.stringify(prefix)}.`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`A reference year has four digits, not ${year}.`);
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_SYMBOLS));
  const random = [...bytes].map((byte) => crockford[byte & 31]).join('');
  const body = `${prefix}${year}${random}`;
  return format(body + checkSymbol(body));
}

/**
 * A well-formed reference to show as an example ("For example DYD-2026-AB12-CD3…"): the
 * organisation's own prefix, the year, a fixed random part and its check symbol, so that
 * the example looks like the reader's own and passes the form's check.
 */
export function exampleReference(prefix: string, year: number): string {
  const body = `${/^[A-Z]{2,4}$/.test(prefix) ? prefix : 'REF'}${year}AB12CD3`;
  return format(body + checkSymbol(body));
}

/**
 * The canonical form of a reference as someone typed it, or null when it cannot be one:
 * case does not matter; spaces and dashes (any kind) are ignored; in the random part O is
 * read as 0 and I or L as 1 (the prefix may contain those letters); U is never valid.
 * Arabic-Indic and full-width digits are read as digits. The check symbol is not verified.
 */
export function normaliseReference(input: string): string | null {
  const compact = input
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\s\p{Pd}\u2212\u00ad\u200b-\u200f\u2060\ufeff]/gu, '')
    .toUpperCase();
  const match = /^([A-Z]{2,4})([0-9]{4})([0-9A-Z]{8})$/.exec(compact);
  if (!match) return null;
  const random = match[3]!.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (![...random].every((symbol) => crockford.includes(symbol))) return null;
  return format(`${match[1]}${match[2]}${random}`);
}

/**
 * Reads a reference someone typed: its canonical form, prefix and year, or why it is not
 * one (`format`: not shaped like a reference; `checksum`: a typing mistake somewhere).
 */
export function parseReference(input: string): ParsedReference {
  const reference = normaliseReference(input);
  if (!reference) return { ok: false, reason: 'format' };
  const compact = reference.replace(/-/g, '');
  const body = compact.slice(0, -1);
  if (checkSymbol(body) !== compact.slice(-1)) return { ok: false, reason: 'checksum' };
  const prefix = reference.slice(0, reference.indexOf('-'));
  return { ok: true, reference, prefix, year: Number(compact.slice(prefix.length, prefix.length + 4)) };
}

/** `OPX20267K3QZ9M` → `OPX-2026-7K3Q-Z9M?`: dashes after the prefix, the year and four symbols. */
function format(compact: string): string {
  const prefixLength = compact.length - 12;
  const prefix = compact.slice(0, prefixLength);
  const year = compact.slice(prefixLength, prefixLength + 4);
  const tail = compact.slice(prefixLength + 4);
  return `${prefix}-${year}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/**
 * The check symbol of a reference body (prefix, year, random symbols, no dashes). The
 * check symbol's own weight is α^0 = 1, so it equals the weighted sum of the rest
 * (in characteristic 2, subtraction is addition), and a valid reference sums to zero.
 */
export function checkSymbol(body: string): string {
  let sum = 0;
  let weight = 1;
  // Weights from the end: α^1 for the last body symbol, α^2 before it, and so on.
  for (let index = body.length - 1; index >= 0; index--) {
    weight = times(weight, ALPHA);
    sum ^= times(weight, symbolValue(body[index]!));
  }
  return crockford[sum]!;
}

/**
 * The GF(32) value of a character. Digits and Crockford letters take their Crockford
 * value; the four letters Crockford leaves out (only possible in the prefix, where no
 * digit can stand) take 0-3, so distinct characters that can share a position always
 * have distinct values.
 */
function symbolValue(char: string): number {
  const crockfordValue = crockford.indexOf(char);
  if (crockfordValue >= 0) return crockfordValue;
  const extra = 'IOLU'.indexOf(char);
  if (extra >= 0) return extra;
  throw new Error(`Not a reference character: ${char}`);
}

// GF(2^5) modulo the primitive polynomial x^5 + x^2 + 1; x (= 2) generates the
// multiplicative group of order 31, so α^1..α^31 are distinct (references use at most 16).
const MODULUS = 0b100101;
const ALPHA = 2;

function times(a: number, b: number): number {
  let product = 0;
  while (b) {
    if (b & 1) product ^= a;
    b >>= 1;
    a <<= 1;
    if (a & 0b100000) a ^= MODULUS;
  }
  return product;
}
