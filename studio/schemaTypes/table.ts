import {ThLargeIcon} from '@sanity/icons/ThLarge'
import {defineArrayMember, defineField, defineType} from 'sanity'

export const table = defineType({
  name: 'table',
  title: 'Table',
  type: 'object',
  icon: ThLargeIcon,
  description: 'A simple table of text, such as a schedule of compensation amounts.',
  fields: [
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Optional title read out before the table by screen readers.',
      validation: (rule) => rule.max(200),
    }),
    defineField({
      name: 'headerRow',
      title: 'First row is a header',
      type: 'boolean',
      description: 'Turn on when the first row holds column headings.',
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'rows',
      title: 'Rows',
      type: 'array',
      description: 'The rows in order. Give every row the same number of cells.',
      of: [defineArrayMember({type: 'tableRow'})],
      validation: (rule) =>
        rule
          .required()
          .min(1)
          .custom<{cells?: string[]}[]>((value) => {
            const widths = new Set((value ?? []).map((row) => row.cells?.length ?? 0))
            return widths.size <= 1 ? true : 'Give every row the same number of cells.'
          }),
    }),
  ],
  preview: {
    select: {caption: 'caption', rows: 'rows'},
    prepare: ({caption, rows}) => ({
      title: caption ?? 'Table',
      subtitle: `${Array.isArray(rows) ? rows.length : 0} row(s)`,
      media: ThLargeIcon,
    }),
  },
})
