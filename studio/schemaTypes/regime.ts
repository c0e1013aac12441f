import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const regimeSectors = [
  {value: 'telecoms', title: 'Telecommunications'},
  {value: 'finance', title: 'Financial services'},
  {value: 'energy', title: 'Energy'},
  {value: 'water', title: 'Water'},
  {value: 'general', title: 'Any consumer business'},
]

export const regime = defineType({
  name: 'regime',
  title: 'Regulatory regime',
  type: 'document',
  icon: DocumentTextIcon,
  description:
    'The law or regulator’s rules an organisation’s complaints handling is under, for one sector in one country (Ofcom General Condition C4 for UK telecoms). Organisations point at it; complainants get the stricter of the law and the organisation’s promise.',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'internationalizedArrayString',
      description: 'The rule as people cite it ("Ofcom General Condition C4").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'shortName',
      title: 'Short name',
      type: 'string',
      description: 'A short name for lists and sentences ("Ofcom GC C4", "FCA DISP 1").',
      validation: (rule) => rule.required().max(60),
    }),
    defineField({
      name: 'country',
      title: 'Country code',
      type: 'string',
      description: 'ISO 3166-1 alpha-2 (GB, HU); EU for a European Union rule.',
      validation: (rule) => rule.required().regex(/^([A-Z]{2}|EU)$/, {name: 'country code'}),
    }),
    defineField({
      name: 'sector',
      title: 'Sector',
      type: 'string',
      options: {list: regimeSectors, layout: 'dropdown'},
      description: 'The sector the rules are for.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'regulator',
      title: 'Regulator',
      type: 'string',
      description: 'Who makes and enforces the rules ("Ofcom", "Financial Conduct Authority").',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'description',
      title: 'What the rules say, with sources',
      type: 'internationalizedArrayText',
      description:
        'The facts in plain words, each with where it is written (rule number and address), and what could not be confirmed.',
      validation: requiredI18n,
    }),
    defineField({
      name: 'adrOnDeadlock',
      title: 'ADR at once on a deadlock letter',
      type: 'boolean',
      description:
        'Turn on where the law lets the complainant go to ADR as soon as the organisation says it cannot resolve the complaint.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'adrAfterFinalResponse',
      title: 'ADR after the final response',
      type: 'boolean',
      description:
        'Turn on where the law lets the complainant go to ADR once the organisation has given its final response (FCA: the Financial Ombudsman Service).',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'adrSchemes',
      title: 'Approved ADR schemes',
      type: 'array',
      description:
        'The bodies the regulator approves (Ofcom: CISAS and the Communications Ombudsman), shown beside the organisation’s own words.',
      of: [defineArrayMember({type: 'reference', to: [{type: 'adrScheme'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'limits',
      title: 'Statutory limits',
      type: 'array',
      description:
        'Each time limit with the date it applies from. Keep old limits: cases received before a change keep them.',
      of: [defineArrayMember({type: 'regimeLimit'})],
      validation: (rule) =>
        rule
          .required()
          .min(1)
          .custom<{kind?: string; effectiveFrom?: string}[]>((value) => {
            const seen = new Set((value ?? []).map((l) => `${l.kind}@${l.effectiveFrom}`))
            return seen.size === (value ?? []).length
              ? true
              : 'Two limits of the same kind start on the same date: keep one.'
          }),
    }),
  ],
  preview: {
    select: {name: 'name', country: 'country', sector: 'sector'},
    prepare: ({name, country, sector}) => ({
      title: i18nTitle(name) ?? 'Regime',
      subtitle: [country, sector].filter(Boolean).join(' · '),
      media: DocumentTextIcon,
    }),
  },
})
