// ESLint flat config. The layer rules below are the architecture (STYLE.md, practice 2):
// a forbidden import fails lint, so a newcomer cannot blur the boundaries by accident.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
]
const nodeOnly = [...NODE_BUILTINS, 'node:*']
const electronOnly = ['electron', 'electron/*']

/** Builds a no-restricted-imports rule from forbidden module names and path patterns. */
const forbid = (names, patterns, message) => [
  'error',
  {
    paths: names.filter((n) => !n.includes('*')).map((name) => ({ name, message })),
    patterns: [
      ...names.filter((n) => n.includes('*')).map((n) => ({ group: [n], message })),
      ...patterns.map((group) => ({ group: [group], message })),
    ],
  },
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'build/fonts/**',
      '.out-*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'vue/multi-word-component-names': 'off',
    },
  },
  // shared/: pure code both sides use. No Node, no Electron, no DOM, no other layer.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': forbid(
        [...nodeOnly, ...electronOnly, 'vue', 'pinia'],
        ['**/electron/**', '**/renderer/**', '../electron', '../renderer'],
        'shared/ is pure: it may not import Node, Electron, Vue or another layer (STYLE.md practice 2).',
      ),
    },
  },
  // renderer/: the page. Never Node or Electron; talks to the core only through the API contract.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': forbid(
        [...nodeOnly, ...electronOnly],
        ['**/electron/**'],
        'renderer/ runs in a sandboxed page: no Node, no Electron, no core imports; use the API contract.',
      ),
    },
  },
  // electron/core, central, web: plain Node. Never Electron, never the renderer.
  {
    files: ['electron/core/**/*.ts', 'electron/central/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        electronOnly,
        ['**/renderer/**', '**/shell/**', '**/main', '**/preload'],
        'core, central and web run in plain Node: only electron/main.ts, preload.ts and shell/ may import electron.',
      ),
    },
  },
  // The core does not reach into the hosts or the bundled central service.
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        electronOnly,
        [
          '**/renderer/**',
          '**/shell/**',
          '**/web/**',
          '**/central/server*',
          '**/electron/central/**',
          '../central/**',
          '../../central/**',
        ],
        'the core depends only on shared/ and its own modules; hosts and the central service depend on it, not the reverse.',
      ),
    },
  },
  // The bundled central service is a separate system: it shares only the contract in shared/.
  {
    files: ['electron/central/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        electronOnly,
        ['**/renderer/**', '**/shell/**', '**/core/**', '**/web/**'],
        'the central service stands alone: it may use shared/ (the contract), never the terminal core.',
      ),
    },
  },
  {
    files: ['tests/**/*.ts', 'build/**/*.{ts,mjs,js}', '*.config.{ts,mjs,js}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  prettier,
)
