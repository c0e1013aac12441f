import {ThListIcon} from '@sanity/icons/ThList'
import {defineArrayMember, defineField, defineType} from 'sanity'

export const tableRow = defineType({
  name: 'tableRow',
  title: 'Row',
  type: 'object',
  icon: ThListIcon,
  description: 'One row of a table.',
  fields: [
    defineField({
      name: 'cells',
      title: 'Cells',
      type: 'array',
      description: 'The cells from the start of the line, as plain text.',
      of: [defineArrayMember({type: 'string'})],
      validation: (rule) => rule.required().min(1),
    }),
  ],
  preview: {
    select: {cells: 'cells'},
    prepare: ({cells}) => ({
      title: Array.isArray(cells) ? cells.join(' | ') : 'Row',
      media: ThListIcon,
    }),
  },
})
