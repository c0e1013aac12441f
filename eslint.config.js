// ESLint: the recommended JavaScript, typescript-eslint and Astro rules over the site, the core,
// scripts, benchmarks, tests and the Studio. Generated and built files are left out.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/', 'studio/dist/', 'studio/.sanity/', '.astro/', 'data/', 'bench/results/', 'test-results/', 'src/content/sanity.types.ts', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // An underscore says "deliberately unused" (a destructured field left out, a callback's first argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
