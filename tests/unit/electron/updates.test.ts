/**
 * electron/shell/updates.ts (issue 9): the generic feed from the hall config, background
 * downloads, and an install that never interrupts a resident: it waits for the attract screen
 * (no session) and a short quiet time after a session ends. electron-updater is replaced through
 * a `vi.mock` factory (its real module reaches for Electron's `app`).
 */
import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventMessage } from '../../../shared/api'
import { recordingLog } from './stubs'

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

function stubCore() {
  const listeners = new Set<(m: EventMessage) => void>()
  let session: object | null = null
  return {
    onEvent: vi.fn((listener: (m: EventMessage) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    internals: { sessions: { current: () => session } },
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

const settings = {
  url: 'https://updates.example.gov.cn/hall-kiosk/',
  channel: 'latest' as const,
  checkMinutes: 60,
}

let updater: StubUpdater
let core: ReturnType<typeof stubCore>
beforeEach(() => {
  vi.useFakeTimers()
  updater = new StubUpdater()
  core = stubCore()
})
afterEach(() => vi.useRealTimers())

const start = () =>
  startUpdates({ updater: updater as never, core, settings, log: recordingLog(), graceMs: 15_000 })

describe('updates', () => {
  it('uses electron-updater for the platform', () => {
    expect(platformUpdater()).toEqual({ stub: true })
  })

  it('configures the generic feed from the hall config, downloads automatically, checks now and hourly', async () => {
    start()
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: settings.url,
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

  it('installs at once when the attract screen is showing', () => {
    start()
    updater.emit('update-downloaded', { version: '0.2.0' })
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true)
  })

  it('never during a session: waits for its end and a quiet time, then installs once', async () => {
    start()
    core.begin()
    updater.emit('update-downloaded', { version: '0.2.0' })
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000) // hourly checks come and go
    expect(updater.quitAndInstall).not.toHaveBeenCalled()

    core.end()
    await vi.advanceTimersByTimeAsync(14_000)
    expect(updater.quitAndInstall).not.toHaveBeenCalled() // "your data has been cleared" showing
    await vi.advanceTimersByTimeAsync(1_000)
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1)
    core.end()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1)
  })

  it('does not install if a new session started during the quiet time', async () => {
    start()
    core.begin()
    updater.emit('update-downloaded', { version: '0.2.0' })
    core.end()
    core.begin()
    await vi.advanceTimersByTimeAsync(30_000)
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
