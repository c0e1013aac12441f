import {ClockIcon} from '@sanity/icons/Clock'
import {defineField, defineType} from 'sanity'
import {optionalI18n} from '../lib/validation'

export const regimeLimitKinds = [
  {value: 'resolve', title: 'Final response due within (moves the answer date)'},
  {
    value: 'resolveCompensation',
    title: 'Final response to a compensation claim due within (moves that date)',
  },
  {value: 'adrAfter', title: 'May go to ADR after (moves the ADR date)'},
  {value: 'retention', title: 'Records kept for (closed cases are anonymised after it)'},
  {value: 'acknowledge', title: 'Acknowledge within (shown only)'},
  {value: 'summaryResolution', title: 'Summary resolution within (shown only)'},
  {value: 'adrApplyWithin', title: 'Complainant must go to ADR within (shown only)'},
  {value: 'adrOutcome', title: 'ADR body decides within (shown only)'},
]

export const regimeLimit = defineType({
  name: 'regimeLimit',
  title: 'Statutory limit',
  type: 'object',
  icon: ClockIcon,
  description:
    'One time limit the law sets, and the date from which it applies. When the law changes, add a new limit of the same kind with its own date: cases keep the limit in force when they were received.',
  fields: [
    defineField({
      name: 'kind',
      title: 'What it limits',
      type: 'string',
      options: {list: regimeLimitKinds, layout: 'dropdown'},
      description:
        'The first three change the dates complainants are given (the stricter of the law and the organisation’s promise); the others are shown beside the organisation’s code.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'duration',
      title: 'Limit',
      type: 'duration',
      description:
        'As the law says it: "8 weeks", "30 calendar days", "36 months" for three years.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'effectiveFrom',
      title: 'Applies from',
      type: 'date',
      description:
        'Complaints received on or after this date (in the organisation’s time zone) get this limit.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'source',
      title: 'Source',
      type: 'url',
      description: 'Where the limit is written: the rule itself or the regulator’s statement.',
      validation: (rule) => rule.required().uri({scheme: ['https', 'http']}),
    }),
    defineField({
      name: 'note',
      title: 'Note',
      type: 'internationalizedArrayText',
      description: 'Optional: what the rule says in words, or what could not be confirmed.',
      validation: optionalI18n,
    }),
  ],
  preview: {
    select: {kind: 'kind', amount: 'duration.amount', unit: 'duration.unit', from: 'effectiveFrom'},
    prepare: ({kind, amount, unit, from}) => ({
      title: `${kind ?? 'limit'}: ${amount ?? '?'} ${unit ?? ''}`,
      subtitle: from ? `from ${from}` : undefined,
      media: ClockIcon,
    }),
  },
})
