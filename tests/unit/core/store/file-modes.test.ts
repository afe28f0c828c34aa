/**
 * The data folder on disk is the kiosk account's alone: folders 0700, files 0600 (store snapshot,
 * journal, the temp file of an atomic write, logs of every day), under the usual umask 022 that
 * would otherwise leave them 0644 / 0755; and what an older version left loose is tightened at
 * start.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../../../electron/core/core'
import { createLogger } from '../../../../electron/core/log'
import { writeFileDurably } from '../../../../electron/core/store/durable-file'
import { testConfig } from '../core.fixture'

const posix = process.platform !== 'win32'
const modeOf = (path: string) => statSync(path).mode & 0o777

/** Every folder and file under `root` (the root included) with its mode. */
function modes(root: string): Record<string, number> {
  const out: Record<string, number> = { '.': modeOf(root) }
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      const name = rel ? `${rel}/${entry.name}` : entry.name
      out[name] = modeOf(path)
      if (entry.isDirectory()) walk(path, name)
    }
  }
  walk(root, '')
  return out
}

/** What every entry of `root` must be: 0700 for folders, 0600 for files. */
function privately(root: string): Record<string, number> {
  return Object.fromEntries(
    Object.keys(modes(root)).map((name) => {
      const path = name === '.' ? root : join(root, name)
      return [name, statSync(path).isDirectory() ? 0o700 : 0o600]
    }),
  )
}

/** Starts a core on `dataDir` with the real file logger, writes and logs, then stops (folds). */
async function runCore(dataDir: string, at: string) {
  const core = await createCore(testConfig({ dataDir, clock: () => new Date(at) }))
  await core.start()
  expect((await core.call('session.start', {})).ok).toBe(true)
  await core.call('no.such.method', {}) // an error line in the log
  await core.stop()
}

let umask = 0
beforeAll(() => {
  // The common default: without the explicit modes, files would come out 0644 and folders 0755.
  umask = process.umask(0o022)
})
afterAll(() => {
  process.umask(umask)
})

describe.runIf(posix)('data folder permissions', () => {
  it('a new data folder: folders 0700, store, journal and logs 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'kiosk-modes-')), 'data')
    await runCore(dataDir, '2026-06-12T09:00:00+08:00')
    const found = modes(dataDir)
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining([
        '.',
        'store',
        'store/kiosk.db',
        'store/kiosk.journal',
        'logs',
        'logs/kiosk-2026-06-12.log',
      ]),
    )
    expect(found).toEqual(privately(dataDir))
  })

  it('tightens what an older version left 0644 / 0755, stale temp file included', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'kiosk-modes-')), 'data')
    await runCore(dataDir, '2026-06-12T09:00:00+08:00')
    // As an older version left it: everything readable by all, and a temp file from a crash.
    writeFileSync(join(dataDir, 'store', 'kiosk.db.tmp'), 'left over')
    writeFileSync(join(dataDir, 'logs', 'kiosk-2026-06-11.log'), '{}\n')
    for (const [name, mode] of Object.entries(modes(dataDir))) {
      const path = name === '.' ? dataDir : join(dataDir, name)
      chmodSync(path, mode === 0o700 ? 0o755 : 0o644)
    }
    expect(modeOf(join(dataDir, 'store', 'kiosk.db'))).toBe(0o644)

    await runCore(dataDir, '2026-06-13T09:00:00+08:00')
    const found = modes(dataDir)
    expect(found['logs/kiosk-2026-06-13.log']).toBe(0o600)
    expect(found).toEqual(privately(dataDir))
  })

  it('an atomic write over a stale 0644 temp file leaves the target 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-modes-'))
    const target = join(dir, 'snapshot')
    writeFileSync(`${target}.tmp`, 'stale')
    chmodSync(`${target}.tmp`, 0o644)
    writeFileDurably(target, new Uint8Array([1, 2, 3]))
    expect(modeOf(target)).toBe(0o600)
    expect(existsSync(`${target}.tmp`)).toBe(false)
  })

  it('the log of each new day is 0600 in a 0700 folder', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kiosk-modes-')), 'logs')
    mkdirSync(dir, { recursive: true, mode: 0o755 })
    chmodSync(dir, 0o755)
    let now = new Date('2026-06-12T23:59:59Z')
    const log = createLogger({ dir, clock: () => now })
    log.info('before.midnight')
    now = new Date('2026-06-13T00:00:01Z')
    log.info('after.midnight')
    expect(modes(dir)).toEqual({
      '.': 0o700,
      'kiosk-2026-06-12.log': 0o600,
      'kiosk-2026-06-13.log': 0o600,
    })
  })
})
