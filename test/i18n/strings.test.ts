import { describe, expect, it } from 'vitest';
import { dir, isMessageKey, keysUnder, locales, messages, negotiateLocale, pluralStems, translator } from '#src/i18n/index.ts';

const pluralSuffix = /\.(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(pluralSuffix, '');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(locales.filter((l) => l !== 'en'))('UI strings in %s', (locale) => {
  const table = messages[locale];
  const english = messages.en;

  it('has every key of the English strings', () => {
    const have = new Set(Object.keys(table).map(baseKey));
    const missing = [...new Set(Object.keys(english).map(baseKey))].filter((key) => !have.has(key));
    expect(missing).toEqual([]);
  });

  it('has no key the English strings lack', () => {
    const known = new Set(Object.keys(english).map(baseKey));
    expect(
      Object.keys(table)
        .map(baseKey)
        .filter((key) => !known.has(key)),
    ).toEqual([]);
  });

  it('keeps the placeholders of each English string', () => {
    const wrong = Object.entries(table).filter(([key, text]) => {
      const source = english[key] ?? english[`${baseKey(key)}.other`];
      // A plural form may say the number in words ("يومان", two days) and leave out {count}.
      const ignore = pluralSuffix.test(key) ? (name: string | undefined) => name !== 'count' : () => true;
      return source !== undefined && placeholders(source).filter(ignore).join() !== placeholders(text).filter(ignore).join();
    });
    expect(wrong.map(([key]) => key)).toEqual([]);
  });

  it('has a form for every plural category the language uses', () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const plural = [
      ...new Set(
        Object.keys(english)
          .filter((k) => pluralSuffix.test(k))
          .map(baseKey),
      ),
    ];
    const missing = plural.flatMap((key) =>
      categories.filter((c) => table[`${key}.${c}`] === undefined && table[`${key}.other`] === undefined).map((c) => `${key}.${c}`),
    );
    expect(missing).toEqual([]);
  });

  it('is translated, not a copy of the English', () => {
    const same = Object.keys(english).filter((key) => table[key] === english[key] && /[a-z]{4}/.test(english[key]!));
    // A few strings may legitimately be identical (names, "Fax"); most must differ.
    expect(same.length).toBeLessThan(Object.keys(english).length * 0.1);
  });
});

describe('locale negotiation', () => {
  it.each([
    [null, 'en'],
    ['', 'en'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['de-DE,de;q=0.9', 'en'],
    ['de;q=1, hu;q=0.5', 'hu'],
    ['en;q=0.2, ar;q=0.9', 'ar'],
    ['*', 'en'],
    ['hu;q=0, fr', 'fr'],
  ])('Accept-Language %j gives %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(locales.map((l) => [l, dir(l)])).toEqual([
      ['en', 'ltr'],
      ['hu', 'ltr'],
      ['fr', 'ltr'],
      ['ar', 'rtl'],
    ]);
  });
});

describe('translator', () => {
  it('chooses the plural form of the locale', () => {
    const t = translator('en');
    expect(t('unit.businessDays', { count: 1 })).toBe('1 business day');
    expect(t('unit.businessDays', { count: 10 })).toBe('10 business days');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('org.title', { name: 'X' })).toBe('How to complain to X');
    expect(t('org.title')).toBe('How to complain to {name}');
  });

  it('returns an unknown key as is so that it shows in review', () => {
    // Typed code cannot ask for it; an .astro page, which tsc does not check, still can.
    // @ts-expect-error a key the strings lack
    expect(translator('hu')('no.such.key')).toBe('no.such.key');
  });

  it('names a group of strings without its prefix', () => {
    const k = keysUnder('mail.caseUpdate');
    expect(k('subject.closed')).toBe('mail.caseUpdate.subject.closed');
    // @ts-expect-error not a key under the prefix
    k('no.such.key');
  });
});

describe('message keys from data', () => {
  it.each([
    ['contact.kind.phone', true],
    ['unit.hours', true],
    ['unit.hours.one', true],
    ['contact.kind.fortnight', false],
    ['contact.kind', false],
    ['formats.format', false],
    ['', false],
    [42, false],
  ])('%j is a message key: %s', (key, expected) => {
    expect(isMessageKey(key)).toBe(expected);
  });
});

describe.each(locales)('the %s strings', (locale) => {
  const table = messages[locale];
  const categories = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
  const stemOf = (key: string) => {
    const dot = key.lastIndexOf('.');
    return dot > 0 && pluralStems.has(key.slice(0, dot)) ? key.slice(0, dot) : null;
  };

  it('have exactly the English keys that are not plural', () => {
    const plain = (keys: string[]) => keys.filter((key) => stemOf(key) === null).sort();
    expect(plain(Object.keys(table))).toEqual(plain(Object.keys(messages.en)));
  });

  it('have every English plural, with an `other` form and only the forms the language uses', () => {
    const stems = new Set(
      Object.keys(table)
        .map(stemOf)
        .filter((stem) => stem !== null),
    );
    expect([...stems].sort()).toEqual([...pluralStems].sort());
    expect([...pluralStems].filter((stem) => table[`${stem}.other`] === undefined)).toEqual([]);
    expect(Object.keys(table).filter((key) => stemOf(key) !== null && !categories.has(key.slice(key.lastIndexOf('.') + 1)))).toEqual([]);
  });
});
