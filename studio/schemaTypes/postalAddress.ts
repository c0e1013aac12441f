import {PinIcon} from '@sanity/icons/Pin'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {COUNTRY} from '../lib/patterns'

export const postalAddress = defineType({
  name: 'postalAddress',
  title: 'Postal address',
  type: 'object',
  icon: PinIcon,
  description: 'An address printed exactly as written, one line per row.',
  fields: [
    defineField({
      name: 'lines',
      title: 'Lines',
      type: 'array',
      description:
        'The address lines in order, including the town and the postcode, as they should be printed.',
      of: [defineArrayMember({type: 'string', validation: (rule) => rule.required().min(1)})],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'country',
      title: 'Country code',
      type: 'string',
      description: 'Two capital letters (ISO 3166-1 alpha-2): GB, HU, FR, TN.',
      validation: (rule) => rule.required().regex(COUNTRY, {name: 'country code'}),
    }),
  ],
  preview: {
    select: {lines: 'lines', country: 'country'},
    prepare: ({lines, country}) => ({
      title: Array.isArray(lines) ? lines.join(', ') : 'Address',
      subtitle: country,
      media: PinIcon,
    }),
  },
})
