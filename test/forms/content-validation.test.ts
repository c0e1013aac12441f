import { describe, expect, it } from 'vitest';
import { translator, type Locale } from '#src/i18n/index.ts';
import { completeForm } from '#src/forms/form-model.ts';
import { buildSubmissionSchema } from '#src/forms/submission-schema.ts';
import { validateSubmission } from '#src/forms/validate.ts';
import type { FormField, FormInput, FormValues } from '#src/forms/types.ts';
import { contentForms } from './content-forms.ts';

/** A valid answer to any question, found from its definition alone. */
function validAnswer(field: FormField): FormValues[string] {
  switch (field.type) {
    case 'email':
      return 'complainant@example.com';
    case 'tel':
      return '+36 1 234 5678';
    case 'date':
      return '2026-03-27';
    case 'select':
    case 'radio':
      return field.options![0]!.value;
    case 'checkbox':
      return field.options?.length ? [field.options[0]!.value] : 'yes';
    case 'address':
      return { line1: 'Fő utca 1.', town: 'Miskolc', postcode: '3525' };
    case 'file':
      return ['upload-1'];
    default: {
      if (!field.pattern) return 'Something to say';
      const pattern = new RegExp(`^(?:${field.pattern})$`);
      const sample = ['12345', 'ABC123', 'abc', 'A1'].find((candidate) => pattern.test(candidate));
      if (!sample) throw new Error(`Add a sample answer for the pattern of ${field.key}`);
      return sample;
    }
  }
}

/** Answers that break one rule of a question, with the kind of message expected. */
function invalidAnswers(field: FormField): { why: string; value: FormInput[string] | undefined }[] {
  const cases: { why: string; value: FormInput[string] | undefined }[] = [];
  if (field.required && field.type !== 'address') cases.push({ why: 'missing', value: undefined });
  if (field.type === 'address' && field.required) cases.push({ why: 'missing postcode', value: { line1: 'Fő utca 1.', town: 'Miskolc' } });
  if (field.maxLength && ['text', 'textarea'].includes(field.type)) cases.push({ why: 'too long', value: '1'.repeat(field.maxLength + 1) });
  if (field.pattern) cases.push({ why: 'not matching the pattern', value: 'not valid ✗' });
  if (field.type === 'select' || field.type === 'radio') cases.push({ why: 'not an option', value: 'notAnOption' });
  if (field.type === 'email') cases.push({ why: 'not an email address', value: 'complainant.example.com' });
  if (field.type === 'tel') cases.push({ why: 'not a phone number', value: 'call me' });
  if (field.type === 'file' && field.maxFiles)
    cases.push({ why: 'too many files', value: Array.from({ length: field.maxFiles + 1 }, (_, i) => `upload-${i}`) });
  return cases;
}

const uiLocales: Locale[] = ['en', 'hu', 'fr', 'ar'];

describe.each(contentForms())('the content form $id', ({ definition, languages }) => {
  describe.each(uiLocales)('in %s', (lang) => {
    const fields = completeForm(definition, { lang, fallbacks: languages });
    const t = translator(lang);
    const valid: FormValues = Object.fromEntries(fields.map((f) => [f.key, validAnswer(f)]));

    it('builds a schema without warnings', () => {
      expect(buildSubmissionSchema(fields, t).warnings).toEqual([]);
    });

    it('accepts a complete, valid set of answers and keeps every answer', () => {
      const result = validateSubmission(fields, valid, t);
      expect(result).toEqual({ ok: true, data: valid });
    });

    const cases = fields.flatMap((field) => invalidAnswers(field).map((c) => ({ ...c, field })));
    it.each(cases.map((c) => [c.field.key, c.why, c] as const))('rejects %s %s with one message naming the question', (_key, _why, { field, value }) => {
      const input: FormInput = { ...valid };
      if (value === undefined) delete input[field.key];
      else input[field.key] = value;
      const result = validateSubmission(fields, input, t);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors;
      expect(error!.key.split('.')[0]).toBe(field.key);
      expect(error!.message).not.toMatch(/^(form|field)\.|\{\w+\}/);
      if (field.patternMessage && _why === 'not matching the pattern') expect(error!.message).toBe(field.patternMessage);
      else if (!field.standard) expect(error!.message.toLocaleLowerCase()).toContain(field.label.toLocaleLowerCase());
    });
  });
});

describe('OPUS TITÁSZ’s form in Hungarian', () => {
  const form = contentForms().find((f) => f.id === 'form-opus-titasz')!;
  const fields = completeForm(form.definition, { lang: 'hu', fallbacks: form.languages });
  const t = translator('hu');
  const answers: FormValues = {
    name: 'Kovács Anna',
    phone: '06 46 123 4567',
    replyChannel: 'email',
    email: 'anna@example.hu',
    category: 'other',
    customerId: '123456',
    actingOnBehalf: 'no',
    placeOfUseAddress: { line1: 'Fő utca 1.', town: 'Miskolc', postcode: '3525' },
    compensationClaim: 'no',
    description: 'A mérőt nem olvasták le.',
  };

  it('accepts a complaint made in one’s own name without an authorisation', () => {
    expect(validateSubmission(fields, answers, t)).toMatchObject({ ok: true });
  });

  it.each([
    { change: { customerId: '12-34' }, key: 'customerId', message: 'A felhasználó azonosító csak számjegyeket tartalmazhat.' },
    { change: { actingOnBehalf: 'yes' }, key: 'authorisation', message: 'Töltsön fel fájlt ehhez: „Meghatalmazás”' },
    { change: { phone: undefined }, key: 'phone', message: 'Adja meg a telefonszámát' },
    { change: { email: undefined }, key: 'email', message: 'Adja meg az e-mail-címét' },
    { change: { replyChannel: 'post' }, key: 'postalAddress.line1', message: 'Postacím: adja meg az utcát és a házszámot' },
    { change: { compensationClaim: undefined }, key: 'compensationClaim', message: 'Válaszoljon a kérdésre: Kártérítési igényt is előterjeszt?' },
  ])('asks for $key with “$message”', ({ change, key, message }) => {
    const input: FormValues = { ...answers };
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined) delete input[k];
      else input[k] = v;
    }
    const result = validateSubmission(fields, input, t);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toEqual({ key, message });
  });

  it('drops an authorisation sent although the complainant acts in their own name', () => {
    const result = validateSubmission(fields, { ...answers, authorisation: ['upload-9'] }, t);
    expect(result.ok && 'authorisation' in result.data).toBe(false);
  });
});

describe('Opus Telecoms’s form in English', () => {
  const form = contentForms().find((f) => f.id === 'form-opus-telecoms')!;
  const fields = completeForm(form.definition, { lang: 'en', fallbacks: form.languages });
  const t = translator('en');
  const answers: FormValues = { name: 'Ann Smith', replyChannel: 'phone', phone: '01632 960 001', serviceConcerned: 'billing', description: 'Charged twice.' };

  it.each([
    { change: {}, errors: [] },
    { change: { name: '' }, errors: [{ key: 'name', message: 'Enter your full name' }] },
    { change: { phone: '' }, errors: [{ key: 'phone', message: 'Enter your phone number' }] },
    { change: { replyChannel: 'email' }, errors: [{ key: 'email', message: 'Enter your email address' }] },
    { change: { replyChannel: 'pigeon' }, errors: [{ key: 'replyChannel', message: 'Select how you would like us to reply' }] },
    { change: { email: 'ann@example' }, errors: [{ key: 'email', message: 'Enter an email address in the correct format, like name@example.com' }] },
    { change: { phone: 'ring me' }, errors: [{ key: 'phone', message: 'Enter a phone number, like 01632 960 001 or +44 808 157 0192' }] },
    { change: { serviceConcerned: '' }, errors: [{ key: 'serviceConcerned', message: 'Select service concerned' }] },
    { change: { accountNumber: 'x'.repeat(51) }, errors: [{ key: 'accountNumber', message: 'Account number must be 50 characters or fewer' }] },
    { change: { description: '' }, errors: [{ key: 'description', message: 'Describe what went wrong' }] },
    {
      change: { description: 'x'.repeat(10001) },
      errors: [{ key: 'description', message: 'Your answer to “What went wrong?” must be 10,000 characters or fewer' }],
    },
    { change: { attachments: ['1', '2', '3', '4', '5', '6'] }, errors: [{ key: 'attachments', message: 'Select up to 5 files for supporting documents' }] },
    {
      change: { replyChannel: 'post', phone: '', email: '' },
      errors: [
        { key: 'email', message: 'Enter an email address or a phone number so that we can contact you' },
        { key: 'postalAddress.line1', message: 'Postal address: enter address line 1, typically the building and street' },
        { key: 'postalAddress.town', message: 'Postal address: enter the town or city' },
        { key: 'postalAddress.postcode', message: 'Postal address: enter the postcode' },
      ],
    },
  ])('answers $change with $errors.length message(s)', ({ change, errors }) => {
    const result = validateSubmission(fields, { ...answers, ...change } as FormInput, t);
    expect(result.ok ? [] : result.errors).toEqual(errors);
  });
});
