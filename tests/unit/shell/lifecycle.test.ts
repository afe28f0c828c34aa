import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { App, BrowserWindow, PowerSaveBlocker } from 'electron'
import {
  claimSingleInstance,
  cleanUpBeforeQuit,
  quitOnSignals,
  quitWhenWindowsClosed,
  trackQuitting,
} from '../../../electron/shell/lifecycle'
import { preventDisplaySleep } from '../../../electron/shell/power'
import { electronEvent, recordingLog, StubApp, StubWindow } from './electron-stubs.fixture'
import { EventEmitter } from 'node:events'

vi.mock('electron', () => ({}))

const asApp = (app: StubApp) => app as unknown as App

describe('single instance', () => {
  it('the second instance is told to quit', () => {
    const app = new StubApp()
    app.lock = false
    expect(claimSingleInstance(asApp(app), () => undefined)).toBe(false)
    expect(app.listenerCount('second-instance')).toBe(0)
  })

  it('the first instance brings its window to the front when another starts', () => {
    const app = new StubApp()
    const win = new StubWindow()
    win.minimized = true
    expect(claimSingleInstance(asApp(app), () => win as unknown as BrowserWindow)).toBe(true)
    app.emit('second-instance', electronEvent(), [], '/')
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
  })
})

describe('quitting', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('quits when the kiosk window is gone, on every platform', () => {
    const app = new StubApp()
    quitWhenWindowsClosed(asApp(app))
    app.emit('window-all-closed')
    expect(app.quit).toHaveBeenCalledTimes(1)
  })

  it('tracks before-quit', () => {
    const app = new StubApp()
    const quit = trackQuitting(asApp(app))
    expect(quit.isQuitting()).toBe(false)
    app.emit('before-quit', electronEvent())
    expect(quit.isQuitting()).toBe(true)
  })

  it('holds the quit until the core and central have stopped, once', async () => {
    const app = new StubApp()
    let finish: () => void = () => {}
    const cleanup = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    cleanUpBeforeQuit(asApp(app), cleanup, recordingLog())
    const first = electronEvent()
    app.emit('will-quit', first)
    expect(first.defaultPrevented).toBe(true)
    const second = electronEvent()
    app.emit('will-quit', second)
    expect(second.defaultPrevented).toBe(true)
    expect(cleanup).toHaveBeenCalledTimes(1)
    expect(app.quit).not.toHaveBeenCalled()
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(app.quit).toHaveBeenCalledTimes(1)
    const last = electronEvent()
    app.emit('will-quit', last)
    expect(last.defaultPrevented).toBe(false)
  })

  it('quits anyway when the clean-up hangs or fails', async () => {
    const app = new StubApp()
    const log = recordingLog()
    cleanUpBeforeQuit(asApp(app), () => new Promise<void>(() => {}), log, 5_000)
    app.emit('will-quit', electronEvent())
    await vi.advanceTimersByTimeAsync(4_999)
    expect(app.quit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(app.quit).toHaveBeenCalledTimes(1)

    const app2 = new StubApp()
    cleanUpBeforeQuit(asApp(app2), () => Promise.reject(new Error('disk')), log)
    app2.emit('will-quit', electronEvent())
    await vi.advanceTimersByTimeAsync(0)
    expect(app2.quit).toHaveBeenCalledTimes(1)
    expect(log.events.map((e) => e.message)).toEqual([
      'shell.quit_cleanup_timeout',
      'shell.quit_cleanup_failed',
    ])
  })

  it('quits cleanly on SIGTERM and SIGINT', () => {
    const app = new StubApp()
    const proc = new EventEmitter()
    quitOnSignals(asApp(app), proc as unknown as NodeJS.Process)
    proc.emit('SIGTERM')
    proc.emit('SIGINT')
    expect(app.quit).toHaveBeenCalledTimes(2)
  })
})

describe('power', () => {
  it('keeps the display awake until released', () => {
    const started = new Set<number>()
    const blocker = {
      start: vi.fn((_type: string) => (started.add(7), 7)),
      isStarted: (id: number) => started.has(id),
      stop: vi.fn((id: number) => started.delete(id)),
    }
    const release = preventDisplaySleep(blocker as unknown as PowerSaveBlocker)
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep')
    release()
    release()
    expect(blocker.stop).toHaveBeenCalledTimes(1)
  })
})
