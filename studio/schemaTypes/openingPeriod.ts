import {CalendarIcon} from '@sanity/icons/Calendar'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {TIME} from '../lib/patterns'
import {sibling, uniqueStrings} from '../lib/validation'

export const weekdays = [
  {value: 'mon', title: 'Monday'},
  {value: 'tue', title: 'Tuesday'},
  {value: 'wed', title: 'Wednesday'},
  {value: 'thu', title: 'Thursday'},
  {value: 'fri', title: 'Friday'},
  {value: 'sat', title: 'Saturday'},
  {value: 'sun', title: 'Sunday'},
]

export const openingPeriod = defineType({
  name: 'openingPeriod',
  title: 'Opening period',
  type: 'object',
  icon: CalendarIcon,
  description: 'Days that share the same opening and closing time.',
  fields: [
    defineField({
      name: 'days',
      title: 'Days',
      type: 'array',
      description: 'Tick every day with these hours.',
      of: [defineArrayMember({type: 'string', options: {list: weekdays}})],
      options: {list: weekdays, layout: 'grid'},
      validation: (rule) => rule.required().min(1).custom<string[]>(uniqueStrings),
    }),
    defineField({
      name: 'opens',
      title: 'Opens',
      type: 'string',
      description: 'Opening time on the 24-hour clock, HH:MM (08:30).',
      validation: (rule) => rule.required().regex(TIME, {name: 'time (HH:MM)'}),
    }),
    defineField({
      name: 'closes',
      title: 'Closes',
      type: 'string',
      description:
        'Closing time on the 24-hour clock, HH:MM (17:30); for all day use 00:00 to 23:59.',
      validation: (rule) =>
        rule
          .required()
          .regex(TIME, {name: 'time (HH:MM)'})
          .custom<string>((value, context) => {
            const opens = sibling<string>(context, 'opens')
            if (!value || !opens) return true
            return value > opens ? true : 'Make the closing time later than the opening time.'
          }),
    }),
  ],
  preview: {
    select: {days: 'days', opens: 'opens', closes: 'closes'},
    prepare: ({days, opens, closes}) => ({
      title: Array.isArray(days) ? days.join(', ') : 'No days',
      subtitle: `${opens ?? '?'}-${closes ?? '?'}`,
      media: CalendarIcon,
    }),
  },
})
