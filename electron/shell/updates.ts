/**
 * Updates for an installed terminal: electron-updater with the generic provider at the hall
 * config's `updates.url`. Downloads happen in the background; nothing is installed until it has
 * passed the signature check (electron/core/updates/verify-update.ts: the feed's metadata signed
 * with the key pinned in the build, the downloaded file's sha512 in those signed bytes), and
 * installing (which restarts the app) waits until no resident is using the terminal, i.e. the
 * attract screen: never in the middle of a session, and not in the moments after one while "your
 * data has been cleared" is showing.
 *
 * A refusal (no signature, altered metadata or another key, altered file, http feed outside demo
 * mode) is logged with its reason and raised as an issue on the staff dashboard; nothing is
 * installed. electron-updater raises `update-downloaded` again for the cached file at the next
 * check, so a refused update is checked again then (and refused again, counted on the same issue).
 *
 * How it installs: a deb with the root install helper's spool folder present goes to the helper
 * (electron/core/updates/install-spool.ts), which checks again as root and runs dpkg; everything
 * else through electron-updater's `quitAndInstall` (AppImage and NSIS replace themselves).
 *
 * Staged rollout is the feed's business: electron-updater reads `stagingPercentage` from
 * `latest.yml` and downloads only if this installation's stable random id falls inside it
 * (docs/deployment.md, "Updates").
 */
import type { KeyObject } from 'node:crypto'
import { existsSync } from 'node:fs'
import { autoUpdater, type AppUpdater, type UpdateDownloadedEvent } from 'electron-updater'
import type { EventMessage } from '../../shared/api'
import type { UpdateSettings } from '../core/hall-config'
import { handOffToInstallHelper, INSTALL_SPOOL_DIR } from '../core/updates/install-spool'
import { PINNED_UPDATE_KEY_PEM } from './pinned-update-key'
import { loadUpdateKey, UpdateRefused } from '../core/updates/signed-metadata'
import {
  assertSecureFeed,
  checkFileAgainstEntry,
  verifyDownloadedUpdate,
  type VerifiedUpdate,
} from '../core/updates/verify-update'
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
  on(event: 'update-downloaded', listener: (info: UpdateDownloadedEvent) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeListener(event: string, listener: (...args: never[]) => void): unknown
}

/** electron-updater's updater for this platform and package type (NSIS, AppImage, deb). */
export function platformUpdater(): Updater {
  return autoUpdater
}

/** The root install helper's spool folder, if this terminal has the helper installed (deb). */
export function installSpoolIfPresent(platform: NodeJS.Platform = process.platform): string | null {
  return platform === 'linux' && existsSync(INSTALL_SPOOL_DIR) ? INSTALL_SPOOL_DIR : null
}

/** The part of the core used here: its events, whether a session is active, staff's issues. */
export interface UpdatesCore {
  onEvent(listener: (message: EventMessage) => void): () => void
  internals: {
    sessions: { current(): unknown }
    status: { addIssue(code: string, at: Date, fields?: string[]): void }
  }
  config: { demo: boolean; clock(): Date }
}

export interface UpdatesOptions {
  updater: Updater
  core: UpdatesCore
  settings: Pick<UpdateSettings, 'url' | 'channel' | 'checkMinutes'>
  log: ShellLog
  /** Quiet time after a session ends before installing (the "data cleared" notice). */
  graceMs?: number
  /** The Ed25519 public key updates are signed with; default: the one pinned in the build. */
  publicKeyPem?: string
  /** The root install helper's spool folder for debs ({@link installSpoolIfPresent}); null: none. */
  installSpool?: string | null
  /** The metadata file's platform (`latest-linux.yml`…); default: this machine's. */
  platform?: NodeJS.Platform
  arch?: string
}

/**
 * Configures the updater and starts checking now and every `checkMinutes`. Returns the function
 * that stops it (timers and listeners). A feed that is not https outside demo mode, or a pinned key
 * that is not Ed25519, starts nothing: the reason is logged and raised for staff.
 */
export function startUpdates(options: UpdatesOptions): () => void {
  const { updater, core, settings, log } = options
  const graceMs = options.graceMs ?? 15_000

  const refuse = (err: UpdateRefused, version?: string) => {
    log.warn('update.refused', { code: err.code, reason: err.message, version })
    core.internals.status.addIssue(err.code, core.config.clock())
  }
  let key: KeyObject
  try {
    assertSecureFeed(settings.url, core.config.demo)
    key = loadUpdateKey(options.publicKeyPem ?? PINNED_UPDATE_KEY_PEM)
  } catch (err) {
    if (!(err instanceof UpdateRefused)) throw err
    refuse(err)
    return () => {}
  }

  updater.setFeedURL({ provider: 'generic', url: settings.url, channel: settings.channel })
  updater.autoDownload = true
  // Installing on quit would replace the app at a moment nobody chose, and unchecked.
  updater.autoInstallOnAppQuit = false
  updater.allowDowngrade = false

  let pending: { info: UpdateDownloadedEvent; verified: VerifiedUpdate } | null = null
  let graceTimer: ReturnType<typeof setTimeout> | undefined
  let installing = false
  let stopped = false
  let lastSessionEndedAt = -Infinity
  /** Counts downloads: a verdict on an older one arriving late is dropped. */
  let downloadSeq = 0

  const attractShowing = () => core.internals.sessions.current() == null
  const failed = (err: unknown, version: string) => {
    if (err instanceof UpdateRefused) refuse(err, version)
    else log.warn('update.failed', { message: (err as Error).message, version })
  }

  const install = async (info: UpdateDownloadedEvent, verified: VerifiedUpdate) => {
    // The file may have sat on disk for hours since it was checked: hash it again.
    await checkFileAgainstEntry(info.downloadedFile, verified.entry)
    if (stopped || !attractShowing()) return false
    log.info('update.installing', { version: info.version })
    if (options.installSpool && info.downloadedFile.endsWith('.deb')) {
      // The root helper checks again, installs and restarts the kiosk service.
      await handOffToInstallHelper(options.installSpool, info.downloadedFile, verified)
      log.info('update.handed-to-helper', { version: info.version })
      return true
    }
    // Silent install, and run the app again afterwards: the kiosk comes back by itself.
    updater.quitAndInstall(true, true)
    return true
  }

  const installIfIdle = () => {
    if (!pending || installing || stopped || !attractShowing()) return
    const quietFor = Date.now() - lastSessionEndedAt
    if (quietFor < graceMs) {
      clearTimeout(graceTimer)
      graceTimer = setTimeout(installIfIdle, graceMs - quietFor)
      return
    }
    installing = true
    const { info, verified } = pending
    install(info, verified).then(
      (done) => {
        if (!done) installing = false // a session began while hashing: wait for attract again
      },
      (err: unknown) => {
        installing = false
        pending = null
        failed(err, info.version)
      },
    )
  }

  const onDownloaded = (info: UpdateDownloadedEvent) => {
    const seq = ++downloadSeq
    pending = null
    log.info('update.downloaded', { version: info.version })
    verifyDownloadedUpdate({
      feedUrl: settings.url,
      channel: settings.channel,
      key,
      downloadedFile: info.downloadedFile,
      version: info.version,
      allowHttp: core.config.demo,
      ...(options.platform ? { platform: options.platform } : {}),
      ...(options.arch ? { arch: options.arch } : {}),
    }).then(
      (verified) => {
        if (seq !== downloadSeq || stopped) return
        log.info('update.verified', { version: info.version })
        pending = { info, verified }
        installIfIdle()
      },
      (err: unknown) => {
        if (seq === downloadSeq && !stopped) failed(err, info.version)
      },
    )
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
    stopped = true
    clearInterval(interval)
    clearTimeout(graceTimer)
    unsubscribe()
    updater.removeListener('update-downloaded', onDownloaded as never)
    updater.removeListener('error', onError as never)
  }
}
