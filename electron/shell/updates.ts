/**
 * Updates for an installed terminal (issue 9): electron-updater with the generic provider at the
 * hall config's `updates.url`. Downloads happen in the background; installing (which restarts the
 * app) waits until no resident is using the terminal, i.e. the attract screen: never in the middle
 * of a session, and not in the moments after one while "your data has been cleared" is showing.
 *
 * Staged rollout is the feed's business: electron-updater reads `stagingPercentage` from
 * `latest.yml` and downloads only if this installation's stable random id falls inside it
 * (docs/deployment.md, "Updates").
 */
import { autoUpdater, type AppUpdater, type UpdateInfo } from 'electron-updater'
import type { EventMessage } from '../../shared/api'
import type { UpdateSettings } from '../core/hall-config'
import type { ShellLog } from './origin'

/** The part of electron-updater's `AppUpdater` used here (a stub in tests). */
export type Updater = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'quitAndInstall'
> & {
  on(event: 'update-downloaded', listener: (info: UpdateInfo) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeListener(event: string, listener: (...args: never[]) => void): unknown
}

/** electron-updater's updater for this platform and package type (NSIS, AppImage, deb). */
export function platformUpdater(): Updater {
  return autoUpdater
}

/** The part of the core used here: its events and whether a session is active. */
export interface UpdatesCore {
  onEvent(listener: (message: EventMessage) => void): () => void
  internals: { sessions: { current(): unknown } }
}

export interface UpdatesOptions {
  updater: Updater
  core: UpdatesCore
  settings: Pick<UpdateSettings, 'url' | 'channel' | 'checkMinutes'>
  log: ShellLog
  /** Quiet time after a session ends before installing (the "data cleared" notice). */
  graceMs?: number
}

/**
 * Configures the updater and starts checking now and every `checkMinutes`. Returns the function
 * that stops it (timers and listeners).
 */
export function startUpdates(options: UpdatesOptions): () => void {
  const { updater, core, settings, log } = options
  const graceMs = options.graceMs ?? 15_000
  updater.setFeedURL({ provider: 'generic', url: settings.url, channel: settings.channel })
  updater.autoDownload = true
  // Installing on quit would replace the app at a moment nobody chose; we install explicitly.
  updater.autoInstallOnAppQuit = false
  updater.allowDowngrade = false

  let pending: UpdateInfo | null = null
  let graceTimer: ReturnType<typeof setTimeout> | undefined
  let installing = false
  let lastSessionEndedAt = -Infinity

  const attractShowing = () => core.internals.sessions.current() == null

  const installIfIdle = () => {
    if (!pending || installing || !attractShowing()) return
    const quietFor = Date.now() - lastSessionEndedAt
    if (quietFor < graceMs) {
      clearTimeout(graceTimer)
      graceTimer = setTimeout(installIfIdle, graceMs - quietFor)
      return
    }
    installing = true
    log.info('update.installing', { version: pending.version })
    // Silent install, and run the app again afterwards: the kiosk comes back by itself.
    updater.quitAndInstall(true, true)
  }

  const onDownloaded = (info: UpdateInfo) => {
    pending = info
    log.info('update.downloaded', { version: info.version })
    installIfIdle()
  }
  const onError = (error: Error) => log.warn('update.failed', { message: error.message })
  updater.on('update-downloaded', onDownloaded)
  updater.on('error', onError)

  const unsubscribe = core.onEvent((message) => {
    if (message.event !== 'session.ended') return
    lastSessionEndedAt = Date.now()
    if (pending) installIfIdle()
  })

  const check = () => {
    updater.checkForUpdates().catch((err: unknown) => onError(err as Error))
  }
  check()
  const interval = setInterval(() => {
    check()
    installIfIdle() // in case the session.ended event came while nothing was downloaded yet
  }, settings.checkMinutes * 60_000)

  return () => {
    clearInterval(interval)
    clearTimeout(graceTimer)
    unsubscribe()
    updater.removeListener('update-downloaded', onDownloaded as never)
    updater.removeListener('error', onError as never)
  }
}
