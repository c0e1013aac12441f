import {TransferIcon} from '@sanity/icons/Transfer'
import {defineField, defineType} from 'sanity'
import {optionalI18n, sibling} from '../lib/validation'

export const appealReviewers = [
  {value: 'notPreviouslyInvolvedManager', title: 'A manager not involved in the case before'},
  {value: 'anyManager', title: 'Any manager'},
]

/** Required when the appeal is enabled. */
const whenEnabled = (label: string) => (value: unknown, context: Parameters<typeof sibling>[0]) =>
  sibling<boolean>(context, 'enabled') && !value ? `Set ${label} when appeals are allowed.` : true

export const appealPolicy = defineType({
  name: 'appealPolicy',
  title: 'Appeal policy',
  type: 'object',
  icon: TransferIcon,
  description: 'Whether and how a complainant can appeal against the proposed resolution.',
  fields: [
    defineField({
      name: 'enabled',
      title: 'Appeals allowed',
      type: 'boolean',
      description: 'Turn on when complainants may appeal against the proposed resolution.',
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'window',
      title: 'Appeal window',
      type: 'duration',
      description: 'How long the complainant has to appeal.',
      validation: (rule) => rule.custom(whenEnabled('the appeal window')),
    }),
    defineField({
      name: 'countedFrom',
      title: 'Window counted from',
      type: 'string',
      description: 'When the appeal window starts.',
      options: {list: [{value: 'proposal', title: 'The proposed resolution'}], layout: 'radio'},
      initialValue: 'proposal',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'reviewer',
      title: 'Who decides',
      type: 'string',
      description: 'Who may decide an appeal. The back office enforces this rule.',
      options: {list: appealReviewers, layout: 'radio'},
      initialValue: 'notPreviouslyInvolvedManager',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'reviewerDescription',
      title: 'Who decides, in words',
      type: 'internationalizedArrayText',
      description: 'Optional public wording of who reviews the appeal ("a senior manager").',
      validation: optionalI18n,
    }),
    defineField({
      name: 'decision',
      title: 'Decision within',
      type: 'duration',
      description: 'How long the organisation takes to decide an appeal.',
      validation: (rule) => rule.custom(whenEnabled('the decision time')).warning(),
    }),
    defineField({
      name: 'final',
      title: 'Decision is final',
      type: 'boolean',
      description: "Turn on when the appeal decision is the organisation's final word.",
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'How to appeal, in the words shown to the public.',
      validation: optionalI18n,
    }),
  ],
  preview: {
    select: {enabled: 'enabled', amount: 'window.amount', unit: 'window.unit'},
    prepare: ({enabled, amount, unit}) => ({
      title: enabled ? `Appeal within ${amount ?? '?'} ${unit ?? ''}` : 'No appeal',
      media: TransferIcon,
    }),
  },
})
