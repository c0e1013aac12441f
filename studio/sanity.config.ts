import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {internationalizedArray} from 'sanity-plugin-internationalized-array'
import {structureTool} from 'sanity/structure'
import {locales} from './lib/locales'
import {schemaTypes} from './schemaTypes'

// Vite exposes SANITY_STUDIO_* variables to the Studio bundle through process.env.
const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'redress0'
const dataset = process.env.SANITY_STUDIO_DATASET || 'production'

export default defineConfig({
  name: 'default',
  title: 'Redress',
  projectId,
  dataset,
  plugins: [
    structureTool(),
    visionTool({defaultApiVersion: '2025-01-01'}),
    internationalizedArray({
      languages: locales.map(({id, title}) => ({id, title})),
      defaultLanguages: ['en'],
      // Registers internationalizedArrayString and internationalizedArrayText (with their
      // ...StringValue and ...TextValue item types) used across the schema.
      fieldTypes: ['string', 'text'],
      languageDisplay: 'titleAndCode',
      buttonLocations: ['field'],
    }),
  ],
  schema: {
    types: schemaTypes,
  },
})
