import {CogIcon} from '@sanity/icons/Cog'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {MIME_TYPE} from '../lib/patterns'
import {uniqueStrings} from '../lib/validation'

export const replyChannels = [
  {value: 'email', title: 'Email'},
  {value: 'post', title: 'Post'},
  {value: 'phone', title: 'Phone'},
]

export const formSettings = defineType({
  name: 'formSettings',
  title: 'Form settings',
  type: 'object',
  icon: CogIcon,
  description: 'How the standard parts of the complaint form behave.',
  fields: [
    defineField({
      name: 'replyChannels',
      title: 'Reply channels',
      type: 'array',
      description: 'How the complainant may choose to get replies.',
      of: [defineArrayMember({type: 'string', options: {list: replyChannels}})],
      options: {list: replyChannels, layout: 'grid'},
      validation: (rule) => rule.required().min(1).custom<string[]>(uniqueStrings),
    }),
    defineField({
      name: 'phoneRequired',
      title: 'Phone number required',
      type: 'boolean',
      description: 'Turn on when every complainant must give a phone number.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'maxFiles',
      title: 'Most attachments',
      type: 'number',
      description: 'How many files a complainant may attach in total (0 for none).',
      initialValue: 5,
      validation: (rule) => rule.required().integer().min(0).max(20),
    }),
    defineField({
      name: 'maxFileSizeMb',
      title: 'Largest file (MB)',
      type: 'number',
      description: 'The largest size of one attachment, in megabytes.',
      initialValue: 10,
      validation: (rule) => rule.required().min(1).max(50),
    }),
    defineField({
      name: 'acceptedFileTypes',
      title: 'Accepted file types',
      type: 'array',
      description:
        'MIME types accepted for attachments, such as application/pdf, image/jpeg, image/png.',
      of: [
        defineArrayMember({
          type: 'string',
          validation: (rule) => rule.regex(MIME_TYPE, {name: 'MIME type'}),
        }),
      ],
      options: {layout: 'tags'},
      validation: (rule) => rule.required().min(1).custom<string[]>(uniqueStrings),
    }),
  ],
  preview: {
    select: {channels: 'replyChannels', maxFiles: 'maxFiles'},
    prepare: ({channels, maxFiles}) => ({
      title: `Replies by ${Array.isArray(channels) ? channels.join(', ') : '?'}`,
      subtitle: `Up to ${maxFiles ?? '?'} files`,
      media: CogIcon,
    }),
  },
})
