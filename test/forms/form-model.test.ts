import { describe, expect, it } from 'vitest';
import { completeComplimentForm, completeForm, replyChannelOf } from '#src/forms/form-model.ts';
import type { ContentField, FormDefinition, FormSettings } from '#src/forms/types.ts';
import { contentForms } from './content-forms.ts';

const i18n = (values: Record<string, string>) => Object.entries(values).map(([language, value]) => ({ _key: language, language, value }));

const settings: FormSettings = {
  replyChannels: ['email', 'post', 'phone'],
  phoneRequired: false,
  maxFiles: 5,
  maxFileSizeMb: 10,
  acceptedFileTypes: ['application/pdf', 'image/jpeg', 'image/png'],
};

const accountNumber: ContentField = {
  key: 'accountNumber',
  type: 'text',
  required: false,
  maxLength: 50,
  role: 'customerReference',
  label: i18n({ en: 'Account number', hu: 'Ügyfélszám' }),
  hint: i18n({ en: 'On your bill.' }),
};

const form = (overrides: Partial<FormDefinition> = {}): FormDefinition => ({ settings, fields: [accountNumber], ...overrides });
const keys = (definition: FormDefinition, lang = 'en') => completeForm(definition, { lang }).map((f) => f.key);

describe('completeForm', () => {
  it('asks contact questions first, then the organisation’s, then the complaint itself', () => {
    expect(keys(form())).toEqual([
      'name',
      'email',
      'phone',
      'replyChannel',
      'postalAddress',
      'accountNumber',
      'description',
      'desiredOutcome',
      'earlierAttempts',
      'attachments',
    ]);
  });

  it('puts the category question before the organisation’s questions when the form has categories', () => {
    const fields = completeForm(form({ categories: [{ key: 'billing', label: i18n({ en: 'Billing', fr: 'Facturation' }) }] }), {
      lang: 'fr',
      fallbacks: ['en'],
    });
    expect(fields.map((f) => f.key).slice(4, 7)).toEqual(['postalAddress', 'category', 'accountNumber']);
    expect(fields.find((f) => f.key === 'category')).toMatchObject({
      type: 'radio',
      required: true,
      label: "Quel est l'objet de votre réclamation ?",
      options: [{ value: 'billing', label: 'Facturation', lang: 'fr' }],
    });
  });

  it('resolves standard labels through the UI strings and content labels through the content', () => {
    const [name, , , , , account] = completeForm(form(), { lang: 'hu', fallbacks: ['en'] });
    expect(name).toMatchObject({ label: 'Teljes név', labelLang: 'hu', standard: true, autocomplete: 'name', maxLength: 200 });
    expect(account).toMatchObject({ label: 'Ügyfélszám', labelLang: 'hu', hint: 'On your bill.', hintLang: 'en', standard: false, role: 'customerReference' });
  });

  it('falls back to the organisation’s language for a label the reader’s language lacks', () => {
    const account = completeForm(form(), { lang: 'ar', fallbacks: ['en'] }).find((f) => f.key === 'accountNumber');
    expect(account).toMatchObject({ label: 'Account number', labelLang: 'en' });
  });

  it('offers the form’s reply channels as options, labelled in the reader’s language', () => {
    const reply = completeForm(form({ settings: { ...settings, replyChannels: ['post', 'email'] } }), { lang: 'en' }).find((f) => f.key === 'replyChannel');
    expect(reply?.options).toEqual([
      { value: 'post', label: 'By post', lang: 'en' },
      { value: 'email', label: 'By email', lang: 'en' },
    ]);
  });

  it.each([
    {
      case: 'replies by any channel',
      channels: ['email', 'post', 'phone'],
      phoneRequired: false,
      email: { required: false, requiredIf: [{ field: 'replyChannel', equals: 'email' }], requiredUnless: 'phone' },
      phone: { required: false, requiredIf: [{ field: 'replyChannel', equals: 'phone' }] },
      postal: { required: false, requiredIf: [{ field: 'replyChannel', equals: 'post' }] },
    },
    {
      case: 'phone always required',
      channels: ['post', 'email'],
      phoneRequired: true,
      email: { required: false, requiredIf: [{ field: 'replyChannel', equals: 'email' }], requiredUnless: undefined },
      phone: { required: true, requiredIf: undefined },
      postal: { required: false, requiredIf: [{ field: 'replyChannel', equals: 'post' }] },
    },
    {
      case: 'email the only channel',
      channels: ['email'],
      phoneRequired: false,
      email: { required: true, requiredIf: undefined, requiredUnless: undefined },
      phone: { required: false, requiredIf: undefined },
      postal: undefined,
    },
    {
      case: 'post the only channel',
      channels: ['post'],
      phoneRequired: false,
      email: { required: false, requiredIf: undefined, requiredUnless: 'phone' },
      phone: { required: false, requiredIf: undefined },
      postal: { required: true, requiredIf: undefined },
    },
  ] as const)('sets the contact rules when $case', ({ channels, phoneRequired, email, phone, postal }) => {
    const fields = completeForm(form({ settings: { ...settings, replyChannels: channels, phoneRequired } }), { lang: 'en' });
    const pick = (key: string) => {
      const field = fields.find((f) => f.key === key);
      return field && { required: field.required, requiredIf: field.requiredIf, ...(key === 'email' ? { requiredUnless: field.requiredUnless } : {}) };
    };
    expect(pick('email')).toEqual(email);
    expect(pick('phone')).toEqual(phone);
    expect(pick('postalAddress')).toEqual(postal);
    expect(fields.some((f) => f.key === 'replyChannel')).toBe(channels.length > 1);
  });

  it('gives the attachments question the form’s file limits and a hint that states them', () => {
    const attachments = completeForm(form(), { lang: 'en' }).at(-1);
    expect(attachments).toMatchObject({
      key: 'attachments',
      type: 'file',
      required: false,
      accept: ['application/pdf', 'image/jpeg', 'image/png'],
      maxFiles: 5,
      maxBytes: 10 * 1024 * 1024,
      hint: 'You can attach up to 5 files of up to 10 MB each, as PDF, JPEG or PNG. For example photos, letters or bills.',
    });
  });

  it('gives a file question of the organisation its own accepted types and count, and the form’s size limit', () => {
    const proof: ContentField = {
      key: 'proof',
      type: 'file',
      required: true,
      role: 'authorisation',
      label: i18n({ en: 'Proof' }),
      accept: ['application/pdf'],
      maxFiles: 2,
    };
    const fields = completeForm(form({ fields: [proof] }), { lang: 'en' });
    expect(fields.find((f) => f.key === 'proof')).toMatchObject({ accept: ['application/pdf'], maxFiles: 2, maxBytes: 10 * 1024 * 1024 });
    expect(fields.some((f) => f.key === 'attachments')).toBe(true);
  });

  it('leaves out a standard question the organisation asks itself', () => {
    const ownDescription: ContentField = { key: 'description', type: 'textarea', required: true, label: i18n({ en: 'Your complaint' }) };
    const documents: ContentField = { key: 'documents', type: 'file', required: false, label: i18n({ en: 'Documents' }) };
    const fields = completeForm(form({ fields: [ownDescription, documents] }), { lang: 'en' });
    expect(fields.filter((f) => f.key === 'description')).toEqual([expect.objectContaining({ standard: false, label: 'Your complaint' })]);
    expect(fields.some((f) => f.key === 'attachments')).toBe(false);
  });

  it('keeps the pattern and resolves its message in the reader’s language', () => {
    const customerId: ContentField = {
      key: 'customerId',
      type: 'text',
      required: true,
      label: i18n({ hu: 'Azonosító' }),
      pattern: '[0-9]+',
      patternMessage: i18n({ hu: 'Csak számjegyek.', en: 'Digits only.' }),
    };
    expect(completeForm(form({ fields: [customerId] }), { lang: 'en', fallbacks: ['hu'] }).find((f) => f.key === 'customerId')).toMatchObject({
      pattern: '[0-9]+',
      patternMessage: 'Digits only.',
      label: 'Azonosító',
      labelLang: 'hu',
    });
  });

  it('uses English interface strings for a language the site does not have', () => {
    expect(completeForm(form(), { lang: 'de' })[0]).toMatchObject({ label: 'Full name', labelLang: 'en' });
  });
});

describe('replyChannelOf', () => {
  it.each([
    { channels: ['email', 'post'], answer: 'post', expected: 'post' },
    { channels: ['email', 'post'], answer: undefined, expected: undefined },
    { channels: ['email', 'post'], answer: 'phone', expected: undefined },
    { channels: ['email'], answer: undefined, expected: 'email' },
  ] as const)('gives $expected for $answer when the form offers $channels', ({ channels, answer, expected }) => {
    expect(replyChannelOf(answer ? { replyChannel: answer } : {}, { replyChannels: channels })).toBe(expected);
  });
});

describe('the compliments form', () => {
  it('asks for a name and email, both optional, and a required message', () => {
    expect(completeComplimentForm({ lang: 'fr' }).map(({ key, type, required, label }) => ({ key, type, required, label }))).toEqual([
      { key: 'name', type: 'text', required: false, label: 'Nom et prénom' },
      { key: 'email', type: 'email', required: false, label: 'Adresse e-mail' },
      { key: 'message', type: 'textarea', required: true, label: 'Votre compliment' },
    ]);
  });
});

describe.each(contentForms())('the content form $id', ({ definition, languages }) => {
  it.each(['en', 'hu', 'fr', 'ar'])('builds in %s with every label and option filled', (lang) => {
    const fields = completeForm(definition, { lang, fallbacks: languages });
    expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
    for (const field of fields) {
      expect(field.label, field.key).not.toMatch(/^(form|field)\.|\{/);
      expect(field.label.trim(), field.key).not.toBe('');
      for (const option of field.options ?? []) expect(option.label.trim(), `${field.key}.${option.value}`).not.toBe('');
    }
  });

  it('shows the organisation’s own labels in the organisation’s own languages', () => {
    for (const lang of languages) {
      const own = completeForm(definition, { lang, fallbacks: languages }).filter((f) => !f.standard);
      expect(own.map((f) => f.labelLang)).toEqual(own.map(() => lang));
    }
  });
});
