import {ThumbsUpIcon} from '@sanity/icons/ThumbsUp'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {optionalI18n} from '../lib/validation'

export const positiveFeedback = defineType({
  name: 'positiveFeedback',
  title: 'Compliments',
  type: 'object',
  icon: ThumbsUpIcon,
  description: 'Whether the organisation takes compliments as well as complaints.',
  fields: [
    defineField({
      name: 'accepted',
      title: 'Compliments accepted',
      type: 'boolean',
      description: 'Turn on when people can send compliments through Redress.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'What happens to a compliment.',
      validation: optionalI18n,
    }),
    defineField({
      name: 'values',
      title: 'Values',
      type: 'array',
      description: 'Optional company values a compliment can be about.',
      of: [defineArrayMember({type: 'feedbackValue'})],
      validation: (rule) => rule.unique(),
    }),
  ],
  preview: {
    select: {accepted: 'accepted'},
    prepare: ({accepted}) => ({
      title: accepted ? 'Compliments accepted' : 'No compliments',
      media: ThumbsUpIcon,
    }),
  },
})
