import { describe, expect, it } from 'vitest';
import { checkSymbol, crockford, generateReference, normaliseReference, parseReference } from '#src/cases/reference.ts';

const shape = /^[A-Z]{2,4}-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';
const everyCharacter = letters + digits;

function randomPrefix(): string {
  const length = 2 + Math.floor(Math.random() * 3);
  return Array.from({ length }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}

/** Many references over every prefix length, including prefixes with I, L, O and U. */
const samples = [
  ...['OPX', 'OTZ', 'OPUS', 'IO', 'LU', 'ZZZZ'].map((prefix) => generateReference(prefix, 2026)),
  ...Array.from({ length: 300 }, (_, i) => generateReference(randomPrefix(), 1990 + (i % 60))),
];

const compact = (reference: string) => reference.replace(/-/g, '');

describe('generateReference', () => {
  it('writes PREFIX-YYYY-XXXX-XXXX with Crockford symbols', () => {
    for (const reference of samples) expect(reference).toMatch(shape);
    expect(generateReference('OTZ', 2026)).toMatch(/^OTZ-2026-/);
  });

  it('gives references that parse back to their prefix and year', () => {
    expect(parseReference(generateReference('OPUS', 2031))).toMatchObject({ ok: true, prefix: 'OPUS', year: 2031 });
  });

  it('draws the random part afresh each time', () => {
    const many = new Set(Array.from({ length: 5000 }, () => generateReference('OPX', 2026)));
    expect(many.size).toBe(5000);
  });

  it('uses every Crockford symbol in the random part', () => {
    const seen = new Set(samples.flatMap((reference) => [...compact(reference).slice(-8, -1)]));
    expect([...crockford].filter((symbol) => !seen.has(symbol))).toEqual([]);
  });

  it.each([
    ['a lower-case prefix', 'opx', 2026],
    ['a one-letter prefix', 'O', 2026],
    ['a five-letter prefix', 'ABCDE', 2026],
    ['a prefix with a digit', 'OP1', 2026],
    ['a three-digit year', 'OPX', 999],
    ['a fractional year', 'OPX', 2026.5],
  ])('refuses %s as a configuration mistake', (_case, prefix, year) => {
    expect(() => generateReference(prefix as string, year as number)).toThrow();
  });
});

describe('the check symbol', () => {
  it('catches every single-character substitution anywhere in the reference', () => {
    let tried = 0;
    for (const reference of samples) {
      const original = compact(reference);
      for (let position = 0; position < original.length; position++) {
        for (const replacement of everyCharacter) {
          if (replacement === original[position]) continue;
          const typo = original.slice(0, position) + replacement + original.slice(position + 1);
          // O, I and L in the random part are read as 0 and 1: the same reference, not a typo.
          if (normaliseReference(typo) === reference) continue;
          tried++;
          const result = parseReference(typo);
          expect(result.ok, `${typo} (from ${reference})`).toBe(false);
        }
      }
    }
    expect(tried).toBeGreaterThan(samples.length * 400);
  });

  it('catches every swap of two different neighbouring characters', () => {
    let tried = 0;
    for (const reference of samples) {
      const original = compact(reference);
      for (let position = 0; position + 1 < original.length; position++) {
        const [a, b] = [original[position], original[position + 1]];
        if (a === b) continue;
        const swapped = original.slice(0, position) + b + a + original.slice(position + 2);
        tried++;
        expect(parseReference(swapped).ok, `${swapped} (from ${reference})`).toBe(false);
      }
    }
    expect(tried).toBeGreaterThan(samples.length * 10);
  });

  it('reports a typo in the digits as a checksum failure, not a format one', () => {
    const reference = generateReference('OPX', 2026);
    const typo = reference.replace('2026', '2027');
    expect(parseReference(typo)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('is a Crockford symbol computed over the whole reference', () => {
    const body = compact(generateReference('OTZ', 2026)).slice(0, -1);
    expect(crockford).toContain(checkSymbol(body));
    expect(checkSymbol(body)).not.toBe(checkSymbol(`OTY${body.slice(3)}`));
  });
});

describe('normaliseReference', () => {
  const reference = generateReference('OIL', 2026);
  const tail = compact(reference).slice(-8);

  it.each([
    ['lower case', reference.toLowerCase()],
    ['spaces instead of dashes', reference.replace(/-/g, ' ')],
    ['no separators', compact(reference)],
    ['en and em dashes', reference.replace('-', '\u2013').replace('-', '\u2014')],
    ['a minus sign and a non-breaking hyphen', reference.replace('-', '\u2212').replace('-', '\u2011')],
    ['surrounding and extra spaces', `  ${reference.replace(/-/g, ' - ')}\t`],
    ['full-width characters', reference.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
    ['Arabic-Indic digits in the year', reference.replace('2026', '٢٠٢٦')],
  ])('reads %s', (_case, input) => {
    expect(normaliseReference(input)).toBe(reference);
  });

  it('reads O as 0 and I or L as 1 in the random part only', () => {
    const withZeroAndOne = `OIL-2026-0101-${tail.slice(4)}`;
    expect(normaliseReference('oil-2026-OiOl-' + tail.slice(4))).toBe(withZeroAndOne);
    expect(normaliseReference(reference)!.startsWith('OIL-')).toBe(true);
  });

  it.each([
    ['a U in the random part', `OPX-2026-U000-0000`],
    ['a random part one symbol short', 'OPX-2026-0000-000'],
    ['a random part one symbol long', 'OPX-2026-0000-00000'],
    ['a five-letter prefix', 'ABCDE-2026-0000-0000'],
    ['a one-letter prefix', 'A-2026-0000-0000'],
    ['a digit in the prefix', 'O0X-2026-0000-0000'],
    ['a letter O in the year', 'OPX-2O26-0000-0000'],
    ['punctuation', 'OPX/2026/0000/0000'],
    ['nothing', ''],
  ])('rejects %s', (_case, input) => {
    expect(normaliseReference(input)).toBeNull();
    expect(parseReference(input)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('parseReference', () => {
  it('gives the canonical reference, its prefix and year', () => {
    const reference = generateReference('OPUS', 2026);
    expect(parseReference(` ${reference.toLowerCase().replace(/-/g, ' ')} `)).toEqual({ ok: true, reference, prefix: 'OPUS', year: 2026 });
  });
});
