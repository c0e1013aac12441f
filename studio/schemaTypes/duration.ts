import {ClockIcon} from '@sanity/icons/Clock'
import {defineField, defineType} from 'sanity'
import {sibling} from '../lib/validation'

export const durationUnits = [
  {value: 'hours', title: 'Hours (around the clock)'},
  {value: 'workingHours', title: 'Working hours (inside business hours)'},
  {value: 'businessDays', title: 'Business days (no weekends or public holidays)'},
  {value: 'calendarDays', title: 'Calendar days'},
  {value: 'weeks', title: 'Weeks'},
  {value: 'months', title: 'Months'},
]

export const duration = defineType({
  name: 'duration',
  title: 'Duration',
  type: 'object',
  icon: ClockIcon,
  description: 'A length of time, such as "10 business days" or "3-5 business days".',
  fields: [
    defineField({
      name: 'amount',
      title: 'Amount',
      type: 'number',
      description:
        'How many units, a whole number above zero. For a range such as "3-5 days" this is the lower number (3).',
      validation: (rule) =>
        rule
          .required()
          .integer()
          .positive()
          .error('A time limit must be a whole number above zero.'),
    }),
    defineField({
      name: 'amountMax',
      title: 'Up to (for a range)',
      type: 'number',
      description:
        'Only for a range: the higher number ("5" in "3-5 days"). Deadlines are counted from this number when it is set.',
      validation: (rule) =>
        rule.integer().custom<number>((value, context) => {
          const amount = sibling<number>(context, 'amount')
          if (value === undefined || amount === undefined) return true
          return value > amount ? true : 'Make "up to" larger than the amount, or leave it empty.'
        }),
    }),
    defineField({
      name: 'unit',
      title: 'Unit',
      type: 'string',
      description:
        'What is counted. Working hours and business days skip weekends, public holidays and the closures you list.',
      options: {list: durationUnits, layout: 'dropdown'},
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {amount: 'amount', amountMax: 'amountMax', unit: 'unit'},
    prepare: ({amount, amountMax, unit}) => ({
      title: [amountMax ? `${amount}-${amountMax}` : amount, unit]
        .filter((part) => part !== undefined)
        .join(' '),
      media: ClockIcon,
    }),
  },
})
