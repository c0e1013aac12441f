import {TimelineIcon} from '@sanity/icons/Timeline'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n, uniqueStrings} from '../lib/validation'
import {commitmentEvents} from './commitment'
import {caseStatuses} from '../../src/cases/case-statuses'

export const stage = defineType({
  name: 'stage',
  title: 'Stage',
  type: 'object',
  icon: TimelineIcon,
  description: 'One step of the complaints process, shown in order.',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'internationalizedArrayString',
      description: 'Short name of the stage ("Stage 1: Investigation").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'internationalizedArrayText',
      description: 'What happens in this stage and what the complainant can expect.',
      validation: requiredI18n,
    }),
    defineField({
      name: 'commitments',
      title: 'Commitments in this stage',
      type: 'array',
      description: 'The commitments (by "what is promised") whose time limits apply in this stage.',
      of: [defineArrayMember({type: 'string', options: {list: commitmentEvents}})],
      options: {list: commitmentEvents},
      validation: (rule) =>
        rule.custom<string[]>((value, context) => {
          if (!value) return true
          const declared = (
            (context.document as {commitments?: {event?: string}[]} | undefined)?.commitments ?? []
          ).map((item) => item.event)
          const unknown = value.filter((event) => !declared.includes(event))
          if (unknown.length > 0)
            return `Add a commitment for ${unknown.join(', ')} first, or remove it here.`
          return uniqueStrings(value)
        }),
    }),
    defineField({
      name: 'statuses',
      title: 'Case statuses shown as this stage',
      type: 'array',
      description: `Which case statuses the tracking page shows as this stage: ${caseStatuses.join(', ')}.`,
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
      validation: (rule) => [
        rule.custom<string[]>(uniqueStrings),
        rule
          .custom<string[]>((value) => {
            const unknown = (value ?? []).filter(
              (status) => !(caseStatuses as readonly string[]).includes(status),
            )
            return unknown.length === 0 ? true : `Unknown case status: ${unknown.join(', ')}.`
          })
          .warning(),
      ],
    }),
  ],
  preview: {
    select: {title: 'title', commitments: 'commitments'},
    prepare: ({title, commitments}) => ({
      title: i18nTitle(title) ?? 'Stage',
      subtitle: Array.isArray(commitments) ? commitments.join(', ') : undefined,
      media: TimelineIcon,
    }),
  },
})
