import {HomeIcon} from '@sanity/icons/Home'
import {defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const officeAddress = defineType({
  name: 'officeAddress',
  title: 'Office or premises',
  type: 'object',
  icon: HomeIcon,
  description: 'An office, shop or other premises people can write to or visit.',
  fields: [
    defineField({
      name: 'label',
      title: 'Label',
      type: 'internationalizedArrayString',
      description: 'What this address is ("Head office", "Customer service centre").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'address',
      title: 'Address',
      type: 'postalAddress',
      description: 'The address as it should be printed.',
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {label: 'label', lines: 'address.lines'},
    prepare: ({label, lines}) => ({
      title: i18nTitle(label) ?? 'Address',
      subtitle: Array.isArray(lines) ? lines.join(', ') : undefined,
      media: HomeIcon,
    }),
  },
})
