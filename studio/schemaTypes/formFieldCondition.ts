import {FilterIcon} from '@sanity/icons/Filter'
import {defineField, defineType} from 'sanity'
import {CAMEL_CASE_KEY} from '../lib/patterns'

export const formFieldCondition = defineType({
  name: 'formFieldCondition',
  title: 'Show only if',
  type: 'object',
  icon: FilterIcon,
  description: 'Show the question only when another question has a given answer.',
  fields: [
    defineField({
      name: 'field',
      title: 'Question',
      type: 'string',
      description: 'The key of the other question.',
      validation: (rule) =>
        rule
          .required()
          .regex(CAMEL_CASE_KEY, {name: 'camelCase key'})
          .custom<string>((value, context) => {
            const fields = (
              (context.document as {fields?: {key?: string}[]} | undefined)?.fields ?? []
            ).map((f) => f.key)
            return !value || fields.includes(value)
              ? true
              : `There is no question with the key "${value}" on this form.`
          }),
    }),
    defineField({
      name: 'equals',
      title: 'Answer',
      type: 'string',
      description:
        'The answer that shows this question (an option value, or "true" for a ticked checkbox).',
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {field: 'field', equals: 'equals'},
    prepare: ({field, equals}) => ({title: `${field} = ${equals}`, media: FilterIcon}),
  },
})
