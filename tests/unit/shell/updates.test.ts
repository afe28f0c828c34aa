/**
 * electron/shell/updates.ts: the generic feed from the hall config, background downloads, a
 * signature check before anything installs, and an install that never interrupts a resident: it
 * waits for the attract screen (no session) and a short quiet time after a session ends.
 * electron-updater is replaced through a `vi.mock` factory (its real module reaches for Electron's
 * `app`); the feed it "downloaded" from is a real signed feed on a loopback HTTP server, and the
 * verification is the real one. An http feed on loopback needs demo mode, so the core stub is in
 * demo mode except where the https rule itself is tested.
 */
import { EventEmitter } from 'node:events'
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventMessage } from '../../../shared/api'
import { makeKeys, serveSignedFeed, type SignedFeed } from '../core/updates/signed-feed.fixture'
import { recordingLog } from './electron-stubs.fixture'

vi.mock('electron-updater', () => ({ autoUpdater: { stub: true } }))
vi.mock('electron', () => ({}))

const { platformUpdater, startUpdates } = await import('../../../electron/shell/updates')

class StubUpdater extends EventEmitter {
  autoDownload = false
  autoInstallOnAppQuit = true
  allowDowngrade = true
  readonly setFeedURL = vi.fn()
  readonly checkForUpdates = vi.fn(async () => null)
  readonly quitAndInstall = vi.fn()
}

function stubCore(demo = true) {
  const listeners = new Set<(m: EventMessage) => void>()
  let session: object | null = null
  const issues: string[] = []
  return {
    onEvent: vi.fn((listener: (m: EventMessage) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    internals: {
      sessions: { current: () => session },
      status: { addIssue: (code: string) => void issues.push(code) },
    },
    config: { demo, clock: () => new Date() },
    issues,
    listeners,
    begin() {
      session = { id: 's1' }
    },
    end() {
      session = null
      for (const l of listeners) {
        l({
          event: 'session.ended',
          payload: { sessionId: 's1', reason: 'finished', at: '' },
        } as never)
      }
    },
  }
}

const keys = makeKeys()
let updater: StubUpdater
let core: ReturnType<typeof stubCore>
let feed: SignedFeed
let log: ReturnType<typeof recordingLog>
beforeEach(async () => {
  feed = await serveSignedFeed(keys)
  // Only the scheduling timers are faked: the HTTP client and file reads keep their own.
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
  updater = new StubUpdater()
  core = stubCore()
  log = recordingLog()
})
afterEach(async () => {
  vi.useRealTimers()
  await feed.close()
})

const settings = () => ({ url: feed.url, channel: 'latest' as const, checkMinutes: 60 })

const start = (overrides: Partial<Parameters<typeof startUpdates>[0]> = {}) =>
  startUpdates({
    updater: updater as never,
    core,
    settings: settings(),
    log,
    graceMs: 15_000,
    publicKeyPem: keys.publicPem,
    installSpool: null,
    platform: 'linux',
    arch: 'x64',
    ...overrides,
  })

/** Waits (real time, bounded) until `done()` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 5_000
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}
const logged = (message: string) => () => log.events.some((e) => e.message === message)

/** electron-updater reports the download of the feed's package. */
const downloaded = () =>
  updater.emit('update-downloaded', {
    version: feed.version,
    downloadedFile: feed.downloadedFile,
    files: [],
    path: feed.packageName,
    sha512: '',
    releaseDate: '',
  })

/** Downloads, waits for a verdict, then for anything the verdict started to finish. */
async function downloadAndSettle(): Promise<void> {
  downloaded()
  await until(() => logged('update.verified')() || logged('update.refused')(), 'a verdict')
  await settle()
}
async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('updates', () => {
  it('uses electron-updater for the platform', () => {
    expect(platformUpdater()).toEqual({ stub: true })
  })

  it('configures the generic feed from the hall config, downloads automatically, checks now and hourly', async () => {
    start()
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: feed.url,
      channel: 'latest',
    })
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: false,
      allowDowngrade: false,
    })
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2)
  })

  it('installs a signed update at once when the attract screen is showing', async () => {
    start()
    downloaded()
    await until(() => updater.quitAndInstall.mock.calls.length > 0, 'the install')
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true)
    expect(core.issues).toEqual([])
  })

  it('never during a session: waits for its end and a quiet time, then installs once', async () => {
    start()
    core.begin()
    await downloadAndSettle()
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000) // hourly checks come and go
    await settle()
    expect(updater.quitAndInstall).not.toHaveBeenCalled()

    core.end()
    await vi.advanceTimersByTimeAsync(14_000)
    await settle()
    expect(updater.quitAndInstall).not.toHaveBeenCalled() // "your data has been cleared" showing
    await vi.advanceTimersByTimeAsync(1_000)
    await until(() => updater.quitAndInstall.mock.calls.length > 0, 'the install')
    core.end()
    await vi.advanceTimersByTimeAsync(60_000)
    await settle()
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1)
  })

  it('does not install if a new session started during the quiet time', async () => {
    start()
    core.begin()
    await downloadAndSettle()
    core.end()
    core.begin()
    await vi.advanceTimersByTimeAsync(30_000)
    await settle()
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
  })

  it('logs a failed check instead of throwing, and stops cleanly', async () => {
    updater.checkForUpdates.mockRejectedValueOnce(new Error('offline'))
    const stop = start()
    await vi.advanceTimersByTimeAsync(0)
    stop()
    expect(core.listeners.size).toBe(0)
    expect(updater.listenerCount('update-downloaded')).toBe(0)
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000)
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1)
  })
})

describe('refusing what is not signed', () => {
  /** Starts, lets the download be checked, and returns the refusal's log fields. */
  async function refusal() {
    start()
    await downloadAndSettle()
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
    return log.events.filter((e) => e.message === 'update.refused')
  }

  it('a file altered after download: refused, logged with its reason, raised for staff', async () => {
    appendFileSync(feed.downloadedFile, 'tampered')
    expect(await refusal()).toHaveLength(1)
    expect(core.issues).toEqual(['UPDATE_FILE_TAMPERED'])
  })

  it('altered metadata', async () => {
    const path = join(feed.dir, feed.metadataFile)
    writeFileSync(path, readFileSync(path, 'utf8').replace('size:', 'size: 1\n    x:'))
    await refusal()
    expect(core.issues).toEqual(['UPDATE_SIGNATURE_INVALID'])
  })

  it('metadata signed with another key', async () => {
    feed.sign(makeKeys().privateKey)
    await refusal()
    expect(core.issues).toEqual(['UPDATE_SIGNATURE_INVALID'])
  })

  it('no signature beside the metadata', async () => {
    writeFileSync(join(feed.dir, `${feed.metadataFile}.sig`), '')
    await refusal()
    expect(core.issues).toEqual(['UPDATE_SIGNATURE_MISSING'])
  })

  it('a file altered between the check and the install (it waited for a session to end)', async () => {
    start()
    core.begin()
    await downloadAndSettle()
    appendFileSync(feed.downloadedFile, 'swapped while waiting')
    core.end()
    await vi.advanceTimersByTimeAsync(15_000)
    await until(() => core.issues.length > 0, 'the refusal')
    expect(core.issues).toEqual(['UPDATE_FILE_TAMPERED'])
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
  })

  it('an http feed outside demo mode: nothing is configured or checked', async () => {
    core = stubCore(false)
    for (const url of [feed.url, feed.url.replace('http:', 'HTTP:')]) {
      start({ settings: { ...settings(), url } })
    }
    expect(updater.setFeedURL).not.toHaveBeenCalled()
    expect(updater.checkForUpdates).not.toHaveBeenCalled()
    expect(core.issues).toEqual(['UPDATE_FEED_INSECURE', 'UPDATE_FEED_INSECURE'])
    expect(log.events.find((e) => e.message === 'update.refused')).toBeTruthy()
  })

  it('a pinned key that is not Ed25519: nothing is checked', () => {
    start({ publicKeyPem: 'not a key' })
    expect(updater.checkForUpdates).not.toHaveBeenCalled()
    expect(core.issues).toEqual(['UPDATE_KEY_INVALID'])
  })
})

describe('handing a deb to the root install helper', () => {
  it('puts the package, the signed metadata, its signature and then the request in the spool', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'update-spool-'))
    start({ installSpool: spool })
    downloaded()
    await until(logged('update.handed-to-helper'), 'the hand-off')
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
    expect(readdirSync(spool).sort()).toEqual(
      [feed.packageName, 'latest-linux.yml', 'latest-linux.yml.sig', 'request'].sort(),
    )
    expect(readFileSync(join(spool, 'request'), 'utf8')).toBe(
      `package=${feed.packageName}\nmetadata=latest-linux.yml\n`,
    )
    expect(readFileSync(join(spool, 'latest-linux.yml'))).toEqual(
      readFileSync(join(feed.dir, 'latest-linux.yml')),
    )
  })
})
