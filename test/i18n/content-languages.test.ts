import { describe, expect, it } from 'vitest';
import { canonicalLanguageTag, dir, interfaceLocale, messages } from '#src/i18n/index.ts';
import { formatDateTime } from '#src/i18n/format.ts';
import { addressLines } from '#src/forms/address-format.ts';
import { exampleReference, parseReference } from '#src/cases/reference.ts';

describe('content languages beside the interface languages', () => {
  it.each([
    ['cy', 'en'],
    ['de-AT', 'en'],
    ['fr-BE', 'fr'],
    ['ar-TN', 'ar'],
    ['hu', 'hu'],
    ['not a tag', 'en'],
  ])('shows %s content with the interface in %s', (language, ui) => {
    expect(interfaceLocale(language)).toBe(ui);
  });

  it.each([
    ['en-gb', 'en-GB'],
    ['iw', 'he'],
    ['cy', 'cy'],
    ['de_AT', null],
    ['no-such-page', null],
  ])('reads %s as the BCP 47 tag %s', (value, canonical) => {
    expect(canonicalLanguageTag(value)).toBe(canonical);
  });

  it.each([
    ['cy', 'ltr'],
    ['ur', 'rtl'],
    ['he', 'rtl'],
    ['ks-Arab', 'rtl'],
    ['az-Latn', 'ltr'],
  ])('writes %s %s', (language, direction) => {
    expect(dir(language)).toBe(direction);
  });
});

describe('presentation', () => {
  it('says the year of a date in another year, and not of one in this year', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(formatDateTime(new Date('2027-01-08T10:00:00Z'), 'en-GB', 'Europe/London', false, now)).toContain('2027');
    expect(formatDateTime(new Date('2026-12-08T10:00:00Z'), 'en-GB', 'Europe/London', false, now)).not.toContain('2026');
  });

  it.each([
    ['HU', ['Fő utca 1.', '4002 Debrecen']],
    ['AT', ['Fő utca 1.', '4002 Debrecen']],
    ['GB', ['Fő utca 1.', 'Debrecen', '4002']],
    ['US', ['Fő utca 1.', 'Debrecen 4002']],
  ])('writes an address in the order of %s', (country, lines) => {
    expect(addressLines({ line1: 'Fő utca 1.', town: 'Debrecen', postcode: '4002' }, country)).toEqual(lines);
  });

  it('makes an example reference with the organisation’s prefix that passes the reference check', () => {
    const example = exampleReference('DYD', 2026);
    expect(example.startsWith('DYD-2026-')).toBe(true);
    expect(parseReference(example).ok).toBe(true);
  });

  it('puts a narrow no-break space before : ; ! ? and inside « » in every French string', () => {
    const wrong = Object.entries(messages.fr).filter(([, text]) => /[ \u00a0][:;!?»]|«[ \u00a0]|[^\s\u202f]»|«[^\s\u202f]/.test(text));
    expect(wrong.map(([key]) => key)).toEqual([]);
  });
});
