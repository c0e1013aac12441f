import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'redress0',
    dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  },
  // Never ask the network whether a newer Studio exists: builds must work offline.
  deployment: {autoUpdates: false},
  typegen: {
    // GROQ queries live once in the site's content module (defineQuery from 'groq').
    path: '../src/content/**/*.ts',
    // Written by `npm run extract` (sanity schema extract --enforce-required-fields).
    schema: './schema.json',
    generates: '../src/content/sanity.types.ts',
    overloadClientMethods: true,
  },
})
