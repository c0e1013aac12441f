import {CaseIcon} from '@sanity/icons/Case'
import {defineField, defineType} from 'sanity'
import {requiredI18n, sibling} from '../lib/validation'

// The units a code uses for its ADR waiting period: "60 days", "20 business days", "8 weeks".
const periodUnits = ['calendarDays', 'businessDays', 'weeks', 'months']

export const adrRule = defineType({
  name: 'adrRule',
  title: 'ADR rule',
  type: 'object',
  icon: CaseIcon,
  description:
    'When a complainant may take the complaint to an Alternative Dispute Resolution scheme, as the code says it.',
  fields: [
    defineField({
      name: 'scheme',
      title: 'Scheme',
      type: 'reference',
      to: [{type: 'adrScheme'}],
      description:
        'The ADR body (ombudsman, arbitration board...): an ADR scheme document, shared by the organisations that use it.',
      validation: (rule) =>
        rule.required().error('An ADR rule needs an ADR body: choose the scheme.'),
    }),
    defineField({
      name: 'after',
      title: 'Eligible after',
      type: 'duration',
      description:
        'The waiting period after the complaint was received, in the code’s own unit: "8 weeks", "60 calendar days", "20 business days". Leave empty when there is none.',
      validation: (rule) =>
        rule.custom<{unit?: string}>((value) =>
          !value?.unit || periodUnits.includes(value.unit)
            ? true
            : 'Use calendar days, business days, weeks or months for a waiting period.',
        ),
    }),
    defineField({
      name: 'afterWeeks',
      title: 'Eligible after (weeks), older form',
      type: 'number',
      description: 'Older content kept weeks here; use "Eligible after" instead.',
      deprecated: {
        reason: 'Use "Eligible after", which takes days, business days, weeks or months.',
      },
      readOnly: true,
      hidden: ({value}) => value === undefined,
      validation: (rule) =>
        rule
          .integer()
          .positive()
          .error('Use a whole number of weeks above zero, or leave it empty.'),
    }),
    defineField({
      name: 'onDeadlock',
      title: 'Eligible on deadlock',
      type: 'boolean',
      description: 'Turn on when a deadlock letter makes the complainant eligible at once.',
      initialValue: true,
      validation: (rule) =>
        rule.required().custom<boolean>((value, context) =>
          // A rule with no way in would never let anyone go to the body.
          value ||
          sibling<boolean>(context, 'afterFinalResponse') ||
          sibling<unknown>(context, 'after') !== undefined ||
          sibling<number>(context, 'afterWeeks') !== undefined
            ? true
            : 'Turn this on, turn on "after the final response", or give the waiting period.',
        ),
    }),
    defineField({
      name: 'afterFinalResponse',
      title: 'Eligible after the final response',
      type: 'boolean',
      description:
        'Turn on when the complainant may go to the scheme once the organisation has given its final response (water: CCW after the company’s final response; finance: the final response letter).',
      initialValue: false,
    }),
    defineField({
      name: 'when',
      title: 'When, in words',
      type: 'internationalizedArrayText',
      description: 'When and how to go to the scheme, as the code says it, shown to the public.',
      validation: requiredI18n,
    }),
  ],
  preview: {
    select: {
      scheme: 'scheme.shortName',
      amount: 'after.amount',
      unit: 'after.unit',
      afterWeeks: 'afterWeeks',
      onDeadlock: 'onDeadlock',
      afterFinalResponse: 'afterFinalResponse',
    },
    prepare: ({scheme, amount, unit, afterWeeks, onDeadlock, afterFinalResponse}) => ({
      title: scheme ?? 'ADR scheme',
      subtitle: [
        amount !== undefined
          ? `after ${amount} ${unit ?? ''}`
          : afterWeeks !== undefined
            ? `after ${afterWeeks} weeks`
            : undefined,
        onDeadlock ? 'on deadlock' : undefined,
        afterFinalResponse ? 'after the final response' : undefined,
      ]
        .filter(Boolean)
        .join(' or '),
      media: CaseIcon,
    }),
  },
})
