import js from '@eslint/js';
import fs from 'node:fs';
import tseslint from 'typescript-eslint';

const MODULE_NAMES = fs
  .readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const PLATFORM_IMPORTS = [
  {
    group: ['**/modules/*', '**/modules/**'],
    message: 'The platform never imports a module: add a contract to src/platform/modules.ts.',
  },
];

const moduleImports = (name) => [
  {
    regex: `^(\\.\\./)+(modules/)?(${MODULE_NAMES.filter((other) => other !== name).join('|')})/`,
    message: 'A module never imports another module: they meet through contracts in src/platform/modules.ts.',
  },
  {
    regex: '^(\\.\\./)+(modules/)?index\\.js$',
    message: 'Only the composition root (src/app.ts, src/main.ts) imports the list of modules.',
  },
];

// Route files turn requests into service calls and results into pages: they share helpers through a route-helpers.ts,
// never through each other, and they leave the audit log to the services, which write it in the change's transaction.
const ROUTE_FILES = ['**/routes.ts', '**/*-routes.ts', '**/api.ts'];
const ROUTE_IMPORTS = [
  {
    regex: '(^|/)(routes|[\\w-]+-routes|api)\\.js$',
    message: "A route file never imports another route file: move what they share into the module's route-helpers.ts.",
  },
];
const ROUTE_SYNTAX = [
  {
    selector: "CallExpression[callee.property.name='record'][callee.object.name='audit']",
    message: 'Routes call a service, and the service writes the audit entry in the same transaction as its change.',
  },
  {
    selector: "CallExpression[callee.property.name='record'][callee.object.property.name='audit']",
    message: 'Routes call a service, and the service writes the audit entry in the same transaction as its change.',
  },
];

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
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // The dependency rules of docs/architecture.md: the platform knows no module, a module knows no other module, and only
  // the composition root (src/app.ts, src/main.ts) holds the list of modules. A file's rule replaces, not adds to, an
  // earlier one, so route files get their own patterns together with their folder's.
  ...[
    { files: ['src/platform/**/*.ts'], patterns: PLATFORM_IMPORTS },
    ...MODULE_NAMES.map((name) => ({ files: [`src/modules/${name}/**/*.ts`], patterns: moduleImports(name) })),
  ].flatMap(({ files, patterns }) => [
    { files, rules: { 'no-restricted-imports': ['error', { patterns }] } },
    {
      files: files.flatMap((glob) => ROUTE_FILES.map((route) => glob.replace('**/*.ts', route))),
      rules: {
        'no-restricted-imports': ['error', { patterns: [...patterns, ...ROUTE_IMPORTS] }],
        'no-restricted-syntax': ['error', ...ROUTE_SYNTAX],
      },
    },
  ]),
  {
    files: ['src/assets/**/*.js'],
    languageOptions: { globals: { document: 'readonly', fetch: 'readonly', window: 'readonly', HTMLScriptElement: 'readonly' } },
  },
);
