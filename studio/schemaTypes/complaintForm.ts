import {ComposeIcon} from '@sanity/icons/Compose'
import {defineArrayMember, defineField, defineType} from 'sanity'

/** Keys the code already uses for the standard fields; an added question may not reuse them. */
const STANDARD_KEYS = [
  'name',
  'email',
  'phone',
  'replyChannel',
  'postalAddress',
  'description',
  'desiredOutcome',
  'earlierAttempts',
  'attachments',
  'category',
]

export const complaintForm = defineType({
  name: 'complaintForm',
  title: 'Complaint form',
  type: 'document',
  icon: ComposeIcon,
  description:
    'What an organisation adds to the standard complaint form. Name, contact details, reply channel, description, desired outcome, earlier attempts and attachments are always there.',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'Internal name, for editors only ("OPUS TITÁSZ complaint form").',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'categories',
      title: 'Categories',
      type: 'array',
      description: 'Optional subjects the complainant picks from.',
      of: [defineArrayMember({type: 'formCategory'})],
      validation: (rule) =>
        rule.custom<{key?: string}[]>((value) => {
          const keys = (value ?? []).map((item) => item.key)
          return new Set(keys).size === keys.length ? true : 'Give every category a different key.'
        }),
    }),
    defineField({
      name: 'settings',
      title: 'Settings',
      type: 'formSettings',
      description: 'Reply channels and attachment limits.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'fields',
      title: 'Questions',
      type: 'array',
      description: "The organisation's own questions, in the order shown after the standard ones.",
      of: [defineArrayMember({type: 'formField'})],
      validation: (rule) =>
        rule.required().custom<{key?: string}[]>((value) => {
          const keys = (value ?? []).map((item) => item.key ?? '')
          const repeated = keys.filter((key, index) => keys.indexOf(key) !== index)
          if (repeated.length > 0)
            return `Give every question a different key (${[...new Set(repeated)].join(', ')}).`
          const standard = keys.filter((key) => STANDARD_KEYS.includes(key))
          return standard.length === 0
            ? true
            : `These keys belong to standard fields: ${standard.join(', ')}.`
        }),
    }),
  ],
  preview: {
    select: {title: 'title', fields: 'fields'},
    prepare: ({title, fields}) => ({
      title,
      subtitle: `${Array.isArray(fields) ? fields.length : 0} question(s)`,
      media: ComposeIcon,
    }),
  },
})
