/**
 * Connects the fleet reporter to the core's parts: what a heartbeat says (status, outbox, audit
 * head, open calls, session), and what the fleet's commands do on this terminal. Out of service
 * and resume act exactly as staff's own switch on the dashboard (kept across a restart, audited);
 * "staff coming" is shown to the resident on the call-staff screen.
 */
import type { FleetCallReport, FleetCommand } from '../../../shared/fleet/contract'
import type { CoreConfig } from '../config'
import type { AuditTrail, TerminalData } from '../data/terminal-data'
import type { SettingsAccess } from '../data/settings'
import type { HelpDesk } from '../help/help-desk'
import type { Logger } from '../log'
import { chainHead } from '../store/audit'
import type { SyncEngine } from '../sync'
import type { TerminalStatusTracker } from '../terminal/status'
import { createFleetClient } from './fleet-client'
import { createFleetReporter, type FleetReporter } from './fleet-reporter'
import { createUsageTracker } from './usage-from-audit'

export interface FleetWiringDeps {
  config: CoreConfig
  startedAt: Date
  status: TerminalStatusTracker
  help: HelpDesk
  sessionActive: () => boolean
  data: () => TerminalData | null
  sync: () => SyncEngine | null
  settings: SettingsAccess
  audit: AuditTrail
  log: Logger
  /** The setting staff's out-of-service switch is kept in. */
  outOfServiceSetting: string
  /** Asks the host to restart the app (as staff's restart does). */
  restart: () => void
}

const CODE = /^[A-Za-z0-9_.:-]{1,64}$/
const code = (value: string | null | undefined) => (value && CODE.test(value) ? value : null)

/** Starts reporting to `config.fleetUrl`; null when the terminal has no fleet. */
export function startFleetReporting(deps: FleetWiringDeps): FleetReporter | null {
  const { config, status } = deps
  if (!config.fleetUrl) return null
  const client = createFleetClient({
    baseUrl: config.fleetUrl,
    terminalId: config.terminalId,
    terminalKey: config.terminalKey,
    clock: config.clock,
  })
  const usage = createUsageTracker({
    head: () => {
      const store = deps.data()?.store
      return store ? chainHead(store).seq : 0
    },
    entries: (afterSeq) =>
      (deps.data()?.audit.list({ limit: 200 }) ?? []).filter((e) => e.seq > afterSeq).reverse(),
  })
  let coming: string[] = []

  const openCalls = (): FleetCallReport[] =>
    deps.help.openCalls().map((c) => ({
      callId: c.requestId,
      at: c.at,
      screen: code(c.screen) ?? 'unknown',
      step: code(c.step),
      lastError: code(c.lastError),
    }))
  const showComing = (ids: string[]) => {
    const open = new Set(deps.help.openCalls().map((c) => c.requestId))
    coming = ids.filter((id) => open.has(id)).slice(0, 20)
    status.update({ staffComing: coming })
  }
  const setOutOfService = async (outOfService: { message: string } | null) => {
    status.update({ outOfService })
    await deps.settings.write(
      deps.outOfServiceSetting,
      outOfService ? JSON.stringify(outOfService) : null,
    )
    void deps.audit.record({
      action: outOfService ? 'fleet.outOfService' : 'fleet.inService',
      subject: null,
      outcome: 'ok',
      ...(outOfService ? { detail: { messageLength: outOfService.message.length } } : {}),
    })
  }

  async function apply(command: FleetCommand): Promise<void> {
    switch (command.kind) {
      case 'outOfService':
        return setOutOfService({ message: command.message })
      case 'resume':
        return setOutOfService(null)
      case 'syncNow':
        void deps.sync()?.syncNow()
        return
      case 'staffComing':
        return showComing([command.callId, ...coming])
      case 'callHandled':
        await deps.help.resolveCall(command.callId)
        return showComing(coming.filter((id) => id !== command.callId))
      case 'restartWhenIdle':
        return // the reporter waits for the terminal to be idle
    }
  }

  const reporter = createFleetReporter({
    client,
    clock: config.clock,
    openCalls,
    takeUsage: () => usage.take(),
    apply,
    restart: deps.restart,
    onProblem: (event, detail) => deps.log.warn(event, detail),
    state: () => {
      const s = status.snapshot()
      const data = deps.data()
      const sync = deps.sync()?.state()
      const now = config.clock()
      // A call staff closed on the dashboard no longer shows "coming".
      if (coming.length > 0) showComing(coming)
      return {
        appVersion: config.version.slice(0, 64),
        startedAt: deps.startedAt.toISOString(),
        uptimeSeconds: Math.max(0, Math.floor((now.getTime() - deps.startedAt.getTime()) / 1000)),
        mode: config.demo ? 'demo' : 'production',
        connection: s.connection,
        outboxPending: data?.outbox.depth() ?? 0,
        outboxRejected: sync?.outboxRejected ?? 0,
        lastSyncAt: s.lastSyncAt,
        devices: s.devices.slice(0, 16).map((d) => ({
          kind: d.kind.slice(0, 64),
          state: d.state.slice(0, 64),
          status: d.code.slice(0, 64),
        })),
        issues: s.issues
          .map((i) => i.code)
          .filter((c) => CODE.test(c))
          .slice(0, 32),
        auditHead: data ? chainHead(data.store) : null,
        outOfService: s.outOfService,
        openCalls: openCalls()
          .map((c) => c.callId)
          .slice(0, 20),
        sessionActive: deps.sessionActive(),
      }
    },
  })
  reporter.start()
  return reporter
}
