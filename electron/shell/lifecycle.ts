/**
 * App lifecycle for a kiosk: one instance only, navigation rules on every webContents the app ever
 * creates, the app quits when its window is gone (the OS supervisor restarts it), and quitting waits
 * for the core and the central service to stop, but not forever.
 */
import type { App, BrowserWindow } from 'electron'
import { guardNavigation } from './navigation'
import type { OriginCheck, ShellLog } from './origin'
import type { QuitState } from './window'

/**
 * Takes the single-instance lock. A second instance gets `false` and must quit at once; the first
 * one brings its window to the front. Returns whether this process holds the lock.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  currentWindow: () => BrowserWindow | undefined,
): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', () => {
    const win = currentWindow()
    if (!win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  })
  return true
}

/**
 * Applies the navigation and window rules to every webContents as it is created, including the
 * kiosk window's own and any the page might try to make.
 */
export function guardAllWebContents(app: Pick<App, 'on'>, isApp: OriginCheck, log: ShellLog) {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, isApp, log))
}

/** Tracks whether the app is quitting, so the window's close guard and recovery can stand down. */
export function trackQuitting(app: Pick<App, 'on'>): QuitState {
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  return {
    isQuitting: () => quitting,
    mark: () => {
      quitting = true
    },
  }
}

/**
 * A kiosk has no life without its window, on every platform (no macOS dock idiom): when the last
 * window is gone the app quits, and the OS-level supervisor starts it again.
 */
export function quitWhenWindowsClosed(app: Pick<App, 'on' | 'quit'>): void {
  app.on('window-all-closed', () => app.quit())
}

/**
 * Holds the quit until `cleanup` (stop the core, then the central service) has finished or
 * `timeoutMs` has passed, then quits for real. The store must be flushed before the process ends.
 */
export function cleanUpBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  cleanup: () => Promise<void>,
  log: ShellLog,
  timeoutMs = 10_000,
): void {
  let state: 'running' | 'cleaning' | 'done' = 'running'
  app.on('will-quit', (event) => {
    if (state === 'done') return
    event.preventDefault()
    if (state === 'cleaning') return
    state = 'cleaning'
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.error('shell.quit_cleanup_timeout', { timeoutMs })
        resolve()
      }, timeoutMs)
    })
    const work = cleanup().catch((err: unknown) =>
      log.error('shell.quit_cleanup_failed', { err: String(err) }),
    )
    void Promise.race([work, timeout]).then(() => {
      clearTimeout(timer)
      state = 'done'
      app.quit()
    })
  })
}

/** A service manager stops the kiosk with SIGTERM (or SIGINT by hand): quit through the clean path. */
export function quitOnSignals(app: Pick<App, 'quit'>, proc: Pick<NodeJS.Process, 'on'> = process) {
  proc.on('SIGTERM', () => app.quit())
  proc.on('SIGINT', () => app.quit())
}
