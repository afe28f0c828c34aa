/**
 * electron-builder configuration for hall-kiosk. `npm run dist` builds with it for the
 * current platform: Linux deb (what kiosks get) and AppImage, Windows NSIS installed per machine.
 *
 * - What goes in the asar: the electron-vite build (main bundle, preload, renderer) and the
 *   production dependencies. The files the core reads by explicit path, sql.js's wasm and the CJK
 *   font, are not read out of the asar: `npm run build` copies them to `<out>/resources/` and they
 *   ship beside the asar as `resources/kiosk/` (electron/core/package-resources.ts finds them).
 * - Electron fuses, flipped in the packaged binary: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no
 *   --inspect, the app only from the asar and the asar checked against its integrity hash
 *   (Windows; macOS would too; Linux has no integrity check in Electron yet).
 * - The Electron binary: a local one (ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/dist)
 *   when there is one, else electron-builder downloads it, which networks without GitHub cannot.
 * - Updates: the feed is the hall config's `updates.url`, set at run time (electron/shell/
 *   updates.ts); `publish` only makes electron-builder write latest*.yml beside the installers,
 *   for the administrator to sign (build/scripts/sign-update.mjs) and upload (with
 *   `stagingPercentage` for a staged rollout). The public key the terminal checks signatures with
 *   is build/update-key.pub.pem, embedded in the main bundle and, for the deb's root install
 *   helper, shipped as /usr/share/hall-kiosk/update-key.pub.pem.
 *
 * @type {import('electron-builder').Configuration}
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: electron-builder require()s it */
const { existsSync, readFileSync } = require('node:fs')
const { join, resolve } = require('node:path')

const root = resolve(__dirname, '..')
/** The electron-vite build to package (electron.vite.config.ts writes it; default `out`). */
const OUT = process.env.KIOSK_OUT_DIR || 'out'

/** Files the core loads by path, copied by the build into `<out>/resources/`. */
const RESOURCE_FILES = ['sql-wasm.wasm', 'KioskSansSC-Regular.ttf']

/**
 * Packages only the hall's fleet service and its console use: they run on a hall server
 * (fleet/, docs/fleet.md), never on a terminal.
 */
const FLEET_ONLY = [
  '@electric-sql',
  'pg',
  'pg-*',
  'pgpass',
  'postgres-*',
  'xtend',
  'chart.js',
  '@kurkle',
]

/** Packages only the renderer uses (bundled by Vite), with the build tools they depend on. */
const RENDERER_ONLY = [
  'vue',
  'vue-router',
  'vue-i18n',
  'pinia',
  '@vue',
  '@vueuse',
  '@vue-macros',
  '@intlify',
  '@babel',
  '@rolldown',
  'unplugin',
  'unplugin-utils',
  'postcss',
  'csstype',
  'ast-kit',
  'ast-walker-scope',
  'magic-string-ast',
  'simple-keyboard',
  'simple-keyboard-layouts',
]

/** An unpacked Electron for this platform, if one is on the machine (no download then). */
function localElectronDist() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) return existsSync(override) ? override : null
  const dist = join(root, 'node_modules', 'electron', 'dist')
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return null
  return existsSync(join(dist, readFileSync(pathFile, 'utf8').trim())) ? dist : null
}
const electronDist = localElectronDist()

module.exports = {
  appId: 'cn.gov.hallkiosk.terminal',
  productName: 'Hall Kiosk',
  executableName: 'hall-kiosk',
  copyright: 'Hall Kiosk 公积金税务自助终端',
  // KIOSK_DIST_DIR: a separate output folder (tests package into a temporary one).
  directories: { output: process.env.KIOSK_DIST_DIR || 'dist', buildResources: 'build' },
  // The build folder may be another than `out` (KIOSK_OUT_DIR); the package's entry follows it.
  extraMetadata: { main: `${OUT}/main/index.js` },
  files: [
    'package.json',
    `${OUT}/main/**`,
    `${OUT}/preload/**`,
    `${OUT}/renderer/**`,
    `!${OUT}/resources/**`,
    '!**/*.map',
    // Plain-Node entries a terminal does not run (the provisioning tool is `hall-kiosk --provision`).
    `!${OUT}/main/central.js`,
    // QA's fake card reader runs from a checkout or the build folder, never from a terminal.
    `!${OUT}/main/fake-reader.js`,
    // The renderer's dependencies are bundled into out/renderer by Vite; the main bundle never
    // requires them, so their node_modules (and the build tooling they pull in) stay out.
    `!node_modules/{${RENDERER_ONLY.join(',')}}{,/**}`,
    `!node_modules/{${FLEET_ONLY.join(',')}}{,/**}`,
    // sql.js: only the Node wasm loader; its wasm ships in extraResources, the other builds not.
    '!node_modules/sql.js/dist/{sql-asm*,sql-wasm-*,worker.*,*.zip,*.wasm}',
  ],
  extraResources: [{ from: `${OUT}/resources`, to: 'kiosk', filter: RESOURCE_FILES }],
  asar: true,
  ...(electronDist ? { electronDist } : {}),
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  publish: [
    {
      provider: 'generic',
      // Placeholder: each hall's feed comes from its config file at run time.
      url: process.env.KIOSK_UPDATES_URL || 'https://updates.invalid/hall-kiosk/',
    },
  ],

  linux: {
    target: ['deb', 'AppImage'],
    icon: 'build/icons',
    category: 'Utility',
    synopsis: 'Self-service terminal for government service halls',
    description: '公积金税务自助终端: housing provident fund and tax self-service terminal.',
    maintainer: 'Hall Kiosk <kiosk@hallkiosk.invalid>',
    desktop: {
      entry: {
        Name: 'Hall Kiosk',
        'Name[zh_CN]': '公积金税务自助终端',
        Comment: 'Self-service terminal',
        'Comment[zh_CN]': '公积金税务自助终端',
        StartupWMClass: 'hall-kiosk',
      },
    },
  },
  deb: {
    packageName: 'hall-kiosk',
    // Printing goes through CUPS; the CJK font is packaged, fonts-noto-cjk is for the page itself.
    depends: ['cups-client', 'fonts-noto-cjk', 'libnss3', 'libgbm1', 'libasound2 | libasound2t64'],
    // Elder mode reads aloud through speech-dispatcher; espeak-ng brings a Mandarin voice.
    recommends: ['speech-dispatcher', 'espeak-ng'],
    priority: 'optional',
    // The root install helper and its units (docs/deployment.md, "Hardening"): the kiosk hands a
    // verified deb to a spool, the helper checks it again with the same pinned key and runs dpkg.
    // Added as fpm file mappings, so electron-builder's own after-install script stays as it is.
    fpm: [
      ['build/linux/hall-kiosk-install-update', '/usr/lib/hall-kiosk/hall-kiosk-install-update'],
      ['build/linux/hall-kiosk-update.path', '/usr/lib/systemd/system/hall-kiosk-update.path'],
      [
        'build/linux/hall-kiosk-update.service',
        '/usr/lib/systemd/system/hall-kiosk-update.service',
      ],
      ['build/linux/hall-kiosk-update.tmpfiles', '/usr/lib/tmpfiles.d/hall-kiosk-update.conf'],
      ['build/update-key.pub.pem', '/usr/share/hall-kiosk/update-key.pub.pem'],
    ].map(([from, to]) => `${join(root, from)}=${to}`),
  },
  appImage: { artifactName: 'hall-kiosk-${version}-${arch}.${ext}' },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/icon.ico',
  },
  nsis: {
    // One installation for the machine (Assigned Access / Shell Launcher run it as another user).
    perMachine: true,
    oneClick: false,
    allowToChangeInstallationDirectory: false,
    shortcutName: '公积金税务自助终端',
    createDesktopShortcut: false,
    runAfterFinish: false,
    artifactName: 'hall-kiosk-setup-${version}.${ext}',
  },
}
