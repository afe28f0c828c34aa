// ESLint flat config. The layer rules below are the architecture (docs/architecture.md, "Layers"):
// a forbidden import fails lint, so a newcomer cannot blur the boundaries by accident.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import { readdirSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

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

/** Globals of only the page or only Node: shared/ runs in both, so it may use neither. */
const NOT_SHARED_GLOBALS = (() => {
  const page = Object.keys(globals.browser)
  const node = Object.keys(globals.node)
  const both = new Set([...Object.keys(globals.es2021), ...page.filter((g) => node.includes(g))])
  return [...page, ...node].filter((g) => !both.has(g))
})()

/**
 * One no-restricted-imports rule from several bans, each `{ names, groups, regexes, message }`:
 * module names or globs, gitignore-style path globs, and regexes on the import string.
 *
 * A folder gets exactly one such rule, built here from all its bans: in a flat config a later
 * block's rule replaces an earlier block's for the same file, it does not add to it (two blocks
 * once did, and the core's bans on main and preload were silently dropped).
 * tests/unit/build/eslint-layers.test.ts lints a forbidden import of each kind.
 */
const forbid = (...bans) => [
  'error',
  {
    paths: bans.flatMap(({ names = [], message }) =>
      names.filter((n) => !n.includes('*')).map((name) => ({ name, message })),
    ),
    patterns: bans.flatMap(({ names = [], groups = [], regexes = [], message }) => [
      ...names.filter((n) => n.includes('*')).map((n) => ({ group: [n], message })),
      ...groups.map((group) => ({ group: [group], message })),
      ...regexes.map((regex) => ({ regex, message })),
    ]),
  },
]

/** How deep under `folder` its .ts files sit (0: directly in it), each depth once. */
const depthsOf = (folder) => [
  ...new Set(
    readdirSync(join(dirname(fileURLToPath(import.meta.url)), folder), { recursive: true })
      .filter((file) => String(file).endsWith('.ts'))
      .map((file) => String(file).split(sep).length - 1),
  ),
]

/**
 * The ban that keeps a file `depth` folders below `folder` inside it, except for the top-level
 * folders in `reach` (`shared` for the core). A relative import that climbs out is refused
 * whatever it names, which a name glob cannot do: `../../x` leaves the folder from one depth and
 * not from another, so each depth gets its own regex.
 */
const climbsOut = (folder, reach, depth, message) => {
  const up = folder.split('/').length // climbs from the folder itself to the repo root
  const out = depth + 1 // `../` this many times leaves the folder
  const allowed = reach.map((top) => `(?:\\.\\./){${up - 1}}${top}(?:/|$)`).join('|')
  return { regexes: [`^(?:\\.\\./){${out}}(?!${allowed || '$.'})`], message }
}

/** One block per depth that keeps `folder`'s files inside it, each carrying the whole rule. */
const staysWithin = (folder, reach, bans, message) =>
  depthsOf(folder).map((depth) => ({
    files: [`${folder}/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': forbid(...bans, climbsOut(folder, reach, depth, message)),
    },
  }))

/**
 * Layers inside the core (docs/architecture.md, "Layers inside the core"): which of the core's
 * folders each folder may import. Every folder under electron/core has a row (a test checks it);
 * anything not named is refused. The api handlers sit on top; the composition root (core.ts,
 * core-*.ts) and the hosts' configuration loader (hall-config*.ts) are imported by no folder.
 * `terminal/status` is the status tracker alone (the rest of terminal/ reads the cache).
 */
export const CORE_LAYERS = {
  store: [],
  devices: [],
  central: [],
  session: [],
  updates: [],
  data: ['store'],
  printing: ['devices', 'store'],
  sync: ['central', 'store', 'terminal/status'],
  terminal: ['data', 'sync'],
  identity: ['central', 'data', 'devices', 'printing', 'session'],
  fund: ['central', 'data', 'identity', 'printing', 'session', 'store', 'sync'],
  tax: ['central', 'data', 'identity', 'printing', 'session'],
  certificates: ['central', 'data', 'identity', 'printing', 'session', 'tax'],
  help: ['data', 'identity', 'printing', 'session', 'sync'],
  supervisor: ['data', 'help', 'sync', 'terminal'],
  fleet: ['data', 'help', 'store', 'sync', 'terminal'],
  api: [
    'certificates',
    'data',
    'devices',
    'fund',
    'help',
    'identity',
    'printing',
    'session',
    'supervisor',
    'sync',
    'tax',
    'terminal',
  ],
}

/** The composition root and the hosts' configuration loader: no folder of the core imports them. */
const CORE_TOP_ONLY = '(?:core|core-[\\w-]+|hall-config|hall-config-file)$'

/** The ban of the core folders `folder` may not import, from a file `depth` below it. */
const layerBan = (folder, mayImport, depth) => {
  const up = `^(?:\\.\\./){${depth + 1}}`
  const regexes = [`${up}${CORE_TOP_ONLY}`]
  for (const other of Object.keys(CORE_LAYERS)) {
    if (other === folder) continue
    const parts = mayImport
      .filter((m) => m.startsWith(`${other}/`))
      .map((m) => m.slice(other.length + 1))
    if (mayImport.includes(other)) continue
    regexes.push(
      parts.length === 0
        ? `${up}${other}(?:/|$)`
        : `${up}${other}(?:$|/(?!(?:${parts.join('|')})$))`,
    )
  }
  const may = mayImport.length ? mayImport.join(', ') : 'none'
  return {
    regexes,
    message: `electron/core/${folder} may import, of the core's folders, only: ${may} (docs/architecture.md, "Layers inside the core").`,
  }
}

// Bans each plain-Node folder shares (core, central, web, provision): main, preload and shell/
// are the only Electron code; the renderer is a page of its own.
const plainNode = {
  names: electronOnly,
  groups: ['**/renderer/**', '**/renderer', '**/shell/**', '**/shell', '**/main', '**/preload'],
  message:
    'core, central, web and provision run in plain Node: only electron/main.ts, preload.ts and shell/ may import electron.',
}

const CORE_MESSAGE =
  'the core depends only on shared/ and its own modules; hosts and the central service depend on it, not the reverse.'
/** Every file of the core carries these (and its layer's ban, below). */
const coreBans = [
  plainNode,
  {
    groups: ['**/web/**', '**/web', '**/electron/central/**', '**/provision/**'],
    message: CORE_MESSAGE,
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
  // shared/: pure code both sides use. No Node, no Electron, no DOM, nothing outside shared/.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-globals': ['error', ...NOT_SHARED_GLOBALS] },
  },
  ...staysWithin(
    'shared',
    [],
    [
      {
        names: [...nodeOnly, ...electronOnly, 'vue', 'pinia'],
        groups: ['**/electron/**', '**/renderer/**', '../electron', '../renderer'],
        message: 'shared/ is pure: it may not import Node, Electron, Vue or another layer.',
      },
    ],
    'shared/ is pure: it imports nothing outside shared/.',
  ),
  // renderer/: the page. Never Node or Electron; talks to the core only through the API contract.
  // The hall console (fleet-console/) is a page too, talking only to its fleet service.
  {
    files: [
      'renderer/**/*.ts',
      'renderer/**/*.vue',
      'fleet-console/**/*.ts',
      'fleet-console/**/*.vue',
    ],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': forbid({
        names: [...nodeOnly, ...electronOnly],
        groups: ['**/electron/**'],
        message:
          'renderer/ runs in a sandboxed page: no Node, no Electron, no core imports; use the API contract.',
      }),
    },
  },
  // The core depends only on shared/ and its own modules; hosts and the central service depend
  // on it, not the reverse. Then each of its folders keeps to its layer (CORE_LAYERS): a later
  // block replaces an earlier one's rule for the same file, so each carries all the core's bans.
  ...staysWithin('electron/core', ['shared'], coreBans, CORE_MESSAGE),
  {
    files: ['electron/core/*.ts'],
    ignores: ['electron/core/core.ts', 'electron/core/core-*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ...coreBans,
        climbsOut('electron/core', ['shared'], 0, CORE_MESSAGE),
        {
          regexes: ['^\\./(?:api(?:/|$)|core(?:-[\\w-]+)?$)'],
          message:
            "the core's plain modules sit below its services: they may not import api/ or the composition root (core.ts, core-*.ts).",
        },
      ),
    },
  },
  ...Object.entries(CORE_LAYERS).flatMap(([folder, mayImport]) =>
    depthsOf(`electron/core/${folder}`).map((depth) => ({
      files: [`electron/core/${folder}/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': forbid(
          ...coreBans,
          climbsOut('electron/core', ['shared'], depth + 1, CORE_MESSAGE),
          layerBan(folder, mayImport, depth),
        ),
      },
    })),
  ),
  // The bundled central service is a separate system: it shares only the contract in shared/.
  ...staysWithin(
    'electron/central',
    ['shared'],
    [
      plainNode,
      {
        groups: ['**/core/**', '**/core', '**/web/**', '**/web'],
        message:
          'the central service stands alone: it may use shared/ (the contract), never the terminal core.',
      },
    ],
    'the central service stands alone: it may use shared/ (the contract), never the terminal core.',
  ),
  // The hall's fleet service is a separate system too: shared/ (the contract) and itself only.
  ...staysWithin(
    'electron/fleet',
    ['shared'],
    [
      plainNode,
      {
        groups: ['**/core/**', '**/core', '**/web/**', '**/web', '**/electron/central/**'],
        message:
          'the fleet service stands alone: it may use shared/, never the terminal or the centre.',
      },
    ],
    'the fleet service stands alone: it may use shared/, never the terminal or the centre.',
  ),
  // The web host, provisioning and QA's fake card reader: plain Node on top of the core.
  {
    files: ['electron/web/**/*.ts', 'electron/provision/**/*.ts', 'electron/fake-reader/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(plainNode) },
  },
  {
    files: ['tests/**/*.ts', 'build/**/*.{ts,mjs,js}', '*.config.{ts,mjs,js}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  prettier,
)
