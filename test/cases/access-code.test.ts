import { describe, expect, it } from 'vitest';
import { generateAccessCode, hashAccessCode, normaliseAccessCode, verifyAccessCode } from '#src/cases/access-code.ts';
import { generateToken, hashToken } from '#src/auth/session.ts';

const shape = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('generateAccessCode', () => {
  it('writes 12 Crockford symbols (60 bits) as XXXX-XXXX-XXXX', () => {
    for (let i = 0; i < 200; i++) expect(generateAccessCode()).toMatch(shape);
  });

  it('never repeats itself in practice', () => {
    expect(new Set(Array.from({ length: 10_000 }, generateAccessCode)).size).toBe(10_000);
  });

  it('uses every symbol about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const symbol of generateAccessCode().replace(/-/g, '')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 48,000 symbols: 1,500 expected each; a fair source stays well inside ±20 %.
    for (const count of counts.values()) expect(Math.abs(count - 1500)).toBeLessThan(300);
  });
});

describe('normaliseAccessCode', () => {
  it.each([
    ['abcd-efgh-jkmn', 'ABCDEFGHJKMN'],
    [' ABCD EFGH JKMN ', 'ABCDEFGHJKMN'],
    ['ABCD\u2013EFGH\u2014JKMN', 'ABCDEFGHJKMN'],
    ['OOOO-IIII-LLLL', '000011111111'],
  ])('reads %j as %s', (input, expected) => {
    expect(normaliseAccessCode(input)).toBe(expected);
  });

  it.each([
    ['too short', 'ABCD-EFGH-JKM'],
    ['too long', 'ABCD-EFGH-JKMNP'],
    ['a U', 'ABCD-EFGH-JKMU'],
    ['punctuation', 'ABCD.EFGH.JKMN'],
  ])('rejects a code %s', (_case, input) => {
    expect(normaliseAccessCode(input)).toBeNull();
  });
});

describe('hashAccessCode and verifyAccessCode', () => {
  it('stores scrypt$N$r$p$salt$hash', async () => {
    expect(await hashAccessCode(generateAccessCode())).toMatch(/^scrypt\$256\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('salts each hash, so one code stored twice looks different', async () => {
    const code = generateAccessCode();
    expect(await hashAccessCode(code)).not.toBe(await hashAccessCode(code));
  });

  it('accepts the code as the complainant may type it', async () => {
    const code = '0O1L-ABCD-EFGH';
    const stored = await hashAccessCode(code);
    for (const typed of ['0O1L-ABCD-EFGH', '001l-abcd-efgh', '0011 abcd efgh', 'OO11ABCDEFGH', '0011\u2013ABCD\u2013EFGH']) {
      expect(await verifyAccessCode(typed, stored), typed).toBe(true);
    }
  });

  it('refuses another code, one symbol off', async () => {
    const stored = await hashAccessCode('ABCD-EFGH-JKMN');
    expect(await verifyAccessCode('ABCD-EFGH-JKMP', stored)).toBe(false);
    expect(await verifyAccessCode('', stored)).toBe(false);
  });

  it.each([
    ['an empty value', ''],
    ['another scheme', 'bcrypt$10$abc'],
    ['a missing part', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA'],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$' + 'A'.repeat(43)],
    ['an absurd cost', 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA$' + 'A'.repeat(43)],
    ['a hash that is too short', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAA'],
  ])('treats %s as stored value as no match', async (_case, stored) => {
    expect(await verifyAccessCode('ABCD-EFGH-JKMN', stored)).toBe(false);
  });

  it('refuses to hash something that is not an access code', async () => {
    await expect(hashAccessCode('password')).rejects.toThrow();
  });

  it('hashes fast enough for 200 submissions a second on two cores', async () => {
    const codes = Array.from({ length: 100 }, generateAccessCode);
    const started = performance.now();
    await Promise.all(codes.map(hashAccessCode));
    const perHash = (performance.now() - started) / codes.length;
    // Two cores give 10 ms per submission at 200/s; hashing must be a small part of that.
    // Generous bound: test machines are noisy.
    expect(perHash).toBeLessThan(10);
  });
});

describe('tokens for single-purpose links', () => {
  it('have 256 bits by default, in base64url', () => {
    expect(generateToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('have at least 128 bits', () => {
    expect(generateToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(() => generateToken(15)).toThrow();
  });

  it('are different every time', () => {
    expect(new Set(Array.from({ length: 1000 }, () => generateToken())).size).toBe(1000);
  });

  it('hash to the same SHA-256 every time, and differently from each other', () => {
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
