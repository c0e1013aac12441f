import {ComposeIcon} from '@sanity/icons/Compose'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {CAMEL_CASE_KEY, MIME_TYPE} from '../lib/patterns'
import {i18nTitle, optionalI18n, requiredI18n, sibling, uniqueStrings} from '../lib/validation'

export const formFieldTypes = [
  {value: 'text', title: 'Short text'},
  {value: 'textarea', title: 'Long text'},
  {value: 'email', title: 'Email address'},
  {value: 'tel', title: 'Phone number'},
  {value: 'select', title: 'Drop-down list'},
  {value: 'radio', title: 'Radio buttons (one choice)'},
  {value: 'checkbox', title: 'Checkbox'},
  {value: 'date', title: 'Date'},
  {value: 'address', title: 'Postal address'},
  {value: 'file', title: 'File upload'},
]

export const formFieldRoles = [
  {value: 'customerReference', title: "The complainant's customer reference"},
  {value: 'actingOnBehalf', title: 'Acting on behalf of someone else'},
  {value: 'authorisation', title: 'Authorisation to act on behalf'},
  {value: 'compensationClaim', title: 'Compensation claim'},
]

const typeOf = (context: Parameters<typeof sibling>[0]) => sibling<string>(context, 'type')

export const formField = defineType({
  name: 'formField',
  title: 'Question',
  type: 'object',
  icon: ComposeIcon,
  description: 'A question the organisation adds to the standard complaint form.',
  fields: [
    defineField({
      name: 'key',
      title: 'Key',
      type: 'string',
      description:
        'A unique camelCase name stored with each answer ("meterSerialNumber"). Do not change it once cases exist.',
      validation: (rule) => rule.required().regex(CAMEL_CASE_KEY, {name: 'camelCase key'}),
    }),
    defineField({
      name: 'type',
      title: 'Type',
      type: 'string',
      description: 'The kind of answer.',
      options: {list: formFieldTypes, layout: 'dropdown'},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'label',
      title: 'Label',
      type: 'internationalizedArrayString',
      description: 'The question as shown ("Meter serial number").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'hint',
      title: 'Hint',
      type: 'internationalizedArrayText',
      description: 'Optional help shown under the label ("You can find it on your bill").',
      validation: optionalI18n,
    }),
    defineField({
      name: 'required',
      title: 'Answer required',
      type: 'boolean',
      description: 'Turn on when the form cannot be sent without an answer.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'options',
      title: 'Options',
      type: 'array',
      description: 'The choices, for drop-down lists and radio buttons.',
      of: [defineArrayMember({type: 'formFieldOption'})],
      validation: (rule) =>
        rule.custom<{value?: string}[]>((value, context) => {
          const needsOptions = ['select', 'radio'].includes(typeOf(context) ?? '')
          if (needsOptions && (!value || value.length < 2)) return 'Add at least two options.'
          return uniqueStrings((value ?? []).map((option) => option.value ?? ''))
        }),
    }),
    defineField({
      name: 'pattern',
      title: 'Pattern',
      type: 'string',
      description:
        'Optional JavaScript regular expression the whole answer must match, such as [0-9]{8} for eight digits.',
      validation: (rule) =>
        rule.custom<string>((value) => {
          if (!value) return true
          try {
            new RegExp(`^(?:${value})$`)
            return true
          } catch {
            return 'This is not a valid regular expression.'
          }
        }),
    }),
    defineField({
      name: 'patternMessage',
      title: 'Pattern message',
      type: 'internationalizedArrayString',
      description:
        'What to tell the complainant when the answer does not match ("Enter the 8 digits of your customer number").',
      validation: (rule) => [
        optionalI18n(rule),
        rule
          .custom((value, context) =>
            sibling<string>(context, 'pattern') && !value
              ? 'Say what to enter when the pattern does not match.'
              : true,
          )
          .warning(),
      ],
    }),
    defineField({
      name: 'maxLength',
      title: 'Longest answer (characters)',
      type: 'number',
      description: 'Optional limit on the length of a text answer.',
      validation: (rule) => rule.integer().min(1),
    }),
    defineField({
      name: 'showIf',
      title: 'Show only if',
      type: 'formFieldCondition',
      description: 'Optional: show this question only when another question has a given answer.',
      validation: (rule) =>
        rule.custom<{field?: string}>((value, context) =>
          value?.field && value.field === sibling<string>(context, 'key')
            ? 'A question cannot depend on itself.'
            : true,
        ),
    }),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      description: 'Optional: what the back office uses this answer for.',
      options: {list: formFieldRoles, layout: 'dropdown'},
      validation: (rule) =>
        rule.custom<string>((value, context) =>
          value === 'authorisation' && typeOf(context) !== 'file'
            ? 'An authorisation is a document: make this a file question.'
            : true,
        ),
    }),
    defineField({
      name: 'accept',
      title: 'Accepted file types',
      type: 'array',
      description:
        'For file questions: the MIME types accepted, when narrower than the form settings.',
      of: [
        defineArrayMember({
          type: 'string',
          validation: (rule) => rule.regex(MIME_TYPE, {name: 'MIME type'}),
        }),
      ],
      options: {layout: 'tags'},
      hidden: ({parent}) => (parent as {type?: string} | undefined)?.type !== 'file',
      validation: (rule) =>
        rule.custom<string[]>((value, context) =>
          value && value.length > 0 && typeOf(context) !== 'file'
            ? 'Only file questions accept file types.'
            : uniqueStrings(value),
        ),
    }),
    defineField({
      name: 'maxFiles',
      title: 'Most files',
      type: 'number',
      description: 'For file questions: how many files this question takes.',
      hidden: ({parent}) => (parent as {type?: string} | undefined)?.type !== 'file',
      validation: (rule) =>
        rule
          .integer()
          .min(1)
          .custom<number>((value, context) =>
            value !== undefined && typeOf(context) !== 'file'
              ? 'Only file questions take files.'
              : true,
          ),
    }),
  ],
  preview: {
    select: {label: 'label', key: 'key', type: 'type', required: 'required'},
    prepare: ({label, key, type, required}) => ({
      title: i18nTitle(label) ?? key,
      subtitle: [key, type, required ? 'required' : 'optional'].join(' · '),
      media: ComposeIcon,
    }),
  },
})
