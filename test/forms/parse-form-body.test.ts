import { describe, expect, it } from 'vitest';
import { translator } from '#src/i18n/index.ts';
import { completeForm } from '#src/forms/form-model.ts';
import { parseFormBody, validateSubmission } from '#src/forms/validate.ts';
import type { FormField } from '#src/forms/types.ts';
import { contentForms } from './content-forms.ts';

const field = (key: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  key,
  type,
  label: key,
  labelLang: 'en',
  required: false,
  standard: false,
  ...extra,
});

const options = (...values: string[]) => values.map((value) => ({ value, label: value, lang: 'en' }));

const body = (entries: [string, string | File][]) => {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  return form;
};

describe('parseFormBody', () => {
  it('trims text and turns Windows and old Mac line endings into \\n', () => {
    const { values } = parseFormBody(
      body([
        ['name', '  Ann Smith \n'],
        ['details', '\r\nline one\r\nline two\rthree  '],
      ]),
      [field('name', 'text'), field('details', 'textarea')],
    );
    expect(values).toEqual({ name: 'Ann Smith', details: 'line one\nline two\nthree' });
  });

  it('leaves out empty answers and keys the form does not ask', () => {
    const { values } = parseFormBody(
      body([
        ['name', '   '],
        ['role', 'admin'],
      ]),
      [field('name', 'text')],
    );
    expect(values).toEqual({});
  });

  it('keeps every ticked value of a checkbox question and one value of a single checkbox', () => {
    const fields = [field('services', 'checkbox', { options: options('water', 'gas', 'power') }), field('agree', 'checkbox')];
    const { values } = parseFormBody(
      body([
        ['services', 'water'],
        ['services', 'power'],
        ['agree', 'yes'],
      ]),
      fields,
    );
    expect(values).toEqual({ services: ['water', 'power'], agree: 'yes' });
  });

  it('gathers the parts of an address', () => {
    const { values } = parseFormBody(
      body([
        ['home.line1', ' 1 High Street '],
        ['home.line2', ''],
        ['home.town', 'Leeds'],
        ['home.postcode', 'LS1 1AA'],
      ]),
      [field('home', 'address')],
    );
    expect(values).toEqual({ home: { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' } });
  });

  it('separates chosen files from the ids of files kept from an earlier attempt, ignoring an empty file input', () => {
    const scan = new File([new Uint8Array([1, 2, 3])], 'scan.pdf', { type: 'application/pdf' });
    const nothing = new File([], '', { type: 'application/octet-stream' });
    const { values, files } = parseFormBody(
      body([
        ['attachments', scan],
        ['attachments', nothing],
        ['attachments', 'upload-7'],
      ]),
      [field('attachments', 'file', { maxFiles: 5 })],
    );
    expect(files).toEqual({ attachments: [scan] });
    expect(values).toEqual({ attachments: ['upload-7'] });
  });

  it('keeps an empty file that has a name, so that the complainant hears it is empty', () => {
    const empty = new File([], 'blank.pdf');
    expect(parseFormBody(body([['attachments', empty]]), [field('attachments', 'file')]).files).toEqual({ attachments: [empty] });
  });

  it('reads a posted OPUS TITÁSZ form into answers that validate', () => {
    const form = contentForms().find((f) => f.id === 'form-opus-titasz')!;
    const fields = completeForm(form.definition, { lang: 'hu', fallbacks: form.languages });
    const posted = body([
      ['name', 'Kovács Anna'],
      ['email', 'anna@example.hu'],
      ['phone', '+36 46 123 4567'],
      ['replyChannel', 'post'],
      ['postalAddress.line1', 'Széchenyi utca 5.'],
      ['postalAddress.town', 'Debrecen'],
      ['postalAddress.postcode', '4025'],
      ['category', 'caseHandling'],
      ['customerId', '1234567'],
      ['actingOnBehalf', 'yes'],
      ['authorisation', 'upload-1'],
      ['placeOfUseAddress.line1', 'Fő utca 1.'],
      ['placeOfUseAddress.town', 'Miskolc'],
      ['placeOfUseAddress.postcode', '3525'],
      ['compensationClaim', 'yes'],
      ['description', 'Többször jeleztem a hibát.\r\nNem történt semmi.'],
      ['website', ''],
    ]);
    const { values, files } = parseFormBody(posted, fields);
    expect(files).toEqual({});
    const result = validateSubmission(fields, values, translator('hu'));
    expect(result).toEqual({ ok: true, data: { ...values, description: 'Többször jeleztem a hibát.\nNem történt semmi.' } });
  });
});
