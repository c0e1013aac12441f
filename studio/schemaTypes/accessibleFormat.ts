import {EyeOpenIcon} from '@sanity/icons/EyeOpen'
import {defineField, defineType} from 'sanity'
import {optionalI18n} from '../lib/validation'

export const accessibleFormatKinds = [
  {value: 'braille', title: 'Braille'},
  {value: 'largePrint', title: 'Large print'},
  {value: 'audio', title: 'Audio'},
  {value: 'easyRead', title: 'Easy read'},
  {value: 'otherLanguage', title: 'Another language'},
]

export const accessibleFormat = defineType({
  name: 'accessibleFormat',
  title: 'Accessible format',
  type: 'object',
  icon: EyeOpenIcon,
  description: 'A format in which people can ask for the complaints code.',
  fields: [
    defineField({
      name: 'format',
      title: 'Format',
      type: 'string',
      description: 'The format offered.',
      options: {list: accessibleFormatKinds, layout: 'dropdown'},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'Optional detail, such as how long it takes or which languages.',
      validation: optionalI18n,
    }),
  ],
  preview: {
    select: {format: 'format'},
    prepare: ({format}) => ({title: format ?? 'Format', media: EyeOpenIcon}),
  },
})
