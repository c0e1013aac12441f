import {ClockIcon} from '@sanity/icons/Clock'
import {defineField, defineType} from 'sanity'
import {requiredI18n} from '../lib/validation'

export const commitmentEvents = [
  {value: 'acknowledge', title: 'Acknowledge the complaint'},
  {value: 'firstContact', title: 'First contact with the complainant'},
  {value: 'update', title: 'Send an update'},
  {value: 'resolve', title: 'Resolve (final answer)'},
  {value: 'resolveCompensation', title: 'Resolve a compensation claim'},
  {value: 'appealDecision', title: 'Decide an appeal'},
  {value: 'escalate', title: 'Escalate'},
]

export const commitmentRoutes = [
  {value: 'initialContact', title: 'Informal first contact'},
  {value: 'formal', title: 'Formal complaint (the portal form)'},
]

export const commitmentStarts = [
  {value: 'received', title: 'When the complaint is received'},
  {value: 'acknowledged', title: 'When the complaint is acknowledged'},
  {value: 'appealReceived', title: 'When the appeal is received'},
]

export const commitment = defineType({
  name: 'commitment',
  title: 'Response-time commitment',
  type: 'object',
  icon: ClockIcon,
  description:
    'A promise to do something within a time limit; case deadlines are computed from it.',
  fields: [
    defineField({
      name: 'event',
      title: 'What is promised',
      type: 'string',
      description: 'The step the organisation commits to.',
      options: {list: commitmentEvents, layout: 'dropdown'},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'route',
      title: 'Route',
      type: 'string',
      description: 'Whether this applies to an informal first contact or to a formal complaint.',
      options: {list: commitmentRoutes, layout: 'radio'},
      initialValue: 'formal',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'duration',
      title: 'Within',
      type: 'duration',
      description: 'The time limit.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'from',
      title: 'Counted from',
      type: 'string',
      description: 'The moment the clock starts.',
      options: {list: commitmentStarts, layout: 'radio'},
      initialValue: 'received',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'pausesWhileAwaitingComplainant',
      title: 'Paused while waiting for the complainant',
      type: 'boolean',
      description:
        'Turn on when the clock stops while the organisation waits for information from the complainant.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description:
        'The commitment in the words shown to the public ("We will acknowledge your complaint within 24 working hours").',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {
      event: 'event',
      route: 'route',
      amount: 'duration.amount',
      amountMax: 'duration.amountMax',
      unit: 'duration.unit',
    },
    prepare: ({event, route, amount, amountMax, unit}) => ({
      title: `${event ?? '?'} within ${amountMax ? `${amount}-${amountMax}` : (amount ?? '?')} ${unit ?? ''}`,
      subtitle: route,
      media: ClockIcon,
    }),
  },
})
