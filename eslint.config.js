// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import architecture from './eslint/architecture.js';

const nodeBuiltinNames = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'worker_threads',
];
const nodeBuiltins = (message) => nodeBuiltinNames.map((name) => ({ name, message }));

/** The app's front doors: each stands alone and is called by nothing in the app. */
const FRONT_DOORS = ['src/main/web', 'src/main/electron', 'src/main/cli'];

/** Which folder may import which (eslint/architecture.js, rule `layers`). */
const LAYERS = [
  {
    files: ['src/shared'],
    mayImport: ['src/shared'],
    why: 'src/shared is pure TypeScript used by every process, and imports nothing from them.',
  },
  {
    files: ['src/renderer'],
    mayImport: ['src/shared', 'src/renderer'],
    why: 'the screens reach the app only through the typed client: they import src/shared and their own code.',
  },
  {
    files: ['src/preload'],
    mayImport: ['src/shared', 'src/preload'],
    why: 'the preload bridge exposes the typed client and nothing else.',
  },
  {
    files: ['src/main'],
    except: ['src/main/api', 'src/main/demo', 'src/main/room', ...FRONT_DOORS],
    mayNotImport: ['src/main/api', 'src/main/demo', ...FRONT_DOORS, 'src/renderer', 'src/preload'],
    why: 'domain code does not know how it is called: no API, no front door, no fixtures.',
  },
  {
    files: ['src/main/api'],
    mayNotImport: ['src/main/demo', ...FRONT_DOORS, 'src/renderer', 'src/preload'],
    why: 'the API is called by the front doors, never the other way round.',
  },
  {
    files: ['src/main/demo'],
    mayNotImport: [...FRONT_DOORS, 'src/renderer', 'src/preload'],
    why: 'the demo drives the API like any client; only the CLI, the bench and the tests use it.',
  },
  {
    files: ['src/main/room'],
    mayNotImport: ['src/main/demo', ...FRONT_DOORS, 'src/renderer', 'src/preload'],
    why: 'the panel room is a transport the desktop app and browser mode share: it calls the API, never a front door.',
  },
  {
    files: ['src/main/web', 'src/main/electron'],
    mayNotImport: ['src/main/demo', 'src/renderer', 'src/preload'],
    why: 'the app serves no fixtures and reaches the screens only through its transports.',
  },
  ...FRONT_DOORS.map((door) => ({
    files: [door],
    mayNotImport: FRONT_DOORS.filter((other) => other !== door),
    why: 'each front door stands alone.',
  })),
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    plugins: { architecture },
    rules: {
      'architecture/no-cycle': 'error',
      'architecture/layers': ['error', LAYERS],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.ts', 'tests/**/*.{ts,tsx}'],
    rules: { 'architecture/no-deep-import': 'error' },
  },
  {
    files: ['src/main/api/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db']",
          message: 'The API layer does not query a case file by hand: call a domain function with the scope.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' },
            {
              name: 'kysely',
              message: 'The API layer does not query a case file by hand: call a domain function.',
            },
          ],
        },
      ],
    },
  },
  {
    // Functions a person can read, screens included: a React screen longer than this is split into
    // a data hook and small components named in the domain's words.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' },
          ],
        },
      ],
    },
  },
  {
    // The desktop shell's harness types its stand-in against Electron's own declarations.
    files: ['src/main/electron/**/*.ts', 'src/preload/**/*.ts', 'tests/desktop/stand-in/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks only to the typed client.' },
            ...nodeBuiltins('The renderer has no Node access; use the typed client.'),
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node access; use the typed client.' },
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer imports only src/shared and its own code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/shared is pure TypeScript.' },
            ...nodeBuiltins('src/shared is pure TypeScript: no Node imports.'),
          ],
          patterns: [
            { group: ['node:*'], message: 'src/shared is pure TypeScript: no Node imports.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', 'react', 'react-dom'],
              message: 'src/shared imports nothing from the processes.',
            },
          ],
        },
      ],
    },
  },
);
