/**
 * The hall console's page, built with the renderer's toolchain (Vite + Vue). electron-vite builds
 * it too (electron.vite.config.ts runs this config after the renderer), into `<out>/console`,
 * where the fleet service serves it under `/console/`.
 */
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const OUT = process.env.KIOSK_OUT_DIR ?? 'out'

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [vue()],
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: resolve(import.meta.dirname, '..', OUT, 'console'),
    emptyOutDir: true,
    minify: true,
  },
})
