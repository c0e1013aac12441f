import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {internationalizedArray} from 'sanity-plugin-internationalized-array'
import {structureTool} from 'sanity/structure'
import {API_VERSION} from './lib/api'
import {languageTitle, locales} from './lib/locales'
import {productionUrl} from './lib/production-url'
import {structure} from './lib/structure'
import {schemaTypes} from './schemaTypes'

// Vite exposes SANITY_STUDIO_* variables to the Studio bundle through process.env.
const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'redress0'
const dataset = process.env.SANITY_STUDIO_DATASET || 'production'
// The public site, for "Open preview". The preview secret ends up in the Studio's bundle:
// set it only for a Studio that only editors can load (see docs/editors.md).
const siteUrl = process.env.SANITY_STUDIO_SITE_URL || 'http://localhost:4321'
const previewSecret = process.env.SANITY_STUDIO_PREVIEW_SECRET || undefined

export default defineConfig({
  name: 'default',
  title: 'Redress',
  projectId,
  dataset,
  plugins: [
    structureTool({structure}),
    visionTool({defaultApiVersion: API_VERSION}),
    internationalizedArray({
      // The interface languages, then every language an organisation publishes in (cy, de...),
      // the edited organisation's own first: content is not limited to the interface's languages.
      select: {languages: 'languages'},
      languages: async (client, {languages}: {languages?: unknown}) => {
        const own = Array.isArray(languages)
          ? languages.filter((l): l is string => typeof l === 'string')
          : []
        const published = await client
          .fetch<string[]>('array::unique(*[_type == "organisation"].languages[])')
          .catch(() => [])
        const ids = [...new Set([...own, ...locales.map(({id}) => id), ...(published ?? [])])]
        return ids.map((id) => ({
          id,
          title: locales.find((l) => l.id === id)?.title ?? languageTitle(id),
        }))
      },
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
  document: {
    productionUrl: async (previous, {document, getClient}) =>
      (await productionUrl(document, getClient({apiVersion: API_VERSION}), {
        siteUrl,
        previewSecret,
      })) ?? previous,
  },
})
