import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { createBackoff, watchRenderer } from '../../../electron/shell/recovery'
import { electronEvent, recordingLog, StubWindow } from './electron-stubs.fixture'

vi.mock('electron', () => ({}))

describe('recovery back-off', () => {
  it('doubles from 1 s and is capped at 60 s', () => {
    const backoff = createBackoff({ now: () => 0 })
    const delays = Array.from({ length: 12 }, () => backoff.next())
    expect(delays).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000,
    ])
  })

  it('never overflows however long the failures go on', () => {
    const backoff = createBackoff({ now: () => 0 })
    for (let i = 0; i < 10_000; i++) expect(backoff.next()).toBeLessThanOrEqual(60_000)
    expect(backoff.next()).toBe(60_000)
  })

  it('starts again at 1 s after a stable period, not before', () => {
    let t = 0
    const backoff = createBackoff({ now: () => t, stableMs: 300_000 })
    backoff.next()
    backoff.next()
    backoff.recovered()
    t += 299_999
    expect(backoff.next()).toBe(4_000)
    backoff.recovered()
    t += 300_000
    expect(backoff.next()).toBe(1_000)
  })
})

describe('renderer recovery', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function watch(quitting = false) {
    const window = new StubWindow()
    const core = {
      call: vi.fn(async (_method: string, _input: unknown) => ({
        ok: false as const,
        error: { code: 'NO_SESSION' as const },
      })),
    }
    const log = recordingLog()
    const watcher = watchRenderer({
      window: window as unknown as BrowserWindow,
      core,
      startUrl: 'app://kiosk/index.html',
      log,
      isQuitting: () => quitting,
      backoff: createBackoff({ now: () => Date.now() }),
    })
    const contents = window.webContents
    const crash = () =>
      contents.emit('render-process-gone', electronEvent(), { reason: 'crashed', exitCode: 139 })
    return { window, contents, core, log, watcher, crash }
  }

  it('ends the session with reason recovery at once, then reloads after the back-off', async () => {
    const { contents, core, crash } = watch()
    crash()
    expect(core.call).toHaveBeenCalledWith('session.end', { reason: 'recovery' })
    await vi.advanceTimersByTimeAsync(999)
    expect(contents.loadURL).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(contents.session.clearStorageData).toHaveBeenCalledTimes(1)
    expect(contents.loadURL).toHaveBeenCalledWith('app://kiosk/index.html')
  })

  it('waits longer after each consecutive crash, up to the cap (no tight loop)', async () => {
    const { contents, crash } = watch()
    let reloadedAt = 0
    contents.loadURL.mockImplementation(async () => void (reloadedAt = Date.now()))
    const waits: number[] = []
    for (let i = 0; i < 9; i++) {
      const crashedAt = Date.now()
      crash()
      await vi.advanceTimersByTimeAsync(60_000)
      waits.push(reloadedAt - crashedAt)
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((s) => s * 1000))
    expect(contents.loadURL).toHaveBeenCalledTimes(9)
  })

  it('coalesces crash reports while a reload is pending', async () => {
    const { contents, core, crash } = watch()
    crash()
    crash()
    contents.emit('unresponsive')
    expect(core.call).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(contents.loadURL).toHaveBeenCalledTimes(1)
  })

  it('kills a hung renderer at once and recovers it like a crash', async () => {
    const { contents, core } = watch()
    contents.emit('unresponsive')
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
    expect(core.call).toHaveBeenCalledWith('session.end', { reason: 'recovery' })
    // The kill makes Electron report the renderer gone; that must not count twice.
    contents.emit('render-process-gone', electronEvent(), { reason: 'killed', exitCode: 9 })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(contents.loadURL).toHaveBeenCalledTimes(1)
  })

  it('treats a failed load as a failure, but not an aborted one', async () => {
    const { contents, core } = watch()
    contents.emit('did-fail-load', electronEvent(), -3, 'ERR_ABORTED', 'app://kiosk/', true)
    contents.emit(
      'did-fail-load',
      electronEvent(),
      -6,
      'ERR_FILE_NOT_FOUND',
      'app://kiosk/x',
      false,
    )
    expect(core.call).not.toHaveBeenCalled()
    contents.emit('did-fail-load', electronEvent(), -6, 'ERR_FILE_NOT_FOUND', 'app://kiosk/', true)
    expect(core.call).toHaveBeenCalledTimes(1)
  })

  it('recovers when the initial load is rejected', async () => {
    const { contents, core, watcher } = watch()
    contents.loadURL.mockRejectedValueOnce(new Error('ERR_FAILED'))
    watcher.load()
    await vi.advanceTimersByTimeAsync(0)
    expect(core.call).toHaveBeenCalledWith('session.end', { reason: 'recovery' })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(contents.loadURL).toHaveBeenCalledTimes(2)
  })

  it('does nothing while the app is quitting', async () => {
    const { contents, core, crash } = watch(true)
    crash()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(core.call).not.toHaveBeenCalled()
    expect(contents.loadURL).not.toHaveBeenCalled()
  })

  it('cancels a pending reload and stops listening on dispose', async () => {
    const { contents, core, crash, watcher } = watch()
    crash()
    watcher.dispose()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(contents.loadURL).not.toHaveBeenCalled()
    crash()
    expect(core.call).toHaveBeenCalledTimes(1)
  })

  it('logs a failed session end that is not NO_SESSION', async () => {
    const { core, crash, log } = watch()
    core.call.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL' } } as never)
    crash()
    await vi.advanceTimersByTimeAsync(0)
    expect(log.events).toContainEqual({
      level: 'error',
      message: 'shell.recovery_session_end_failed',
    })
  })
})
