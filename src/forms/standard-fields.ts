import type { FormSettings, StandardField } from './types.ts';

/**
 * The parts of an address question, posted as `<key>.<part>`: label key, browser
 * autocomplete token, maximum length, and whether the part is needed for an address.
 */
export const addressParts = [
  { part: 'line1', label: 'form.address.line1', autocomplete: 'address-line1', maxLength: 200, required: true },
  { part: 'line2', label: 'form.address.line2', autocomplete: 'address-line2', maxLength: 200, required: false },
  { part: 'town', label: 'form.address.town', autocomplete: 'address-level2', maxLength: 100, required: true },
  { part: 'postcode', label: 'form.address.postcode', autocomplete: 'postal-code', maxLength: 20, required: true },
  { part: 'country', label: 'form.address.country', autocomplete: 'country-name', maxLength: 100, required: false },
] as const;

export type AddressPart = (typeof addressParts)[number]['part'];

/** Who the complainant is and how to reach them: asked before the organisation's questions. */
export function contactFields(settings: FormSettings): StandardField[] {
  const channels = settings.replyChannels;
  const only = channels.length === 1 ? channels[0] : undefined;
  // With one reply channel there is nothing to choose: the question is not asked and the
  // rules that depend on the answer are settled here instead.
  const when = (channel: 'email' | 'post' | 'phone') => (only || !channels.includes(channel) ? undefined : [{ field: 'replyChannel', equals: channel }]);
  const phoneAlwaysRequired = settings.phoneRequired || only === 'phone';

  const fields: StandardField[] = [
    {
      key: 'name',
      type: 'text',
      label: 'field.name.label',
      required: true,
      maxLength: 200,
      autocomplete: 'name',
      messages: { required: 'field.name.errorRequired' },
    },
    {
      key: 'email',
      type: 'email',
      label: 'field.email.label',
      hint: 'field.email.hint',
      required: only === 'email',
      requiredIf: when('email'),
      // At least one way to reach the complainant, unless the phone is required anyway.
      requiredUnless: phoneAlwaysRequired || only === 'email' ? undefined : 'phone',
      maxLength: 254,
      autocomplete: 'email',
      messages: {
        required: 'field.email.errorRequired',
        format: 'field.email.errorFormat',
        eitherOr: 'field.email.errorEmailOrPhone',
      },
    },
    {
      key: 'phone',
      type: 'tel',
      label: 'field.phone.label',
      hint: 'field.phone.hint',
      required: phoneAlwaysRequired,
      requiredIf: phoneAlwaysRequired ? undefined : when('phone'),
      maxLength: 30,
      autocomplete: 'tel',
      messages: { required: 'field.phone.errorRequired', format: 'field.phone.errorFormat' },
    },
  ];
  if (!only) {
    fields.push({
      key: 'replyChannel',
      type: 'radio',
      label: 'field.replyChannel.label',
      required: true,
      options: channels.map((channel) => ({ value: channel, label: `field.replyChannel.${channel}` })),
      messages: { required: 'field.replyChannel.errorRequired', option: 'field.replyChannel.errorRequired' },
    });
  }
  if (channels.includes('post')) {
    fields.push({
      key: 'postalAddress',
      type: 'address',
      label: 'field.postalAddress.label',
      hint: 'field.postalAddress.hint',
      required: only === 'post',
      requiredIf: when('post'),
      autocomplete: 'street-address',
    });
  }
  return fields;
}

/** What went wrong and what would put it right: asked after the organisation's questions. */
export function complaintFields(settings: FormSettings): StandardField[] {
  return [
    {
      key: 'description',
      type: 'textarea',
      label: 'field.description.label',
      hint: 'field.description.hint',
      required: true,
      maxLength: 10000,
      messages: { required: 'field.description.errorRequired' },
    },
    {
      key: 'desiredOutcome',
      type: 'textarea',
      label: 'field.desiredOutcome.label',
      hint: 'field.desiredOutcome.hint',
      required: false,
      maxLength: 5000,
    },
    {
      key: 'earlierAttempts',
      type: 'textarea',
      label: 'field.earlierAttempts.label',
      hint: 'field.earlierAttempts.hint',
      required: false,
      maxLength: 5000,
    },
    {
      key: 'attachments',
      type: 'file',
      label: 'field.attachments.label',
      hint: 'field.attachments.hint',
      required: false,
      accept: settings.acceptedFileTypes,
      maxFiles: settings.maxFiles,
    },
  ];
}

/**
 * Every standard field of a complaint form, in the order they are asked when the
 * organisation adds nothing: name, email, phone, reply channel, postal address (when
 * replies can go by post), description, desired outcome, earlier attempts, attachments.
 */
export function standardFields(settings: FormSettings): StandardField[] {
  return [...contactFields(settings), ...complaintFields(settings)];
}

/** The question built from the form's categories ("What is your complaint about?"). */
export function categoryField(): StandardField {
  return {
    key: 'category',
    type: 'radio',
    label: 'field.category.label',
    required: true,
    messages: { required: 'field.category.errorRequired', option: 'field.category.errorRequired' },
  };
}

/** The compliments form: a name and an email address, both optional, and the message. */
export const complimentFields: readonly StandardField[] = [
  { key: 'name', type: 'text', label: 'field.name.label', required: false, maxLength: 200, autocomplete: 'name' },
  {
    key: 'email',
    type: 'email',
    label: 'field.email.label',
    hint: 'field.email.complimentHint',
    required: false,
    maxLength: 254,
    autocomplete: 'email',
    messages: { format: 'field.email.errorFormat' },
  },
  {
    key: 'message',
    type: 'textarea',
    label: 'field.message.label',
    hint: 'field.message.hint',
    required: true,
    maxLength: 5000,
    messages: { required: 'field.message.errorRequired' },
  },
];
