import {FaceHappyIcon} from '@sanity/icons/FaceHappy'
import {defineField, defineType} from 'sanity'
import {CAMEL_CASE_KEY} from '../lib/patterns'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const satisfactionRating = defineType({
  name: 'satisfactionRating',
  title: 'Rating',
  type: 'object',
  icon: FaceHappyIcon,
  description: 'One answer a complainant can give in the satisfaction survey.',
  fields: [
    defineField({
      name: 'key',
      title: 'Key',
      type: 'string',
      description:
        'A short camelCase name stored with each answer ("satisfied"). Do not change it once answers exist.',
      validation: (rule) => rule.required().regex(CAMEL_CASE_KEY, {name: 'camelCase key'}),
    }),
    defineField({
      name: 'label',
      title: 'Label',
      type: 'internationalizedArrayString',
      description: 'The answer as shown ("Satisfied").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'opensDissatisfactionCase',
      title: 'Opens a dissatisfaction case',
      type: 'boolean',
      description: 'Turn on when this answer opens a new case about the handling of the complaint.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {label: 'label', key: 'key'},
    prepare: ({label, key}) => ({
      title: i18nTitle(label) ?? key,
      subtitle: key,
      media: FaceHappyIcon,
    }),
  },
})
