/**
 * build/electron-builder.config.cjs (docs/deployment.md), checked with electron-builder's own loader and
 * schema validation, then used for real: an unpacked Linux package (`--dir`) built around a
 * stand-in Electron binary (a file carrying Electron's fuse sentinel, since the real binary cannot
 * be downloaded here), whose asar, extra resources and flipped fuses are read back.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import type { Configuration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const CONFIG = join(ROOT, 'build', 'electron-builder.config.cjs')
const requireHere = createRequire(__filename)
const { getConfig, validateConfiguration } = requireHere(
  'app-builder-lib/out/util/config/config',
) as {
  getConfig(projectDir: string, configPath: string, options: null): Promise<Configuration>
  validateConfiguration(config: Configuration, debug: unknown): Promise<void>
}
const { DebugLogger } = requireHere('builder-util') as { DebugLogger: new (on: boolean) => unknown }

// A copy: electron-builder's loader normalises (mutates) the module's object in place.
const config = structuredClone(requireHere(CONFIG)) as Configuration & { files: string[] }
const OUT = process.env.KIOSK_OUT_DIR || 'out'

describe('the electron-builder configuration', () => {
  it("loads and passes electron-builder's own schema validation", async () => {
    const loaded = await getConfig(ROOT, CONFIG, null)
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined()
    expect(loaded.appId).toBe('cn.gov.hallkiosk.terminal')
  })

  it('would reject a misspelt option (the validation is real)', async () => {
    const bad = { ...config, nsiss: { perMachine: true } } as Configuration
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(/nsiss/)
  })

  it('packs the main bundle, preload and renderer, and ships wasm and font beside the asar', () => {
    expect(config.files).toEqual(
      expect.arrayContaining([`${OUT}/main/**`, `${OUT}/preload/**`, `${OUT}/renderer/**`]),
    )
    expect(config.extraResources).toEqual([
      {
        from: `${OUT}/resources`,
        to: 'kiosk',
        filter: ['sql-wasm.wasm', 'KioskSansSC-Regular.ttf'],
      },
    ])
    expect(config.asar).toBe(true)
  })

  it('targets deb + AppImage and a per-machine NSIS, with the product names and icons', () => {
    expect(config.linux?.target).toEqual(['deb', 'AppImage'])
    expect(config.nsis).toMatchObject({ perMachine: true, shortcutName: '公积金税务自助终端' })
    expect(config.productName).toBe('Hall Kiosk')
    expect(config.linux?.desktop?.entry?.['Name[zh_CN]']).toBe('公积金税务自助终端')
    expect(existsSync(join(ROOT, 'build/icons/icon.ico'))).toBe(true)
    expect(existsSync(join(ROOT, 'build/icons/512x512.png'))).toBe(true)
  })

  it('sets the fuses: no run-as-node, no NODE_OPTIONS, asar integrity, only the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })
})

describe.runIf(process.platform === 'linux')('an unpacked package built with it', () => {
  const OUT_NAME = `.out-unit-pkg-${process.pid}`
  const tmp = mkdtempSync(join(tmpdir(), 'kiosk-pkg-'))
  const dist = join(tmp, 'dist')
  const app = join(dist, 'linux-unpacked')

  /** Electron's fuse wire as the real binary carries it (version 1, nine fuses, defaults). */
  function fakeElectron(): string {
    const dir = join(tmp, 'electron')
    mkdirSync(join(dir, 'resources'), { recursive: true })
    const wire = Buffer.from('101001001', 'ascii')
    writeFileSync(
      join(dir, 'electron'),
      Buffer.concat([
        Buffer.from('#!/bin/sh\n# stand-in Electron\n'),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, wire.length]),
        wire,
      ]),
      { mode: 0o755 },
    )
    writeFileSync(join(dir, 'version'), '45.4.1')
    writeFileSync(join(dir, 'LICENSE'), 'MIT')
    writeFileSync(join(dir, 'LICENSES.chromium.html'), '<html></html>')
    return dir
  }

  beforeAll(() => {
    const env = { ...process.env, KIOSK_OUT_DIR: OUT_NAME }
    const build = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    })
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`)
    const pack = spawnSync(
      join(ROOT, 'node_modules/.bin/electron-builder'),
      ['--config', CONFIG, '--dir', '--publish', 'never'],
      {
        cwd: ROOT,
        env: { ...env, ELECTRON_OVERRIDE_DIST_PATH: fakeElectron(), KIOSK_DIST_DIR: dist },
        encoding: 'utf8',
      },
    )
    if (pack.status !== 0) throw new Error(`electron-builder failed: ${pack.stdout}${pack.stderr}`)
  }, 240_000)

  afterAll(() => {
    rmSync(join(ROOT, OUT_NAME), { recursive: true, force: true })
    rmSync(tmp, { recursive: true, force: true })
  })

  it('has the app in the asar and no copy of the wasm in it', () => {
    const files = listPackage(join(app, 'resources', 'app.asar'), { isPack: false }).map((f) =>
      f.replaceAll('\\', '/'),
    )
    for (const file of [
      `/${OUT_NAME}/main/index.js`,
      `/${OUT_NAME}/preload/index.js`,
      `/${OUT_NAME}/renderer/index.html`,
      '/node_modules/sql.js/dist/sql-wasm.js',
      '/node_modules/electron-updater/package.json',
    ]) {
      expect(files).toContain(file)
    }
    expect(files.filter((f) => f.endsWith('.wasm') || f.endsWith('.ttf'))).toEqual([])
    expect(files.some((f) => f.startsWith('/node_modules/vue/'))).toBe(false)
  })

  it('ships the wasm and the font as resources/kiosk/, where the app looks', () => {
    expect(existsSync(join(app, 'resources', 'kiosk', 'sql-wasm.wasm'))).toBe(true)
    expect(existsSync(join(app, 'resources', 'kiosk', 'KioskSansSC-Regular.ttf'))).toBe(true)
  })

  it('flipped the fuses in the packaged binary', async () => {
    const wire = await getCurrentFuseWire(join(app, 'hall-kiosk'))
    const DISABLE = 48
    const ENABLE = 49
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE)
  })
})
