#!/usr/bin/env node
/**
 * `npm run dist [-- electron-builder options]`: builds the app (electron-vite) and packages it for
 * the current platform with build/electron-builder.config.cjs (Linux: deb + AppImage; Windows:
 * NSIS), never publishing. Extra arguments go to electron-builder (`--dir` for an unpacked app,
 * `--linux deb` for one target).
 *
 * electron-builder needs the Electron binary for the target and, per target, tools it fetches from
 * GitHub (fpm for deb, appimagetool for AppImage, NSIS). With a local Electron
 * (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist) the binary is not downloaded; the
 * tools come from electron-builder's cache (ELECTRON_BUILDER_CACHE) or the network. Where neither
 * is reachable this says so in one line instead of leaving only a stack trace.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const bin = (name) => join(root, 'node_modules', '.bin', name)

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  return result.status ?? 1
}

function localElectron() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return null
  const dist = join(root, 'node_modules', 'electron', 'dist')
  return existsSync(join(dist, readFileSync(pathFile, 'utf8').trim())) ? dist : null
}

if (run(bin('electron-vite'), ['build']) !== 0) {
  console.error('hall-kiosk dist: the build failed (see above).')
  process.exit(1)
}
const electron = localElectron()
if (!electron) {
  console.log(
    'hall-kiosk dist: no local Electron binary (ELECTRON_OVERRIDE_DIST_PATH unset, node_modules/electron/dist missing); electron-builder will try to download it.',
  )
}
const code = run(bin('electron-builder'), [
  '--config',
  'build/electron-builder.config.cjs',
  '--publish',
  'never',
  ...process.argv.slice(2),
])
if (code !== 0) {
  console.error(
    `hall-kiosk dist: electron-builder failed (exit ${code}). If the log above shows a download error, this machine cannot reach GitHub: provide Electron with ELECTRON_OVERRIDE_DIST_PATH and the packaging tools through ELECTRON_BUILDER_CACHE (docs/deployment.md, "Building the packages").`,
  )
}
process.exit(code)
