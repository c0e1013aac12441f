import { describe, expect, it } from 'vitest';
import { translator } from '#src/i18n/index.ts';
import { buildSubmissionSchema } from '#src/forms/submission-schema.ts';
import { validateSubmission } from '#src/forms/validate.ts';
import type { FormField, FormInput, FormValues } from '#src/forms/types.ts';

const en = translator('en');

const field = (overrides: Partial<FormField> & Pick<FormField, 'key' | 'type'>): FormField => ({
  label: 'Account number',
  labelLang: 'en',
  required: false,
  standard: false,
  ...overrides,
});

const options = (...values: string[]) => values.map((value) => ({ value, label: value, lang: 'en' }));

interface Row {
  rule: string;
  field: FormField;
  value: FormValues[string] | undefined;
  /** The message shown, or the answer kept when the value is valid. */
  error?: string;
  kept?: FormValues[string] | null;
}

const rows: Row[] = [
  // text
  { rule: 'a required text answer must be given', field: field({ key: 'a', type: 'text', required: true }), value: undefined, error: 'Enter account number' },
  {
    rule: 'a text answer of only spaces counts as not given',
    field: field({ key: 'a', type: 'text', required: true }),
    value: '   ',
    error: 'Enter account number',
  },
  { rule: 'a text answer is trimmed', field: field({ key: 'a', type: 'text' }), value: '  12 ', kept: '12' },
  { rule: 'an empty optional answer is left out', field: field({ key: 'a', type: 'text' }), value: '', kept: null },
  { rule: 'a text answer may be as long as the maximum', field: field({ key: 'a', type: 'text', maxLength: 5 }), value: 'abcde', kept: 'abcde' },
  {
    rule: 'a text answer longer than the maximum is refused',
    field: field({ key: 'a', type: 'text', maxLength: 5 }),
    value: 'abcdef',
    error: 'Account number must be 5 characters or fewer',
  },
  { rule: 'length counts characters, not UTF-16 units', field: field({ key: 'a', type: 'text', maxLength: 2 }), value: '😀😀', kept: '😀😀' },
  {
    rule: 'a maximum of one says character',
    field: field({ key: 'a', type: 'text', maxLength: 1 }),
    value: 'ab',
    error: 'Account number must be 1 character or fewer',
  },
  {
    rule: 'a text question without a maximum still has one',
    field: field({ key: 'a', type: 'text' }),
    value: 'x'.repeat(501),
    error: 'Account number must be 500 characters or fewer',
  },
  {
    rule: 'a pattern must match the whole value',
    field: field({ key: 'a', type: 'text', pattern: '[0-9]+' }),
    value: '12a',
    error: 'Enter account number in the correct format',
  },
  { rule: 'a value matching the pattern is kept', field: field({ key: 'a', type: 'text', pattern: '[0-9]+' }), value: '0123', kept: '0123' },
  {
    rule: 'an alternation in a pattern still covers the whole value',
    field: field({ key: 'a', type: 'text', pattern: 'AB|CD' }),
    value: 'ABX',
    error: 'Enter account number in the correct format',
  },
  {
    rule: 'the organisation’s pattern message is used when given',
    field: field({ key: 'a', type: 'text', pattern: '[0-9]+', patternMessage: 'Digits only.' }),
    value: 'x',
    error: 'Digits only.',
  },
  {
    rule: 'a label that is a question asks for an answer',
    field: field({ key: 'a', type: 'text', required: true, label: 'Where did it happen?' }),
    value: undefined,
    error: 'Answer the question: Where did it happen?',
  },
  {
    rule: 'an abbreviation at the start of a label keeps its capitals',
    field: field({ key: 'a', type: 'text', required: true, label: 'ID card number' }),
    value: undefined,
    error: 'Enter ID card number',
  },
  // textarea
  { rule: 'a textarea keeps its line breaks as \\n', field: field({ key: 'a', type: 'textarea' }), value: 'one\r\ntwo\rthree', kept: 'one\ntwo\nthree' },
  {
    rule: 'a textarea longer than its maximum is refused',
    field: field({ key: 'a', type: 'textarea', label: 'Details', maxLength: 10 }),
    value: 'x'.repeat(11),
    error: 'Details must be 10 characters or fewer',
  },
  // email
  {
    rule: 'an email address needs an @ and a domain',
    field: field({ key: 'e', type: 'email', label: 'Email of your agent' }),
    value: 'name.example.com',
    error: 'Enter email of your agent in the correct format, like name@example.com',
  },
  {
    rule: 'an email address needs a dot in the domain',
    field: field({ key: 'e', type: 'email', label: 'Email of your agent' }),
    value: 'name@example',
    error: 'Enter email of your agent in the correct format, like name@example.com',
  },
  {
    rule: 'an email address may not contain spaces',
    field: field({ key: 'e', type: 'email', label: 'Email of your agent' }),
    value: 'na me@example.com',
    error: 'Enter email of your agent in the correct format, like name@example.com',
  },
  { rule: 'an email address with accents is accepted', field: field({ key: 'e', type: 'email' }), value: 'józsef@példa.hu', kept: 'józsef@példa.hu' },
  // tel
  {
    rule: 'a phone number may have spaces, +, - and brackets',
    field: field({ key: 't', type: 'tel', label: 'Mobile' }),
    value: '+44 (0)20 7946-0958',
    kept: '+44 (0)20 7946-0958',
  },
  {
    rule: 'a phone number may not contain letters',
    field: field({ key: 't', type: 'tel', label: 'Mobile' }),
    value: '0800 FLOWERS',
    error: 'Enter mobile as a phone number, like 01632 960 001 or +44 808 157 0192',
  },
  {
    rule: 'a phone number needs at least 6 digits',
    field: field({ key: 't', type: 'tel', label: 'Mobile' }),
    value: '12 34',
    error: 'Enter mobile as a phone number, like 01632 960 001 or +44 808 157 0192',
  },
  {
    rule: 'a phone number has at most 20 digits',
    field: field({ key: 't', type: 'tel', label: 'Mobile' }),
    value: '123456789012345678901',
    error: 'Enter mobile as a phone number, like 01632 960 001 or +44 808 157 0192',
  },
  // select, radio
  {
    rule: 'a required select needs a choice',
    field: field({ key: 's', type: 'select', required: true, label: 'Service concerned', options: options('a', 'b') }),
    value: undefined,
    error: 'Select service concerned',
  },
  {
    rule: 'a select answer must be one of its options',
    field: field({ key: 's', type: 'select', label: 'Service concerned', options: options('a', 'b') }),
    value: 'c',
    error: 'Select service concerned',
  },
  { rule: 'a select answer among the options is kept', field: field({ key: 's', type: 'select', options: options('a', 'b') }), value: 'b', kept: 'b' },
  {
    rule: 'a radio question asks for an answer',
    field: field({ key: 'r', type: 'radio', required: true, label: 'Are you acting for someone?', options: options('yes', 'no') }),
    value: undefined,
    error: 'Answer the question: Are you acting for someone?',
  },
  {
    rule: 'a radio answer must be one of its options',
    field: field({ key: 'r', type: 'radio', label: 'Are you acting for someone?', options: options('yes', 'no') }),
    value: 'maybe',
    error: 'Answer the question: Are you acting for someone?',
  },
  // checkbox
  {
    rule: 'a checkbox question keeps every value ticked',
    field: field({ key: 'c', type: 'checkbox', options: options('a', 'b', 'c') }),
    value: ['a', 'c'],
    kept: ['a', 'c'],
  },
  {
    rule: 'a checkbox question keeps a single value as a list',
    field: field({ key: 'c', type: 'checkbox', options: options('a', 'b') }),
    value: 'b',
    kept: ['b'],
  },
  {
    rule: 'a checkbox value that is not an option is refused',
    field: field({ key: 'c', type: 'checkbox', label: 'Services', options: options('a', 'b') }),
    value: ['a', 'z'],
    error: 'Select services',
  },
  {
    rule: 'a required checkbox question needs a tick',
    field: field({ key: 'c', type: 'checkbox', required: true, label: 'Services', options: options('a', 'b') }),
    value: [],
    error: 'Select services',
  },
  {
    rule: 'a single required checkbox must be ticked',
    field: field({ key: 'c', type: 'checkbox', required: true, label: 'I have read the privacy notice' }),
    value: undefined,
    error: 'Tick the box to confirm: I have read the privacy notice',
  },
  { rule: 'a single ticked checkbox is kept as yes', field: field({ key: 'c', type: 'checkbox' }), value: 'on', kept: 'yes' },
  // date
  { rule: 'a date is kept as YYYY-MM-DD', field: field({ key: 'd', type: 'date' }), value: '2024-02-29', kept: '2024-02-29' },
  {
    rule: 'a date must exist in the calendar',
    field: field({ key: 'd', type: 'date', label: 'Date of the visit' }),
    value: '2026-02-29',
    error: 'Date of the visit must be a real date, like 2026-03-27',
  },
  {
    rule: 'a date must be written YYYY-MM-DD',
    field: field({ key: 'd', type: 'date', label: 'Date of the visit' }),
    value: '27/03/2026',
    error: 'Date of the visit must be a real date, like 2026-03-27',
  },
  {
    rule: 'a required date must be given',
    field: field({ key: 'd', type: 'date', required: true, label: 'Date of the visit' }),
    value: undefined,
    error: 'Enter date of the visit',
  },
  // file
  {
    rule: 'a required file question needs a file',
    field: field({ key: 'f', type: 'file', required: true, label: 'Authorisation', maxFiles: 2 }),
    value: undefined,
    error: 'Upload authorisation',
  },
  {
    rule: 'a file question keeps the ids of the uploaded files',
    field: field({ key: 'f', type: 'file', maxFiles: 2 }),
    value: ['u1', 'u2'],
    kept: ['u1', 'u2'],
  },
  {
    rule: 'a file question refuses more files than allowed',
    field: field({ key: 'f', type: 'file', label: 'Photos', maxFiles: 2 }),
    value: ['u1', 'u2', 'u3'],
    error: 'Select up to 2 files for photos',
  },
];

describe('a single answer', () => {
  it.each(rows)('$rule', ({ field, value, error, kept }) => {
    const result = validateSubmission([field], value === undefined ? {} : { [field.key]: value }, en);
    if (error) {
      expect(result).toEqual({ ok: false, errors: [{ key: field.key, message: error }] });
    } else {
      expect(result).toEqual({ ok: true, data: kept === null ? {} : { [field.key]: kept } });
    }
  });
});

describe('an address', () => {
  const address = field({ key: 'home', type: 'address', label: 'Home address', required: true });
  const full = { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' };

  it.each([
    { case: 'a full address is kept', value: { ...full, line2: '', country: 'United Kingdom' }, errors: [], kept: { ...full, country: 'United Kingdom' } },
    {
      case: 'a missing required address asks for each needed part',
      value: undefined,
      errors: [
        { key: 'home.line1', message: 'Home address: enter address line 1, typically the building and street' },
        { key: 'home.town', message: 'Home address: enter the town or city' },
        { key: 'home.postcode', message: 'Home address: enter the postcode' },
      ],
    },
    {
      case: 'a missing postcode is asked for on its own',
      value: { line1: '1 High Street', town: 'Leeds' },
      errors: [{ key: 'home.postcode', message: 'Home address: enter the postcode' }],
    },
    {
      case: 'a part longer than its maximum is refused',
      value: { ...full, postcode: 'X'.repeat(21) },
      errors: [{ key: 'home.postcode', message: 'Home address: postcode must be 20 characters or fewer' }],
    },
  ])('$case', ({ value, errors, kept }) => {
    const result = validateSubmission([address], value ? { home: value } : ({} as FormInput), en);
    expect(result).toEqual(errors.length ? { ok: false, errors } : { ok: true, data: { home: kept } });
  });

  it('leaves out an optional address that was not given', () => {
    expect(validateSubmission([{ ...address, required: false }], {}, en)).toEqual({ ok: true, data: {} });
  });

  it('checks an optional address once any part is given', () => {
    const result = validateSubmission([{ ...address, required: false }], { home: { town: 'Leeds' } }, en);
    expect(result.ok ? [] : result.errors.map((e) => e.key)).toEqual(['home.line1', 'home.postcode']);
  });
});

describe('questions that depend on other answers', () => {
  const onBehalf = field({ key: 'onBehalf', type: 'radio', required: true, label: 'Are you acting for someone?', options: options('yes', 'no') });
  const authorisation = field({
    key: 'authorisation',
    type: 'file',
    required: true,
    label: 'Authorisation',
    maxFiles: 3,
    showIf: { field: 'onBehalf', equals: 'yes' },
  });
  const whose = field({ key: 'whose', type: 'text', required: true, label: 'Their name', showIf: { field: 'authorisation', equals: 'never' } });
  const fields = [onBehalf, authorisation, whose];

  it('validates a shown question', () => {
    expect(validateSubmission(fields, { onBehalf: 'yes' }, en)).toEqual({
      ok: false,
      errors: [{ key: 'authorisation', message: 'Upload a file for “Authorisation”' }],
    });
  });

  it('neither validates nor keeps a question whose condition is not met', () => {
    expect(validateSubmission(fields, { onBehalf: 'no', authorisation: ['u1', 'u2', 'u3', 'u4'] }, en)).toEqual({ ok: true, data: { onBehalf: 'no' } });
  });

  it('hides a question whose controlling question is itself hidden', () => {
    const chain = [
      onBehalf,
      field({ ...authorisation, type: 'text', maxFiles: undefined }),
      field({ ...whose, showIf: { field: 'authorisation', equals: 'x' } }),
    ];
    expect(validateSubmission(chain, { onBehalf: 'no', authorisation: 'x', whose: '' }, en)).toEqual({ ok: true, data: { onBehalf: 'no' } });
  });

  it('treats a condition on a checkbox question as met when the value is ticked', () => {
    const services = field({ key: 'services', type: 'checkbox', options: options('water', 'gas') });
    const meter = field({ key: 'meter', type: 'text', required: true, label: 'Gas meter number', showIf: { field: 'services', equals: 'gas' } });
    expect(validateSubmission([services, meter], { services: ['water', 'gas'] }, en)).toEqual({
      ok: false,
      errors: [{ key: 'meter', message: 'Answer “Gas meter number”' }],
    });
    expect(validateSubmission([services, meter], { services: ['water'], meter: '1' }, en)).toEqual({ ok: true, data: { services: ['water'] } });
  });

  it('requires an answer when another answer makes it necessary', () => {
    const channel = field({ key: 'channel', type: 'radio', required: true, options: options('post', 'email') });
    const postal = field({ key: 'postal', type: 'address', label: 'Postal address', required: false, requiredIf: [{ field: 'channel', equals: 'post' }] });
    expect(validateSubmission([channel, postal], { channel: 'email' }, en)).toEqual({ ok: true, data: { channel: 'email' } });
    const result = validateSubmission([channel, postal], { channel: 'post' }, en);
    expect(result.ok ? [] : result.errors.map((e) => e.key)).toEqual(['postal.line1', 'postal.town', 'postal.postcode']);
  });

  it('requires one of two answers when neither is given', () => {
    const email = field({ key: 'email', type: 'email', requiredUnless: 'phone', messages: { eitherOr: 'field.email.errorEmailOrPhone' } });
    const phone = field({ key: 'phone', type: 'tel' });
    expect(validateSubmission([email, phone], {}, en)).toEqual({
      ok: false,
      errors: [{ key: 'email', message: 'Enter an email address or a phone number so that we can contact you' }],
    });
    expect(validateSubmission([email, phone], { phone: '01632 960 001' }, en)).toEqual({ ok: true, data: { phone: '01632 960 001' } });
  });
});

describe('a form with several problems', () => {
  it('reports one message per question, in question order', () => {
    const fields = [
      field({ key: 'a', type: 'text', required: true, label: 'First', maxLength: 3 }),
      field({ key: 'b', type: 'email', required: true, label: 'Second' }),
      field({ key: 'c', type: 'text', label: 'Third', maxLength: 2, pattern: '[0-9]+' }),
    ];
    const result = validateSubmission(fields, { c: 'abc', b: 'x', a: '' }, en);
    expect(result).toEqual({
      ok: false,
      errors: [
        { key: 'a', message: 'Enter first' },
        { key: 'b', message: 'Enter second in the correct format, like name@example.com' },
        { key: 'c', message: 'Third must be 2 characters or fewer' },
      ],
    });
  });

  it('drops answers to questions the form does not ask', () => {
    expect(validateSubmission([field({ key: 'a', type: 'text' })], { a: '1', isAdmin: 'yes' }, en)).toEqual({ ok: true, data: { a: '1' } });
  });

  it('does not fail on input that is not a set of answers', () => {
    const { schema } = buildSubmissionSchema([field({ key: 'a', type: 'text', required: true })], en);
    expect(schema.safeParse(null).success).toBe(false);
    expect(schema.safeParse({ a: { nested: true } }).error?.issues.map((i) => i.message)).toEqual(['Enter account number']);
  });
});

describe('a mistake in the form definition', () => {
  it('ignores a pattern that is not a valid regular expression and reports it as a warning', () => {
    const broken = field({ key: 'a', type: 'text', pattern: '([0-9]+' });
    const { schema, warnings } = buildSubmissionSchema([broken], en);
    expect(warnings).toEqual([{ key: 'a', message: expect.stringContaining('not a valid regular expression') }]);
    expect(schema.safeParse({ a: 'anything' })).toMatchObject({ success: true, data: { a: 'anything' } });
  });

  it('accepts a pattern that is valid only without the unicode flag', () => {
    const { schema, warnings } = buildSubmissionSchema([field({ key: 'a', type: 'text', pattern: '\\_[a-z]+' })], en);
    expect(warnings).toEqual([]);
    expect(schema.safeParse({ a: '_abc' }).success).toBe(true);
    expect(schema.safeParse({ a: 'abc' }).success).toBe(false);
  });

  it('shows a question whose condition names no question, and warns', () => {
    const orphan = field({ key: 'a', type: 'text', required: true, showIf: { field: 'nowhere', equals: 'x' } });
    const { schema, warnings } = buildSubmissionSchema([orphan], en);
    expect(warnings.map((w) => w.key)).toEqual(['a']);
    expect(schema.safeParse({}).success).toBe(false);
  });
});

describe.each([
  ['hu', 'Adja meg a következőt: ügyfélszám', 'Ügyfélszám: legfeljebb 5 karakter lehet'],
  ['fr', 'Renseignez le champ « ügyfélszám »', '« Ügyfélszám » doit comporter au maximum 5 caractères'],
  ['ar', 'أدخل «ügyfélszám»', 'يجب ألا يزيد «ügyfélszám» على 5 أحرف'],
] as const)('messages in %s', (lang, required, tooLong) => {
  const t = translator(lang);
  const account = field({ key: 'a', type: 'text', required: true, maxLength: 5, label: 'Ügyfélszám', labelLang: 'hu' });

  it('say what to do and name the question', () => {
    expect(validateSubmission([account], {}, t)).toEqual({ ok: false, errors: [{ key: 'a', message: required }] });
    expect(validateSubmission([account], { a: '123456' }, t)).toEqual({ ok: false, errors: [{ key: 'a', message: tooLong }] });
  });
});
