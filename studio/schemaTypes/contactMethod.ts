import {EnvelopeIcon} from '@sanity/icons/Envelope'
import {defineField, defineType} from 'sanity'
import {i18nTitle, optionalI18n, sibling} from '../lib/validation'

export const contactKinds = [
  {value: 'phone', title: 'Phone'},
  {value: 'email', title: 'Email'},
  {value: 'webchat', title: 'Web chat'},
  {value: 'whatsapp', title: 'WhatsApp'},
  {value: 'post', title: 'Post'},
  {value: 'fax', title: 'Fax'},
  {value: 'inPerson', title: 'In person'},
  {value: 'accountManager', title: 'Account manager'},
  {value: 'website', title: 'Website'},
]

export const contactPurposes = [
  {value: 'general', title: 'General: first contact about a problem'},
  {value: 'formal', title: 'Formal: making a formal complaint'},
  {value: 'escalation', title: 'Escalation: when not satisfied'},
  {value: 'accessibility', title: 'Accessibility: special arrangements and formats'},
]

export const contactMethod = defineType({
  name: 'contactMethod',
  title: 'Contact method',
  type: 'object',
  icon: EnvelopeIcon,
  description: 'One way to reach the organisation about a complaint.',
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      description: 'How people get in touch.',
      options: {list: contactKinds, layout: 'dropdown'},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'value',
      title: 'Value',
      type: 'string',
      description:
        'What is shown: the phone number, email address, postal address on one line, or the link text.',
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'url',
      title: 'Link',
      type: 'url',
      description:
        'Optional link for web chat, WhatsApp or a web page. Phone and email links are made from the value.',
      validation: (rule) => rule.uri({scheme: ['https', 'http', 'mailto', 'tel']}),
    }),
    defineField({
      name: 'purpose',
      title: 'Purpose',
      type: 'string',
      description: 'What this contact is for.',
      options: {list: contactPurposes, layout: 'radio'},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'label',
      title: 'Label',
      type: 'internationalizedArrayString',
      description: 'Optional name shown instead of the kind ("Complaints line").',
      validation: optionalI18n,
    }),
    defineField({
      name: 'availability',
      title: 'Availability',
      type: 'internationalizedArrayText',
      description: 'When it is available or what it costs, in words ("Free from UK landlines").',
      validation: optionalI18n,
    }),
    defineField({
      name: 'openingHours',
      title: 'Opening hours',
      type: 'openingHours',
      description:
        'Only when the organisation states hours for this contact: "open now" is worked out from them.',
      validation: (rule) =>
        rule
          .custom((value, context) =>
            value && ['post', 'website'].includes(sibling<string>(context, 'kind') ?? '')
              ? 'Letters and web pages have no opening hours: remove them here.'
              : true,
          )
          .warning(),
    }),
  ],
  preview: {
    select: {kind: 'kind', value: 'value', purpose: 'purpose', label: 'label'},
    prepare: ({kind, value, purpose, label}) => ({
      title: value,
      subtitle: [i18nTitle(label), kind, purpose].filter(Boolean).join(' · '),
      media: EnvelopeIcon,
    }),
  },
})
