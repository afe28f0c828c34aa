/**
 * One build for the three processes (electron-vite): the main bundle (Electron entry plus the plain
 * Node entries: the web host, the bundled central service, the fleet service), a single-file
 * CommonJS preload (a sandboxed preload cannot import), and the renderer (then the hall console's
 * page, fleet-console/).
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { build, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { precompileMessages } from './build/precompile-messages'

/** Build folder; parallel test runs (one per engineer or CI job) each use their own. */
const OUT = process.env.KIOSK_OUT_DIR ?? 'out'

/**
 * Copies the files the core loads by explicit path (sql.js wasm, CJK font) into
 * `<out>/resources/`, where the hosts look first and from where the package ships them
 * (electron/core/package-resources.ts, build/electron-builder.config.cjs).
 */
function kioskResources(): Plugin {
  const files = {
    'sql-wasm.wasm': resolve(__dirname, 'node_modules/sql.js/dist/sql-wasm.wasm'),
    'KioskSansSC-Regular.ttf': resolve(__dirname, 'build/fonts/KioskSansSC-Regular.ttf'),
  }
  return {
    name: 'kiosk-resources',
    apply: 'build',
    closeBundle() {
      const dir = resolve(__dirname, OUT, 'resources')
      mkdirSync(dir, { recursive: true })
      for (const [name, from] of Object.entries(files)) copyFileSync(from, resolve(dir, name))
    },
  }
}

/** The renderer's message catalogs: every message the kiosk shows comes from one of these. */
const MESSAGE_CATALOGS = /[\\/]renderer[\\/]i18n[\\/](zh-CN|en|withdraw\.zh-CN|withdraw\.en)\.ts$/

/**
 * Builds the hall console's page (fleet-console/vite.config.mts) once the renderer is built: the
 * same toolchain, its own entry, and one `electron-vite build` still builds everything.
 */
function fleetConsole(): Plugin {
  return {
    name: 'fleet-console',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: resolve(__dirname, 'fleet-console/vite.config.mts'),
        logLevel: 'warn',
      })
    },
  }
}

export default defineConfig({
  main: {
    plugins: [kioskResources()],
    build: {
      outDir: `${OUT}/main`,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main.ts'),
          web: resolve(__dirname, 'electron/web/cli.ts'),
          central: resolve(__dirname, 'electron/central/cli.ts'),
          // The hall's fleet service and its console's API (docs/fleet.md).
          fleet: resolve(__dirname, 'electron/fleet/cli.ts'),
          provision: resolve(__dirname, 'electron/provision/cli.ts'),
          // QA's fake ID card reader (plain Node; docs/deployment.md, Devices).
          'fake-reader': resolve(__dirname, 'electron/fake-reader/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    // The message catalogs arrive compiled (build/precompile-messages.ts), so vue-i18n's message
    // compiler is dropped from the bundle.
    plugins: [vue(), precompileMessages(MESSAGE_CATALOGS), fleetConsole()],
    // vue-i18n's composition-only build: no legacy API, no devtools hooks in production, no
    // message compiler.
    define: {
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir: resolve(__dirname, `${OUT}/renderer`),
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
})
