import {BarChartIcon} from '@sanity/icons/BarChart'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {optionalI18n} from '../lib/validation'

export const satisfactionSurvey = defineType({
  name: 'satisfactionSurvey',
  title: 'Satisfaction survey',
  type: 'object',
  icon: BarChartIcon,
  description: 'A rating the complainant is asked for after the case is closed.',
  fields: [
    defineField({
      name: 'enabled',
      title: 'Survey enabled',
      type: 'boolean',
      description: 'Turn on to ask complainants for a rating after closure.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'The question or introduction shown above the answers.',
      validation: optionalI18n,
    }),
    defineField({
      name: 'ratings',
      title: 'Answers',
      type: 'array',
      description: 'The answers in the order shown, best first.',
      of: [defineArrayMember({type: 'satisfactionRating'})],
      validation: (rule) =>
        rule
          .required()
          .min(1)
          .custom<{key?: string}[]>((value) => {
            const keys = (value ?? []).map((item) => item.key)
            return new Set(keys).size === keys.length ? true : 'Give every answer a different key.'
          }),
    }),
  ],
  preview: {
    select: {enabled: 'enabled', ratings: 'ratings'},
    prepare: ({enabled, ratings}) => ({
      title: enabled ? 'Survey enabled' : 'No survey',
      subtitle: `${Array.isArray(ratings) ? ratings.length : 0} answer(s)`,
      media: BarChartIcon,
    }),
  },
})
