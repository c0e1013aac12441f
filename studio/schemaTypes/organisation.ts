import {CaseIcon} from '@sanity/icons/Case'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {API_VERSION} from '../lib/api'
import {localeIds} from '../lib/locales'
import {COUNTRY, REFERENCE_PREFIX, SLUG, TIME_ZONE} from '../lib/patterns'
import {i18nTitle, languageList, optionalI18n, requiredI18n} from '../lib/validation'
import {contradictions, type PromiseToCheck, type RegimeToCheck} from '../../src/cases/regime-check'

export const organisation = defineType({
  name: 'organisation',
  title: 'Organisation',
  type: 'document',
  icon: CaseIcon,
  description: 'An organisation that publishes its complaints process on Redress.',
  groups: [
    {name: 'basics', title: 'Basics', default: true},
    {name: 'contact', title: 'Contact'},
    {name: 'process', title: 'Process and time limits'},
    {name: 'access', title: 'Accessibility'},
    {name: 'feedback', title: 'Feedback'},
  ],
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      group: 'basics',
      description: 'The name as the organisation writes it ("OPUS TITÁSZ Zrt.").',
      validation: (rule) => rule.required().min(2).max(120),
    }),
    defineField({
      name: 'slug',
      title: 'Web address segment',
      type: 'slug',
      group: 'basics',
      description:
        'Part of the page address: lowercase letters, digits and hyphens ("opus-titasz").',
      options: {source: 'name', maxLength: 60},
      validation: (rule) =>
        rule
          .required()
          .custom((value) =>
            !value?.current || SLUG.test(value.current)
              ? true
              : 'Use lowercase letters a-z, digits and single hyphens.',
          ),
    }),
    defineField({
      name: 'referencePrefix',
      title: 'Reference prefix',
      type: 'string',
      group: 'basics',
      description:
        'Two to four capital letters that start every case reference ("OPT"). Unique across organisations; do not change it once cases exist.',
      validation: (rule) =>
        rule
          .required()
          .regex(REFERENCE_PREFIX, {name: '2-4 capital letters'})
          .custom<string>(async (value, context) => {
            if (!value || !context.document) return true
            const id = context.document._id.replace(/^drafts\./, '')
            const taken = await context
              .getClient({apiVersion: API_VERSION})
              .fetch<number>(
                'count(*[_type == "organisation" && referencePrefix == $value && !(_id in [$id, "drafts." + $id])])',
                {value, id},
              )
            return taken === 0 ? true : `Another organisation already uses ${value}.`
          }),
    }),
    defineField({
      name: 'sector',
      title: 'Sector',
      type: 'internationalizedArrayString',
      group: 'basics',
      description: 'What the organisation does, in a few words ("Electricity distribution").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'country',
      title: 'Country code',
      type: 'string',
      group: 'basics',
      description:
        'Two capital letters (ISO 3166-1 alpha-2): GB, HU, TN. Public holidays come from this country.',
      validation: (rule) => rule.required().regex(COUNTRY, {name: 'country code'}),
    }),
    defineField({
      name: 'region',
      title: 'Holiday region',
      type: 'string',
      group: 'basics',
      description:
        'Optional region for public holidays, as the holiday calendar names it ("ENG" for England and Wales).',
      validation: (rule) => rule.regex(/^[A-Z0-9]{1,4}$/, {name: 'region code'}),
    }),
    defineField({
      name: 'timeZone',
      title: 'Time zone',
      type: 'string',
      group: 'basics',
      description:
        'IANA time zone in which deadlines and opening hours are counted ("Europe/London").',
      validation: (rule) => rule.required().regex(TIME_ZONE, {name: 'IANA time zone'}),
    }),
    defineField({
      name: 'languages',
      title: 'Languages',
      type: 'array',
      group: 'basics',
      description: `BCP 47 codes of the languages the organisation publishes in, in any language: cy for Welsh, de for German, fr-BE for Belgian French. The first is its original language. The site's own words are in ${localeIds.join(', ')}; pages in another language show them in the nearest of these (fr-BE: fr) or in English (cy).`,
      // One line per language keeps the order editors choose (the first is the original).
      of: [defineArrayMember({type: 'string'})],
      validation: (rule) =>
        rule
          .required()
          .min(1)
          .custom<string[]>(languageList)
          .custom<string[]>(async (value, context) => {
            if (!value || value.length === 0 || !context.document) return true
            const id = context.document._id.replace(/^drafts\./, '')
            // Drafts of codes count: an editor writes the codes, publishes the organisation, then the codes.
            const covered = await context
              .getClient({apiVersion: API_VERSION})
              .fetch<string[]>(
                'array::unique(*[_type == "complaintsCode" && organisation._ref == $id].language)',
                {id},
              )
            const missing = value.filter((language) => !covered.includes(language))
            return missing.length === 0
              ? true
              : `Write a complaints code in ${missing.join(', ')} (a Complaints code document for this organisation), or remove the language.`
          }),
    }),
    defineField({
      name: 'translatedLanguages',
      title: 'Languages translated by Redress',
      type: 'array',
      group: 'basics',
      description:
        "Languages whose text is Redress's translation rather than the organisation's own; pages say so. Only languages listed above, never the first.",
      of: [defineArrayMember({type: 'string'})],
      validation: (rule) =>
        rule.custom<string[]>((value, context) => {
          if (!value || value.length === 0) return true
          const listed = languageList(value)
          if (listed !== true) return listed
          const languages = ((context.document as {languages?: string[]} | undefined)?.languages ??
            []) as string[]
          const outside = value.filter((language) => !languages.includes(language))
          if (outside.length > 0)
            return `Add ${outside.join(', ')} to Languages first, or remove it here.`
          if (value.includes(languages[0]))
            return `${languages[0]} is the original language, not a translation.`
          return true
        }),
    }),
    defineField({
      name: 'website',
      title: 'Website',
      type: 'url',
      group: 'basics',
      description: "Optional address of the organisation's own website.",
      validation: (rule) => rule.uri({scheme: ['https', 'http']}),
    }),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'internationalizedArrayText',
      group: 'basics',
      description: "One or two sentences introducing the organisation's complaints process.",
      validation: requiredI18n,
    }),
    defineField({
      name: 'handledBy',
      title: 'Handled by',
      type: 'internationalizedArrayText',
      group: 'basics',
      description:
        'Optional: who handles complaints on the organisation\'s behalf ("OPTESZ OPUS Zrt.").',
      validation: optionalI18n,
    }),
    defineField({
      name: 'whenToComplain',
      title: 'When to complain',
      type: 'array',
      group: 'process',
      description: 'Situations that are complaints.',
      of: [defineArrayMember({type: 'complaintSituation'})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'whenNotToComplain',
      title: 'When not to complain',
      type: 'array',
      group: 'process',
      description:
        'Situations that belong elsewhere (a power cut is a fault report), shown before the form.',
      of: [defineArrayMember({type: 'notAComplaint'})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'businessHours',
      title: 'Business hours',
      type: 'openingHours',
      group: 'process',
      description: 'The working week. Deadlines in working hours are counted inside these hours.',
      validation: (rule) =>
        rule
          .custom((value, context) => {
            const commitments = (
              context.document as {commitments?: {duration?: {unit?: string}}[]} | undefined
            )?.commitments
            const needsHours = commitments?.some((item) => item.duration?.unit === 'workingHours')
            // A warning, not an error: an organisation may publish working-hours commitments
            // without publishing its hours; deadlines then assume Mon-Fri 09:00-17:00.
            return needsHours && !value
              ? 'Without business hours, working hours are counted Mon-Fri 09:00-17:00. Set them if yours differ.'
              : true
          })
          .warning(),
    }),
    defineField({
      name: 'closures',
      title: 'Closures',
      type: 'array',
      group: 'process',
      description: "The organisation's own closed days beyond public holidays.",
      of: [defineArrayMember({type: 'closure'})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'contactMethods',
      title: 'Contact methods',
      type: 'array',
      group: 'contact',
      description:
        'Ways to reach the organisation about a complaint, in the order shown. At least one.',
      of: [defineArrayMember({type: 'contactMethod'})],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'addresses',
      title: 'Offices and premises',
      type: 'array',
      group: 'contact',
      description: 'Optional addresses of offices people can write to or visit.',
      of: [defineArrayMember({type: 'officeAddress'})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'commitments',
      title: 'Response-time commitments',
      type: 'array',
      group: 'process',
      description:
        'Time limits the organisation commits to. Case deadlines are computed from them.',
      of: [defineArrayMember({type: 'commitment'})],
      validation: (rule) =>
        rule
          .required()
          .min(1)
          .custom<{event?: string; route?: string}[]>((value) => {
            const keys = (value ?? []).map((item) => `${item.route}/${item.event}`)
            const repeated = keys.filter((key, index) => keys.indexOf(key) !== index)
            return repeated.length === 0
              ? true
              : `There is more than one commitment for ${[...new Set(repeated)].join(', ')}.`
          }),
    }),
    defineField({
      name: 'stages',
      title: 'Stages',
      type: 'array',
      group: 'process',
      description: 'The steps of the complaints process, in order.',
      of: [defineArrayMember({type: 'stage'})],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'appealPolicy',
      title: 'Appeal policy',
      type: 'appealPolicy',
      group: 'process',
      description: 'Whether and how the complainant can appeal against the proposed resolution.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'reopenPolicy',
      title: 'Re-open policy',
      type: 'reopenPolicy',
      group: 'process',
      description: 'Optional: whether a complainant who is not satisfied can re-open or escalate.',
      validation: (rule) => rule.optional(),
    }),
    defineField({
      name: 'regime',
      title: 'Regulatory regime',
      type: 'reference',
      to: [{type: 'regime'}],
      group: 'process',
      description:
        'Optional: the law or regulator’s rules the organisation is under (Ofcom GC C4, FCA DISP 1). Complainants get the stricter of the law and this code; a warning shows where the code promises less than the law.',
      validation: (rule) =>
        rule
          .custom(async (value: {_ref?: string} | undefined, context) => {
            if (!value?._ref) return true
            const client = context.getClient({apiVersion: API_VERSION})
            const regime = await client.fetch<RegimeToCheck | null>(
              '*[_id == $id][0]{"name": shortName, limits[]{kind, duration, effectiveFrom}, adrOnDeadlock, adrAfterFinalResponse}',
              {id: value._ref.replace(/^drafts\./, '')},
            )
            if (!regime) return true
            const doc = context.document as
              | {
                  commitments?: PromiseToCheck['commitments']
                  adr?: {
                    after?: PromiseToCheck['adr'][number]['after']
                    afterWeeks?: number
                    onDeadlock?: boolean
                    afterFinalResponse?: boolean
                  }[]
                }
              | undefined
            const adr = (doc?.adr ?? []).map((r) => ({
              after:
                r.after ??
                (typeof r.afterWeeks === 'number'
                  ? {amount: r.afterWeeks, unit: 'weeks'}
                  : undefined),
              onDeadlock: r.onDeadlock,
              afterFinalResponse: r.afterFinalResponse,
            }))
            const today = new Date().toISOString().slice(0, 10)
            const found = contradictions(
              {commitments: doc?.commitments ?? [], adr},
              {...regime, limits: regime.limits ?? []},
              today,
            )
            // A warning, not an error: the published code is the organisation's own words, and the
            // site already applies the law's stricter dates; the editor should still know.
            return found.length === 0
              ? true
              : {message: found.map((f) => f.message).join(' '), level: 'warning'}
          })
          .warning(),
    }),
    defineField({
      name: 'adr',
      title: 'Alternative Dispute Resolution',
      type: 'array',
      group: 'process',
      description: 'Schemes the complainant may go to, and when.',
      of: [defineArrayMember({type: 'adrRule'})],
      validation: (rule) =>
        rule.custom<{scheme?: {_ref?: string}}[]>((value) => {
          const refs = (value ?? []).map((item) => item.scheme?._ref)
          return new Set(refs).size === refs.length ? true : 'Each scheme should appear once.'
        }),
    }),
    defineField({
      name: 'compensation',
      title: 'Compensation',
      type: 'internationalizedArrayText',
      group: 'process',
      description: 'Optional: what compensation is available and how to claim it.',
      validation: optionalI18n,
    }),
    defineField({
      name: 'accessibilityServices',
      title: 'Accessibility services',
      type: 'internationalizedArrayText',
      group: 'access',
      description: 'Optional general statement on special arrangements for disabled customers.',
      validation: optionalI18n,
    }),
    defineField({
      name: 'accessibleFormats',
      title: 'Accessible formats',
      type: 'array',
      group: 'access',
      description: 'Formats in which people can ask for the complaints code.',
      of: [defineArrayMember({type: 'accessibleFormat'})],
      validation: (rule) =>
        rule.custom<{format?: string}[]>((value) => {
          const formats = (value ?? []).map((item) => item.format)
          return new Set(formats).size === formats.length ? true : 'List each format once.'
        }),
    }),
    defineField({
      name: 'freePostedCopy',
      title: 'Free posted copy',
      type: 'freePostedCopy',
      group: 'access',
      description: 'Whether a printed copy of the code is posted free on request.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'positiveFeedback',
      title: 'Compliments',
      type: 'positiveFeedback',
      group: 'feedback',
      description: 'Whether the organisation takes compliments.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'satisfactionSurvey',
      title: 'Satisfaction survey',
      type: 'satisfactionSurvey',
      group: 'feedback',
      description: 'Optional rating asked for after a case is closed.',
      validation: (rule) => rule.optional(),
    }),
    defineField({
      name: 'codeReview',
      title: 'Comments on the code',
      type: 'internationalizedArrayText',
      group: 'feedback',
      description: 'Optional: how people can comment on the complaints code itself.',
      validation: optionalI18n,
    }),
    defineField({
      name: 'publishPerformance',
      title: 'Publish performance',
      type: 'boolean',
      group: 'feedback',
      description: 'Turn on to show a public monthly page of complaint numbers and times.',
      initialValue: false,
      validation: (rule) =>
        rule.custom((value) =>
          value === undefined || typeof value === 'boolean' ? true : 'Turn this on or off.',
        ),
    }),
    defineField({
      name: 'complaintForm',
      title: 'Complaint form',
      type: 'reference',
      to: [{type: 'complaintForm'}],
      group: 'basics',
      description: 'The form complainants fill in.',
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {title: 'name', prefix: 'referencePrefix', sector: 'sector', country: 'country'},
    prepare: ({title, prefix, sector, country}) => ({
      title,
      subtitle: [prefix, country, i18nTitle(sector)].filter(Boolean).join(' · '),
      media: CaseIcon,
    }),
  },
})
