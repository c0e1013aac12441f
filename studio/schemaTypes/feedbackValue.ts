import {HeartIcon} from '@sanity/icons/Heart'
import {defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const feedbackValue = defineType({
  name: 'feedbackValue',
  title: 'Value',
  type: 'object',
  icon: HeartIcon,
  description: 'A company value that compliments can be about.',
  fields: [
    defineField({
      name: 'text',
      title: 'Value',
      type: 'internationalizedArrayString',
      description: 'The value in a few words ("Customer focus").',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {text: 'text'},
    prepare: ({text}) => ({title: i18nTitle(text) ?? 'Value', media: HeartIcon}),
  },
})
