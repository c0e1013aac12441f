import {ClockIcon} from '@sanity/icons/Clock'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {optionalI18n} from '../lib/validation'

export const openingHours = defineType({
  name: 'openingHours',
  title: 'Opening hours',
  type: 'object',
  icon: ClockIcon,
  description:
    'A weekly schedule in the organisation\'s time zone. "Open now" is worked out from it.',
  fields: [
    defineField({
      name: 'periods',
      title: 'Periods',
      type: 'array',
      description:
        'One row per group of days with the same hours, such as Monday-Friday 08:30-17:30.',
      of: [defineArrayMember({type: 'openingPeriod'})],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'closedOnPublicHolidays',
      title: 'Closed on public holidays',
      type: 'boolean',
      description: "Turn on when these hours do not apply on the country's public holidays.",
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'note',
      title: 'Note',
      type: 'internationalizedArrayString',
      description: 'A short remark shown with the hours, such as "Closed 24-26 December".',
      validation: optionalI18n,
    }),
  ],
  preview: {
    select: {periods: 'periods', holidays: 'closedOnPublicHolidays'},
    prepare: ({periods, holidays}) => ({
      title: `${Array.isArray(periods) ? periods.length : 0} period(s)`,
      subtitle: holidays ? 'Closed on public holidays' : 'Open on public holidays',
      media: ClockIcon,
    }),
  },
})
