/**
 * Renderer crash and hang recovery (the terminal recovers by itself): the resident's session is
 * ended with reason `recovery` at once (the core wipes it and audits the event), the page's storage
 * is cleared, and the app page is reloaded after a capped exponential back-off, so a renderer that
 * keeps dying costs a reload a minute, never a tight loop.
 */
import type { BrowserWindow } from 'electron'
import type { CorePort } from './ipc'
import type { ShellLog } from './origin'

export interface BackoffOptions {
  /** First delay. Default 1 s. */
  baseMs?: number
  /** Longest delay. Default 60 s. */
  maxMs?: number
  /** A renderer that has run this long since its last recovery starts again at `baseMs`. Default 5 min. */
  stableMs?: number
  /** Milliseconds clock. Default `Date.now`. */
  now?: () => number
}

export interface Backoff {
  /** The delay before the next reload; counts one more consecutive failure. */
  next(): number
  /** Records that a reload was started (the stable period counts from here). */
  recovered(): void
  /** Consecutive failures counted so far. */
  readonly failures: number
}

/** Exponential back-off: base, 2·base, 4·base … capped at max, reset after a stable period. */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const baseMs = options.baseMs ?? 1_000
  const maxMs = options.maxMs ?? 60_000
  const stableMs = options.stableMs ?? 5 * 60_000
  const now = options.now ?? Date.now
  let failures = 0
  let lastRecoveryAt: number | undefined

  return {
    next() {
      if (lastRecoveryAt !== undefined && now() - lastRecoveryAt >= stableMs) failures = 0
      failures += 1
      // Cap the exponent too, so a very long run of failures cannot overflow to Infinity.
      return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30))
    },
    recovered() {
      lastRecoveryAt = now()
    },
    get failures() {
      return failures
    },
  }
}

export type RecoveryCause = 'crash' | 'hang' | 'load-failed'

export interface RecoveryOptions {
  window: BrowserWindow
  core: Pick<CorePort, 'call'>
  /** The page to load (app://kiosk/index.html, or the dev server in development). */
  startUrl: string
  log: ShellLog
  /** True once the app is quitting: a renderer going away then is expected. */
  isQuitting: () => boolean
  backoff?: Backoff
}

export interface RendererWatch {
  /** Loads the start page; a failed load goes through recovery like a crash. */
  load(): void
  /** Starts a recovery (also what the window's events call). Coalesces while one is pending. */
  recover(cause: RecoveryCause, detail?: string): void
  /** Removes the listeners and cancels a pending reload. */
  dispose(): void
}

/** Watches the kiosk window's renderer and recovers it. */
export function watchRenderer(options: RecoveryOptions): RendererWatch {
  const { window, core, startUrl, log, isQuitting } = options
  const backoff = options.backoff ?? createBackoff()
  const contents = window.webContents
  let timer: ReturnType<typeof setTimeout> | undefined

  const alive = () => !isQuitting() && !window.isDestroyed() && !contents.isDestroyed()

  function load(): void {
    if (!alive()) return
    contents.loadURL(startUrl).catch((err: unknown) => recover('load-failed', String(err)))
  }

  function endSession(): void {
    // Ended before the back-off wait: personal data must not wait a minute to be wiped.
    core.call('session.end', { reason: 'recovery' }).then(
      (result) => {
        if (!result.ok && result.error.code !== 'NO_SESSION') {
          log.error('shell.recovery_session_end_failed', { code: result.error.code })
        }
      },
      (err: unknown) => log.error('shell.recovery_session_end_failed', { err: String(err) }),
    )
  }

  function recover(cause: RecoveryCause, detail?: string): void {
    if (!alive() || timer !== undefined) return
    const delayMs = backoff.next()
    log.warn('shell.renderer_recovery', { cause, detail, delayMs, failures: backoff.failures })
    endSession()
    // A hung renderer still shows whatever was on screen: kill it now rather than after the wait.
    if (cause === 'hang' && !contents.isCrashed()) contents.forcefullyCrashRenderer()
    timer = setTimeout(() => {
      timer = undefined
      if (!alive()) return
      backoff.recovered()
      contents.session
        .clearStorageData()
        .catch((err: unknown) => log.error('shell.storage_clear_failed', { err: String(err) }))
        .finally(load)
    }, delayMs)
  }

  const onGone = (_event: unknown, details: { reason: string; exitCode: number }) =>
    recover('crash', `${details.reason}:${details.exitCode}`)
  const onHang = () => recover('hang')
  const onFailLoad = (
    _event: unknown,
    errorCode: number,
    _description: string,
    _url: string,
    isMainFrame: boolean,
  ) => {
    // -3 is ERR_ABORTED: a navigation replaced by another one, not a failure.
    if (isMainFrame && errorCode !== -3) recover('load-failed', String(errorCode))
  }
  contents.on('render-process-gone', onGone)
  contents.on('unresponsive', onHang)
  contents.on('did-fail-load', onFailLoad)

  return {
    load,
    recover,
    dispose() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      contents.off('render-process-gone', onGone)
      contents.off('unresponsive', onHang)
      contents.off('did-fail-load', onFailLoad)
    },
  }
}
