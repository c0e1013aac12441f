import {EnvelopeIcon} from '@sanity/icons/Envelope'
import {defineField, defineType} from 'sanity'
import {optionalI18n} from '../lib/validation'

export const freePostedCopy = defineType({
  name: 'freePostedCopy',
  title: 'Free posted copy',
  type: 'object',
  icon: EnvelopeIcon,
  description:
    'Whether people can get a printed copy of the complaints code by post, free of charge.',
  fields: [
    defineField({
      name: 'available',
      title: 'Available',
      type: 'boolean',
      description: 'Turn on when a free printed copy is posted on request.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'How to ask for it.',
      validation: optionalI18n,
    }),
  ],
  preview: {
    select: {available: 'available'},
    prepare: ({available}) => ({
      title: available ? 'Free posted copy' : 'No posted copy',
      media: EnvelopeIcon,
    }),
  },
})
