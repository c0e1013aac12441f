import { describe, expect, it } from 'vitest';
import { locales, translator, type Locale } from '#src/i18n/index.ts';
import { generateReference } from '#src/cases/reference.ts';
import { formatRequestFields, offeredFormats, validateFormatRequest, type RequestFormat } from '#src/formats/index.ts';
import { listOrganisations, getOrganisation } from '#src/content/index.ts';

const full: RequestFormat[] = ['braille', 'largePrint', 'audio', 'otherLanguage', 'postedCopy', 'other'];
const onlyOther: RequestFormat[] = ['other'];
const address = { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' };
const valid = { subject: 'code', format: 'audio', delivery: 'email', name: 'Ann Reader', email: 'ann@example.org' };

function check(formats: RequestFormat[], input: Record<string, unknown>, lang: Locale = 'en') {
  const t = translator(lang);
  return validateFormatRequest(formats, formatRequestFields(formats, t, lang), input as never, t);
}
const errorKeys = (result: ReturnType<typeof check>) => (result.ok ? [] : result.errors.map((e) => e.key));

describe('the formats an organisation offers', () => {
  it('lists its formats once each in content order, its posted copy when it has one, then another format', () => {
    expect(
      offeredFormats({
        accessibleFormats: [{ format: 'largePrint' }, { format: 'braille' }, { format: 'largePrint' }, { format: 'smoke signals' }],
        freePostedCopy: { available: true },
      }),
    ).toEqual(['largePrint', 'braille', 'postedCopy', 'other']);
  });

  it('offers only another format when the content lists nothing', () => {
    expect(offeredFormats({ accessibleFormats: null, freePostedCopy: { available: false } })).toEqual(['other']);
  });

  it('matches every organisation of the content', async () => {
    for (const summary of await listOrganisations()) {
      const org = await getOrganisation(summary.slug!);
      const formats = offeredFormats(org!);
      expect(formats.at(-1)).toBe('other');
      expect(formats.includes('postedCopy')).toBe(Boolean(org!.freePostedCopy?.available));
      expect(formats.length).toBe((org!.accessibleFormats ?? []).length + (org!.freePostedCopy?.available ? 1 : 0) + 1);
    }
  });
});

describe('the request form', () => {
  it('asks the format among what is offered', () => {
    const format = formatRequestFields(full, translator('en'), 'en').find((f) => f.key === 'format');
    expect(format?.options?.map((o) => o.value)).toEqual(full);
  });

  it('does not ask the format when another format is all there is, and then needs it described', () => {
    const fields = formatRequestFields(onlyOther, translator('en'), 'en');
    expect(fields.some((f) => f.key === 'format')).toBe(false);
    expect(errorKeys(check(onlyOther, { ...valid, format: undefined }))).toEqual(['details']);
    const ok = check(onlyOther, { ...valid, format: 'braille', details: 'Braille grade 2' });
    expect(ok.ok && ok.data.format).toBe('other');
  });

  it('accepts a valid request and keeps only what it needs', () => {
    const result = check(full, { ...valid, caseReference: 'ignored: not about a case', phone: '' });
    expect(result).toEqual({
      ok: true,
      data: {
        subject: 'code',
        caseReference: null,
        format: 'audio',
        details: null,
        delivery: 'email',
        name: 'Ann Reader',
        email: 'ann@example.org',
        phone: null,
        postalAddress: null,
        notes: null,
      },
    });
  });

  it('reads a case reference in its canonical form, whatever its case and dashes', () => {
    const reference = generateReference('OPX', 2026);
    const result = check(full, { ...valid, subject: 'caseLetter', caseReference: ` ${reference.toLowerCase().replace(/-/g, ' ')} ` });
    expect(result.ok && result.data.caseReference).toBe(reference);
  });

  it.each([
    ['nothing at all', {}, ['subject', 'format', 'delivery', 'name']],
    ['a letter without its reference', { ...valid, subject: 'caseLetter' }, ['caseReference']],
    ['a reference of the wrong shape', { ...valid, subject: 'caseLetter', caseReference: '12345' }, ['caseReference']],
    ['Braille by email', { ...valid, format: 'braille' }, ['delivery']],
    ['a posted copy by email', { ...valid, format: 'postedCopy' }, ['delivery']],
    ['email delivery without an email address', { ...valid, email: undefined }, ['email']],
    ['post without an address', { ...valid, delivery: 'post', format: 'largePrint' }, ['postalAddress.line1', 'postalAddress.town', 'postalAddress.postcode']],
    ['another language without saying which', { ...valid, format: 'otherLanguage' }, ['details']],
    ['a format the organisation does not offer', { ...valid, format: 'easyRead' }, ['format']],
    ['a broken email address', { ...valid, email: 'ann@' }, ['email']],
  ])('refuses %s, each problem against its question, in question order', (_, input, keys) => {
    expect(errorKeys(check(full, input))).toEqual(keys);
  });

  it('catches a mistyped reference by its check symbol, without looking it up', () => {
    const reference = generateReference('OPX', 2026);
    const last = reference.at(-1)!;
    const typo = reference.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const t = translator('en');
    const result = check(full, { ...valid, subject: 'caseLetter', caseReference: typo });
    expect(result.ok ? [] : result.errors).toEqual([{ key: 'caseReference', message: t('formats.field.caseReference.error.checksum') }]);
  });

  it('reports every problem at once: the question checks and the rules between answers', () => {
    expect(errorKeys(check(full, { subject: 'caseLetter', caseReference: 'nope', format: 'braille', delivery: 'email' }))).toEqual([
      'caseReference',
      'delivery',
      'name',
      'email',
    ]);
  });

  it('accepts post with an address and no email', () => {
    const result = check(full, { subject: 'code', format: 'braille', delivery: 'post', name: 'Ann', postalAddress: address });
    expect(result.ok && result.data.postalAddress).toEqual(address);
  });

  it.each(locales)('says what to do in %s, in that language', (lang) => {
    const t = translator(lang);
    const result = check(full, { ...valid, format: 'braille', name: '' }, lang);
    expect(result.ok ? [] : result.errors).toEqual([
      { key: 'delivery', message: t('formats.field.delivery.errorPostOnly', { format: t('format.braille') }) },
      { key: 'name', message: t('field.name.errorRequired') },
    ]);
    if (lang !== 'en')
      expect(result.ok ? '' : result.errors[0]!.message).not.toBe(translator('en')('formats.field.delivery.errorPostOnly', { format: 'Braille' }));
  });
});
