import js from '@eslint/js';
import fs from 'node:fs';
import tseslint from 'typescript-eslint';

const MODULE_NAMES = fs
  .readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'public/build/', '.cache/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // The dependency rules of docs/architecture.md: the platform knows no module, a module knows no other module, and only
  // the composition root (src/app.ts, src/main.ts) holds the list of modules.
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/*', '**/modules/**'],
              message: 'The platform never imports a module: add a contract to src/platform/modules.ts.',
            },
          ],
        },
      ],
    },
  },
  ...MODULE_NAMES.map((name) => ({
    files: [`src/modules/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(modules/)?(${MODULE_NAMES.filter((other) => other !== name).join('|')})/`,
              message: 'A module never imports another module: they meet through contracts in src/platform/modules.ts.',
            },
            {
              regex: '^(\\.\\./)+(modules/)?index\\.js$',
              message: 'Only the composition root (src/app.ts, src/main.ts) imports the list of modules.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/assets/**/*.js'],
    languageOptions: { globals: { document: 'readonly', fetch: 'readonly', window: 'readonly', HTMLScriptElement: 'readonly' } },
  },
);
