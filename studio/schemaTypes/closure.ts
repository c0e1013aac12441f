import {CalendarIcon} from '@sanity/icons/Calendar'
import {defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n, sibling} from '../lib/validation'

export const closure = defineType({
  name: 'closure',
  title: 'Closure',
  type: 'object',
  icon: CalendarIcon,
  description:
    "Days the organisation is closed beyond public holidays; they don't count towards deadlines.",
  fields: [
    defineField({
      name: 'from',
      title: 'From',
      type: 'date',
      description: 'First closed day.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'to',
      title: 'To',
      type: 'date',
      description: 'Last closed day (the same as "From" for a single day).',
      validation: (rule) =>
        rule.required().custom<string>((value, context) => {
          const from = sibling<string>(context, 'from')
          if (!value || !from) return true
          return value >= from ? true : 'Make the last day the same as or after the first day.'
        }),
    }),
    defineField({
      name: 'reason',
      title: 'Reason',
      type: 'internationalizedArrayString',
      description: 'Why, in a few words ("Company holiday").',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {from: 'from', to: 'to', reason: 'reason'},
    prepare: ({from, to, reason}) => ({
      title: i18nTitle(reason) ?? 'Closure',
      subtitle: from === to ? from : `${from} to ${to}`,
      media: CalendarIcon,
    }),
  },
})
