/**
 * Where the Electron binary is, found without `require('electron')` (whose install step downloads
 * the binary from GitHub and whose entry throws when that failed): `ELECTRON_OVERRIDE_DIST_PATH`
 * (the variable electron's own package honours) or `node_modules/electron/dist` as its
 * `path.txt` names it. Returns why not, in one line, when there is none.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export type ElectronBinary =
  { path: string; reason?: undefined } | { path?: undefined; reason: string }

const ROOT = resolve(__dirname, '../../..')

export function findElectronBinary(root = ROOT, env = process.env): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const candidate = join(
      override,
      relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'),
    )
    return existsSync(candidate)
      ? { path: candidate }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH=${override} has no ${candidate}` }
  }
  if (!relative) {
    return {
      reason:
        'node_modules/electron/path.txt is missing (the binary download failed or was skipped); set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron',
    }
  }
  const candidate = join(pkg, 'dist', relative)
  return existsSync(candidate) ? { path: candidate } : { reason: `${candidate} does not exist` }
}

/** The one line the suite prints and every test carries when it cannot run. */
export const skipLine = (reason: string) => `Electron binary not available: ${reason}`
