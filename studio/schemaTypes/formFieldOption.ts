import {SelectIcon} from '@sanity/icons/Select'
import {defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const formFieldOption = defineType({
  name: 'formFieldOption',
  title: 'Option',
  type: 'object',
  icon: SelectIcon,
  description: 'One choice of a select, radio or checkbox question.',
  fields: [
    defineField({
      name: 'value',
      title: 'Value',
      type: 'string',
      description: 'What is stored when this option is chosen. Do not change it once cases exist.',
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'label',
      title: 'Label',
      type: 'internationalizedArrayString',
      description: 'The option as shown on the form.',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {label: 'label', value: 'value'},
    prepare: ({label, value}) => ({
      title: i18nTitle(label) ?? value,
      subtitle: value,
      media: SelectIcon,
    }),
  },
})
