import {TagIcon} from '@sanity/icons/Tag'
import {defineField, defineType} from 'sanity'
import {CAMEL_CASE_KEY} from '../lib/patterns'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const formCategory = defineType({
  name: 'formCategory',
  title: 'Category',
  type: 'object',
  icon: TagIcon,
  description: 'A subject the complainant can pick; it sorts cases in the back office.',
  fields: [
    defineField({
      name: 'key',
      title: 'Key',
      type: 'string',
      description:
        'A short camelCase name stored with each case ("billing"). Do not change it once cases exist.',
      validation: (rule) => rule.required().regex(CAMEL_CASE_KEY, {name: 'camelCase key'}),
    }),
    defineField({
      name: 'label',
      title: 'Label',
      type: 'internationalizedArrayString',
      description: 'The category as shown on the form ("Bills and payments").',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {label: 'label', key: 'key'},
    prepare: ({label, key}) => ({title: i18nTitle(label) ?? key, subtitle: key, media: TagIcon}),
  },
})
