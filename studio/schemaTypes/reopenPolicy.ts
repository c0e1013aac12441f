import {RestoreIcon} from '@sanity/icons/Restore'
import {defineField, defineType} from 'sanity'
import {optionalI18n} from '../lib/validation'

export const reopenPolicy = defineType({
  name: 'reopenPolicy',
  title: 'Re-open policy',
  type: 'object',
  icon: RestoreIcon,
  description: 'Whether a complainant who is not satisfied can re-open or escalate the complaint.',
  fields: [
    defineField({
      name: 'allowed',
      title: 'Re-opening allowed',
      type: 'boolean',
      description: 'Turn on when a complainant can ask for the complaint to be looked at again.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'How to re-open or escalate, in the words shown to the public.',
      validation: optionalI18n,
    }),
  ],
  preview: {
    select: {allowed: 'allowed'},
    prepare: ({allowed}) => ({
      title: allowed ? 'Re-opening allowed' : 'No re-opening',
      media: RestoreIcon,
    }),
  },
})
