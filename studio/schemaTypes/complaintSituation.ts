import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const complaintSituation = defineType({
  name: 'complaintSituation',
  title: 'Situation that is a complaint',
  type: 'object',
  icon: CheckmarkCircleIcon,
  description: 'One situation in which people should use the complaints process.',
  fields: [
    defineField({
      name: 'text',
      title: 'Situation',
      type: 'internationalizedArrayText',
      description:
        'Describe the situation in plain words, such as "You were billed for energy you did not use".',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {text: 'text'},
    prepare: ({text}) => ({title: i18nTitle(text) ?? 'Situation', media: CheckmarkCircleIcon}),
  },
})
