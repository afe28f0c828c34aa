/**
 * The files the core loads by path that are not JavaScript: sql.js's `sql-wasm.wasm` and the CJK
 * font for A4 documents. `npm run build` copies both into `<out>/resources/` (a plugin in
 * electron.vite.config.ts) and the package ships that folder outside the asar as
 * `<resources>/kiosk/` (build/electron-builder.config.cjs `extraResources`), so the same explicit
 * paths work from the build output, the unpacked app and the installed package, and nothing is
 * read out of an asar archive.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CJK_FONT_FILE } from './printing/pdf'

/** The file names inside the resources folder. */
export const RESOURCE_FILES = { wasm: 'sql-wasm.wasm', font: CJK_FONT_FILE } as const

/** The folder name under Electron's `process.resourcesPath` in the package. */
export const PACKAGED_RESOURCES_DIR = 'kiosk'

/**
 * The first candidate folder holding each file, as explicit paths for `CoreConfig`; a file found
 * nowhere is left out (the core then falls back to node_modules and build/fonts, as in a checkout).
 */
export function findKioskResources(candidates: ReadonlyArray<string | null | undefined>): {
  wasmPath?: string
  fontPath?: string
} {
  const find = (name: string) =>
    candidates
      .filter((dir): dir is string => Boolean(dir))
      .map((dir) => join(dir, name))
      .find((path) => existsSync(path))
  const wasmPath = find(RESOURCE_FILES.wasm)
  const fontPath = find(RESOURCE_FILES.font)
  return { ...(wasmPath ? { wasmPath } : {}), ...(fontPath ? { fontPath } : {}) }
}
