import {CloseCircleIcon} from '@sanity/icons/CloseCircle'
import {defineField, defineType} from 'sanity'
import {i18nTitle, requiredI18n} from '../lib/validation'

export const notAComplaintKinds = [
  {value: 'faultReport', title: 'Fault report (such as a power cut)'},
  {value: 'generalEnquiry', title: 'General enquiry'},
  {value: 'other', title: 'Something else'},
]

export const notAComplaint = defineType({
  name: 'notAComplaint',
  title: 'Situation that is not a complaint',
  type: 'object',
  icon: CloseCircleIcon,
  description: 'Shown before the form so people reach the right service first.',
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      description: 'What this really is instead of a complaint.',
      options: {list: notAComplaintKinds, layout: 'radio'},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'situation',
      title: 'Situation',
      type: 'internationalizedArrayText',
      description: 'The situation, as a person would describe it ("Your power is off").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'instead',
      title: 'What to do instead',
      type: 'internationalizedArrayText',
      description: 'Where to go instead, with the number or page ("Report it on 0800 ...").',
      validation: requiredI18n,
    }),
    defineField({
      name: 'url',
      title: 'Link',
      type: 'url',
      description: 'Optional page where people can do that instead.',
      validation: (rule) => rule.uri({scheme: ['https', 'http']}),
    }),
  ],
  preview: {
    select: {situation: 'situation', kind: 'kind'},
    prepare: ({situation, kind}) => ({
      title: i18nTitle(situation) ?? 'Situation',
      subtitle: kind,
      media: CloseCircleIcon,
    }),
  },
})
