import {CaseIcon} from '@sanity/icons/Case'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {COUNTRY} from '../lib/patterns'
import {i18nTitle, requiredI18n, uniqueStrings} from '../lib/validation'

export const adrScheme = defineType({
  name: 'adrScheme',
  title: 'ADR scheme',
  type: 'document',
  icon: CaseIcon,
  description:
    'An Alternative Dispute Resolution body (ombudsman, arbitration board). Several organisations can share one.',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'internationalizedArrayString',
      description: 'The full name of the scheme in each language ("Energy Ombudsman").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'shortName',
      title: 'Short name',
      type: 'string',
      description: 'A short name or abbreviation used in lists ("Ombudsman Services", "BT").',
      validation: (rule) => rule.required().max(60),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'What the scheme is and what it can do for the complainant.',
      validation: requiredI18n,
    }),
    defineField({
      name: 'website',
      title: 'Website',
      type: 'url',
      description: "The scheme's website.",
      validation: (rule) => rule.required().uri({scheme: ['https', 'http']}),
    }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'string',
      description: 'Optional email address.',
      validation: (rule) => rule.email(),
    }),
    defineField({
      name: 'phones',
      title: 'Phone numbers',
      type: 'array',
      description: 'Optional phone numbers as they should be shown.',
      of: [defineArrayMember({type: 'string'})],
      validation: (rule) => rule.custom<string[]>(uniqueStrings),
    }),
    defineField({
      name: 'postalAddress',
      title: 'Postal address',
      type: 'postalAddress',
      description: 'Optional address for letters.',
      validation: (rule) => rule.optional(),
    }),
    defineField({
      name: 'jurisdiction',
      title: 'Jurisdiction',
      type: 'string',
      description: 'Country code (ISO 3166-1 alpha-2) where the scheme operates: GB, HU, TN.',
      validation: (rule) => rule.required().regex(COUNTRY, {name: 'country code'}),
    }),
    defineField({
      name: 'applyWithin',
      title: 'Apply within',
      type: 'duration',
      description:
        'Only where known: how long the complainant has to go to the scheme (for example 12 months after the final response).',
      validation: (rule) => rule.optional(),
    }),
  ],
  preview: {
    select: {name: 'name', shortName: 'shortName', jurisdiction: 'jurisdiction'},
    prepare: ({name, shortName, jurisdiction}) => ({
      title: i18nTitle(name) ?? shortName,
      subtitle: [shortName, jurisdiction].filter(Boolean).join(' · '),
      media: CaseIcon,
    }),
  },
})
