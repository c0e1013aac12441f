import {CaseIcon} from '@sanity/icons/Case'
import {defineField, defineType} from 'sanity'
import {requiredI18n, sibling} from '../lib/validation'

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
      description: 'The ADR body (ombudsman, arbitration board...): an ADR scheme document, shared by the organisations that use it.',
      validation: (rule) => rule.required().error('An ADR rule needs an ADR body: choose the scheme.'),
    }),
    defineField({
      name: 'afterWeeks',
      title: 'Eligible after (weeks)',
      type: 'number',
      description: 'Weeks after the complaint was received when the complainant may go to the scheme (8 in the UK). Leave empty when there is no such period.',
      validation: (rule) => rule.integer().positive().error('Use a whole number of weeks above zero, or leave it empty.'),
    }),
    defineField({
      name: 'onDeadlock',
      title: 'Eligible on deadlock',
      type: 'boolean',
      description: 'Turn on when a deadlock letter (final response) makes the complainant eligible at once.',
      initialValue: true,
      validation: (rule) =>
        rule.required().custom<boolean>((value, context) =>
          // A rule with neither a waiting period nor deadlock would never let anyone go to the body.
          value || sibling<number>(context, 'afterWeeks') !== undefined
            ? true
            : 'Turn this on or give the weeks after which the complainant is eligible.',
        ),
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
