/**
 * The core's life: the data opened before anything else (a store that cannot be opened leaves the
 * terminal serving what needs none, with the reason on the status bar), what `start()` sets going
 * (restored staff state, the audit checks of what the store found, the centre's cache clock, the
 * disk watch, maintenance, sync) and what `stop()` ends, in order.
 */
import type { CoreConfig } from './config'
import { watchDiskSpace, type DiskSpace, type DiskWatch } from './data/disk-space'
import { scheduleMaintenance } from './data/maintenance'
import { openTerminalData, type AuditTrail, type TerminalData } from './data/terminal-data'
import type { Logger } from './log'
import type { SessionManager } from './session/session'
import type { SettingsAccess } from './data/settings'
import { checkChainCut, storeIssueEntry } from './store'
import type { SupervisorMode } from './supervisor/supervisor-mode'
import type { SyncEngine } from './sync'
import type { TerminalStatusTracker } from './terminal/status'
import { OUT_OF_SERVICE_SETTING } from './api/supervisor'

/** Opens the store and its tables; null (and `STORE_UNAVAILABLE` on the status bar) when it cannot. */
export async function openCoreData(
  config: CoreConfig,
  deps: { log: Logger; status: TerminalStatusTracker },
): Promise<TerminalData | null> {
  const { log, status } = deps
  const data = await openTerminalData({
    dataDir: config.dataDir,
    wasmPath: config.wasmPath,
    terminalId: config.terminalId,
    clock: config.clock,
    log,
    onIssue: (issue) => {
      log.warn('store.issue', { code: issue.code, detail: issue.detail })
      // Only a write failure's detail is code-like (the errno); the others are sentences.
      const detail = issue.code === 'STORE_WRITE_FAILED' ? issue.detail : undefined
      status.addIssue(issue.code, new Date(issue.at), undefined, detail)
    },
  })
  if (!data) status.addIssue('STORE_UNAVAILABLE', config.clock())
  return data
}

/** What start and stop act on. */
export interface LifecycleDeps {
  config: CoreConfig
  log: Logger
  status: TerminalStatusTracker
  data: TerminalData | null
  sync: SyncEngine | null
  /** False without a central address: the terminal then says it is offline. */
  hasCentre: boolean
  audit: AuditTrail
  settings: SettingsAccess
  supervisor: SupervisorMode
  sessions: SessionManager
  centre: { start(): void; stop(): void }
  /** Ends the services (sessions, devices, printing…), before the loops and the store. */
  disposeServices: () => void
}

/** The core's start, stop and the disk watch that staff can ask to look again. */
export interface CoreLifecycle {
  start(): Promise<void>
  stop(): Promise<void>
  /** Looks at the data disk now (null before start or when it cannot). */
  disk(): Promise<DiskSpace | null>
  /** After staff cleared the issues: raise again what still holds (a disk still low). */
  recheckIssues(): Promise<void>
  /** True once `stop()` has stopped the sync engine: the data is closing or closed. */
  stopped(): boolean
}

export function createCoreLifecycle(deps: LifecycleDeps): CoreLifecycle {
  const { config, log, status, data, sync, audit } = deps
  let stopMaintenance: (() => void) | null = null
  let diskWatch: DiskWatch | null = null
  let stopped = false
  let stopping: Promise<void> | null = null

  /**
   * Entries the centre acknowledged must still be here (docs/audit.md, "Nobody cuts it quietly"): a
   * chain that ends before the acknowledged head, or differs at it, was cut while the kiosk was
   * down. Staff see it, and the audit log says so in a new entry.
   */
  function checkAuditChainAtStart(opened: TerminalData): void {
    const check = checkChainCut(opened.store)
    if (!check.cut) return
    const { reason, acknowledgedSeq, localSeq } = check
    log.error('audit.chain_cut', { reason, acknowledgedSeq, localSeq })
    status.addIssue('AUDIT_CHAIN_CUT', config.clock(), undefined, reason)
    void audit.record({
      action: 'audit.chainCut',
      subject: null,
      outcome: 'detected',
      detail: { reason, acknowledgedSeq, localSeq },
    })
  }

  return {
    async start() {
      if (data) {
        checkAuditChainAtStart(data)
        // What the store found while opening is audited like every other event (and so reaches
        // the centre); the store itself only reports it.
        for (const issue of data.store.openIssues) await audit.record(storeIssueEntry(issue))
      }
      const outOfService = deps.settings.read(OUT_OF_SERVICE_SETTING)
      if (outOfService) {
        try {
          status.update({
            outOfService: { message: String(JSON.parse(outOfService).message ?? '') },
          })
        } catch {
          status.update({ outOfService: { message: '' } })
        }
      }
      if (deps.supervisor.pinSource === 'none') {
        status.addIssue('SUPERVISOR_PIN_NOT_SET', config.clock())
      }
      deps.centre.start()
      diskWatch = watchDiskSpace({
        dir: config.dataDir,
        log,
        onLow: () => status.addIssue('DISK_LOW', config.clock()),
        onRestored: () => status.addIssue('DISK_SPACE_RESTORED', config.clock()),
      })
      if (data) {
        stopMaintenance = scheduleMaintenance({
          data,
          sessionActive: () => deps.sessions.current() !== null,
          clock: config.clock,
          log,
        })
      }
      if (sync && data) {
        sync.start()
        // A store rebuilt from scratch has no reference data: fetch it now, not in 30 s.
        if (data.store.openIssues.some((i) => i.code === 'STORE_RECOVERED')) void sync.pullNow()
      } else if (!deps.hasCentre) {
        status.update({ connection: 'offline' })
      }
      log.info('core.started', {
        terminalId: config.terminalId,
        host: config.host,
        demo: config.demo,
      })
    },

    stop() {
      // Stopping twice stops once: the store closes once and a second call waits for the first.
      stopping ??= (async () => {
        deps.disposeServices()
        stopMaintenance?.()
        deps.centre.stop()
        diskWatch?.stop()
        diskWatch = null
        await deps.audit.settle?.()
        await sync?.stop()
        stopped = true
        await data?.store.close()
        log.info('core.stopped')
      })()
      return stopping
    },

    disk: async () => (diskWatch ? diskWatch.check() : null),

    async recheckIssues() {
      diskWatch?.forget()
      await diskWatch?.check()
    },

    stopped: () => stopped,
  }
}
