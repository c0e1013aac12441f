import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineField, defineType} from 'sanity'
import {API_VERSION} from '../lib/api'
import {languageTagProblem} from '../lib/locales'
import {VERSION} from '../lib/patterns'

export const complaintsCode = defineType({
  name: 'complaintsCode',
  title: 'Complaints code',
  type: 'document',
  icon: DocumentTextIcon,
  description:
    "An organisation's complaints code in one language and one version. The current code is the latest whose date has come; older versions stay readable.",
  fields: [
    defineField({
      name: 'organisation',
      title: 'Organisation',
      type: 'reference',
      to: [{type: 'organisation'}],
      description: 'Whose code this is.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'language',
      title: 'Language',
      type: 'string',
      description:
        "The language of this text (a BCP 47 code: en, cy, de-AT); one of the organisation's languages.",
      validation: (rule) =>
        rule.required().custom<string>(async (value, context) => {
          const ref = (context.document as {organisation?: {_ref?: string}} | undefined)
            ?.organisation?._ref
          if (value && languageTagProblem(value)) return languageTagProblem(value)!
          if (!value || !ref) return true
          const languages = await context
            .getClient({apiVersion: API_VERSION})
            .fetch<string[] | null>('*[_id == $ref][0].languages', {ref})
          return !languages || languages.includes(value)
            ? true
            : `The organisation does not publish in ${value}: add it to its languages first.`
        }),
    }),
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'The title of the code as published ("Complaints handling procedure").',
      validation: (rule) => rule.required().max(200),
    }),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'text',
      rows: 3,
      description: 'Optional short summary shown above the full text.',
      validation: (rule) => rule.max(1000),
    }),
    defineField({
      name: 'body',
      title: 'Text',
      type: 'codeBody',
      description: 'The full text: headings, paragraphs, lists, links and tables.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'version',
      title: 'Version',
      type: 'string',
      description:
        'Version number such as 1.0 or 2.1. Older versions stay readable at their own address.',
      validation: (rule) =>
        rule
          .required()
          .regex(VERSION, {name: 'version (1.0)'})
          .custom<string>(async (value, context) => {
            const doc = context.document as
              {_id: string; organisation?: {_ref?: string}; language?: string} | undefined
            if (!value || !doc?.organisation?._ref || !doc.language) return true
            const id = doc._id.replace(/^drafts\./, '')
            const taken = await context
              .getClient({apiVersion: API_VERSION})
              .fetch<number>(
                'count(*[_type == "complaintsCode" && organisation._ref == $org && language == $language && version == $value && !(_id in [$id, "drafts." + $id])])',
                {org: doc.organisation._ref, language: doc.language, value, id},
              )
            return taken === 0
              ? true
              : `Version ${value} in ${doc.language} already exists for this organisation.`
          }),
    }),
    defineField({
      name: 'effectiveFrom',
      title: 'In effect from',
      type: 'date',
      description: 'The day this version takes effect. A future date publishes it in advance.',
      validation: (rule) => rule.required(),
    }),
  ],
  orderings: [
    {
      title: 'Newest first',
      name: 'effectiveFromDesc',
      by: [{field: 'effectiveFrom', direction: 'desc'}],
    },
  ],
  preview: {
    select: {
      title: 'title',
      organisation: 'organisation.name',
      language: 'language',
      version: 'version',
      effectiveFrom: 'effectiveFrom',
    },
    prepare: ({title, organisation, language, version, effectiveFrom}) => ({
      title: title ?? 'Complaints code',
      subtitle: [
        organisation,
        language,
        version && `v${version}`,
        effectiveFrom && `from ${effectiveFrom}`,
      ]
        .filter(Boolean)
        .join(' · '),
      media: DocumentTextIcon,
    }),
  },
})
