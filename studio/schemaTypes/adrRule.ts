import {CaseIcon} from '@sanity/icons/Case'
import {defineField, defineType} from 'sanity'
import {requiredI18n} from '../lib/validation'

export const adrRule = defineType({
  name: 'adrRule',
  title: 'ADR rule',
  type: 'object',
  icon: CaseIcon,
  description: 'When a complainant may take the complaint to an Alternative Dispute Resolution scheme.',
  fields: [
    defineField({
      name: 'scheme',
      title: 'Scheme',
      type: 'reference',
      to: [{type: 'adrScheme'}],
      description: 'The ADR scheme (ombudsman, arbitration board...).',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'afterWeeks',
      title: 'Eligible after (weeks)',
      type: 'number',
      description: 'Weeks after the complaint was received when the complainant may go to the scheme (8 in the UK). Leave empty when there is no such period.',
      validation: (rule) => rule.integer().min(0),
    }),
    defineField({
      name: 'onDeadlock',
      title: 'Eligible on deadlock',
      type: 'boolean',
      description: 'Turn on when a deadlock letter (final response) makes the complainant eligible at once.',
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'when',
      title: 'When, in words',
      type: 'internationalizedArrayText',
      description: 'When and how to go to the scheme, as shown to the public.',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {scheme: 'scheme.shortName', afterWeeks: 'afterWeeks', onDeadlock: 'onDeadlock'},
    prepare: ({scheme, afterWeeks, onDeadlock}) => ({
      title: scheme ?? 'ADR scheme',
      subtitle: [afterWeeks !== undefined ? `after ${afterWeeks} weeks` : undefined, onDeadlock ? 'on deadlock' : undefined]
        .filter(Boolean)
        .join(' or '),
      media: CaseIcon,
    }),
  },
})
