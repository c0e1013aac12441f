import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // One PostgreSQL server for the store tests (TEST_DATABASE_URL or a throwaway cluster).
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
