import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit reads this to turn src/db/schema.ts into SQL migrations (`npm run db:generate`).
 * The one folder it writes, ./drizzle, is applied at start on PGlite and on PostgreSQL alike.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
