/**
 * Handlers for `supervisor.*`. Every method but `enter` runs only with the live supervisor token
 * (SUPERVISOR_REQUIRED otherwise), counts as staff activity (the 2-minute idle timer restarts),
 * and every action is audited with its outcome (docs/audit.md).
 */
import { fail, ok, type MethodName, type Result } from '../../../shared/api'
import type { HostCommand, JournaledReceipt } from '../../../shared/api/methods/supervisor'
import { isUsable } from '../../../shared/devices'
import { Receipt, type ReceiptInput } from '../../../shared/receipt'
import type { CoreConfig } from '../config'
import type { AuditTrail, TerminalData } from '../data/terminal-data'
import type { DeviceRegistry } from '../devices'
import type { HelpDesk } from '../help/help-desk'
import type { PrintResult, PrintService, JournalEntry } from '../printing/print-service'
import { renderReceiptSvg } from '../printing/receipt-svg'
import { buildDashboard, type DashboardDeps } from '../supervisor/dashboard'
import type { SettingsAccess } from '../data/settings'
import type { SupervisorMode } from '../supervisor/supervisor-mode'
import type { SyncEngine } from '../sync'
import type { TerminalStatusTracker } from '../terminal/status'
import type { Handler, HandlerGroup } from './handlers'

/** The settings row holding the out-of-service message (kept across restarts). */
export const OUT_OF_SERVICE_SETTING = 'terminal.outOfService'

/** Staff methods handled here (`supervisor.openHours` lives with the opening hours, api/centre.ts). */
type StaffMethodName = Exclude<
  Extract<MethodName, `supervisor.${string}`>,
  'supervisor.enter' | 'supervisor.openHours'
>

export interface SupervisorHandlerDeps {
  config: Pick<CoreConfig, 'terminalId' | 'hallName' | 'host' | 'clock'>
  mode: SupervisorMode
  dashboard: DashboardDeps
  data: TerminalData | null
  sync: SyncEngine | null
  print: PrintService
  devices: DeviceRegistry
  audit: AuditTrail
  status: TerminalStatusTracker
  settings: SettingsAccess
  help: HelpDesk
  /** Tells the host to restart or exit (the `host.command` event). */
  hostCommand: (command: HostCommand) => void
  /** After the issues are cleared: raise again what still holds (a disk still low). */
  recheckIssues: () => Promise<void>
}

/**
 * Issues about this run's configuration: they hold until the config is fixed and the kiosk
 * restarts, so clearing the list keeps them.
 */
export const STANDING_ISSUES: ReadonlySet<string> = new Set([
  'CONFIG_INVALID',
  'NOT_PROVISIONED',
  'QA_REFUSED',
  'PRINTER_CONFIG_INVALID',
  'SUPERVISOR_PIN_NOT_SET',
  'STORE_UNAVAILABLE',
  'CONFIG_WRITABLE',
  'UPDATE_FEED_INSECURE',
  'UPDATE_KEY_INVALID',
])

/** The journal entry's masked receipt, if this entry can be reprinted. */
function journaledReceipt(document: unknown): ReceiptInput | null {
  const entry = document as Partial<JournalEntry> | null
  if (!entry || entry.kind !== 'receipt' || !entry.receipt) return null
  const parsed = Receipt.safeParse(entry.receipt)
  return parsed.success ? parsed.data : null
}

export function supervisorHandlers(
  deps: SupervisorHandlerDeps,
): HandlerGroup<'supervisor.enter' | StaffMethodName> {
  const { mode, audit, config } = deps

  /** Runs the handler only in supervisor mode; any accepted call is staff activity. */
  const staffOnly =
    <M extends StaffMethodName>(handler: Handler<M>): Handler<M> =>
    (input, ctx) => {
      const token = (input as { token: string }).token
      if (!mode.touch(token)) return fail('SUPERVISOR_REQUIRED') as Result<never>
      return handler(input, ctx)
    }

  const record = (action: string, outcome: string, detail?: unknown) =>
    audit.record({ action: `supervisor.${action}`, subject: null, outcome, detail })

  /** Prints on the receipt printer if it is usable; the typed failure otherwise. */
  async function printReceipt(receipt: ReceiptInput): Promise<Result<{ journalId: string }>> {
    const service = deps.print
    const device = deps.devices.list().find((d) => d.kind === 'receiptPrinter')
    if (!device || !isUsable(device)) {
      return fail('DEVICE_UNAVAILABLE', `receiptPrinter:${device?.code ?? 'NOT_CONFIGURED'}`)
    }
    const result: PrintResult = await service.printReceipt(receipt)
    if (result.ok) return ok({ journalId: result.value.journalId })
    if (result.error.code === 'PRINTER_UNAVAILABLE') {
      return fail('DEVICE_UNAVAILABLE', `receiptPrinter:${result.error.status?.code ?? 'OFFLINE'}`)
    }
    return fail('PRINT_FAILED', result.error.code)
  }

  const journalEntry = (receiptId: string) => deps.data?.receipts.get(receiptId)

  return {
    'supervisor.enter': (input) => mode.enter(input.pin),

    'supervisor.leave': (input) => ok({ left: mode.leave(input.token, 'left') }),

    'supervisor.touch': staffOnly((input) => {
      const until = mode.touch(input.token)
      return until ? ok({ expiresAt: until.toISOString() }) : fail('SUPERVISOR_REQUIRED')
    }),

    'supervisor.dashboard': staffOnly(async () => ok(await buildDashboard(deps.dashboard))),

    'supervisor.receipts': staffOnly((input) => {
      const journal = deps.data?.receipts
      if (!journal) return ok({ receipts: [] })
      void record('receipts', 'viewed', { limit: input.limit ?? 20 })
      const receipts: JournaledReceipt[] = journal.list({ limit: input.limit ?? 20 }).map((e) => {
        const doc = (e.document ?? {}) as Partial<JournalEntry>
        const holder = [doc.holder?.name, doc.holder?.idNumber].filter(Boolean).join(' ')
        return {
          receiptId: e.id,
          at: new Date(e.at).toISOString(),
          service: e.service,
          title: typeof doc.title === 'string' ? doc.title : e.service,
          reference: typeof doc.reference === 'string' ? doc.reference : null,
          holder: holder || null,
          status: e.status,
          reprintable: journaledReceipt(e.document) !== null,
        }
      })
      return ok({ receipts })
    }),

    'supervisor.receiptPreview': staffOnly((input) => {
      const entry = journalEntry(input.receiptId)
      const receipt = entry ? journaledReceipt(entry.document) : null
      if (!receipt) return fail('INVALID_INPUT', 'receiptId')
      void record('receiptPreview', 'viewed', { receiptId: input.receiptId })
      return ok({
        receiptId: input.receiptId,
        svg: renderReceiptSvg(Receipt.parse(receipt)),
        reference: receipt.reference?.number ?? null,
      })
    }),

    'supervisor.reprint': staffOnly(async (input) => {
      const entry = journalEntry(input.receiptId)
      const receipt = entry ? journaledReceipt(entry.document) : null
      if (!receipt) {
        void record('reprint', 'refused', { receiptId: input.receiptId })
        return fail('INVALID_INPUT', 'receiptId')
      }
      const result = await printReceipt(receipt)
      void record('reprint', result.ok ? 'ok' : 'failed', {
        receiptId: input.receiptId,
        ...(result.ok ? { journalId: result.value.journalId } : { code: result.error.code }),
      })
      return result
    }),

    'supervisor.testPrint': staffOnly(async () => {
      const now = config.clock()
      const result = await printReceipt({
        terminalId: config.terminalId,
        hall: config.hallName,
        issuedAt: now.toISOString(),
        service: 'supervisor.testPrint',
        title: '测试打印',
        holder: {},
        outcome: 'completed',
        lines: [
          { label: '终端', value: config.terminalId },
          { label: '内容', value: '中文 English 0123456789' },
        ],
        qrPayload: `TEST ${config.terminalId} ${now.toISOString()}`,
        footer: '文字清晰、二维码可扫、切纸整齐即为正常。',
      })
      void record(
        'testPrint',
        result.ok ? 'ok' : 'failed',
        result.ok ? { journalId: result.value.journalId } : { code: result.error.code },
      )
      return result
    }),

    'supervisor.syncNow': staffOnly(async () => {
      const sync = deps.sync
      if (!sync) {
        void record('syncNow', 'unavailable')
        return fail('CENTRAL_UNREACHABLE', 'no_sync_engine')
      }
      const report = await sync.syncNow()
      void record('syncNow', report.state.connection, {
        pull: report.pull.outcome,
        push: report.push.outcome,
      })
      return ok({
        connection: report.state.connection,
        pull: report.pull.outcome,
        push: report.push.outcome,
        outboxDepth: deps.data?.outbox.depth() ?? 0,
      })
    }),

    'supervisor.retryOutbox': staffOnly(async () => {
      const sync = deps.sync
      if (!sync) {
        void record('retryOutbox', 'unavailable')
        return fail('CENTRAL_UNREACHABLE', 'no_sync_engine')
      }
      let push = await sync.pushNow()
      // Staff asked explicitly: a back-off in progress is forgotten (syncNow does that).
      if (push.outcome === 'deferred') push = (await sync.syncNow()).push
      const accepted = 'accepted' in push ? push.accepted : 0
      void record('retryOutbox', push.outcome, { accepted, remaining: push.remaining })
      return ok({ outcome: push.outcome, accepted, remaining: push.remaining })
    }),

    'supervisor.setOutOfService': staffOnly(async (input) => {
      const outOfService = input.inService ? null : { message: input.message ?? '' }
      deps.status.update({ outOfService })
      await deps.settings.write(
        OUT_OF_SERVICE_SETTING,
        outOfService ? JSON.stringify(outOfService) : null,
      )
      void record(outOfService ? 'outOfService' : 'inService', 'ok', {
        ...(outOfService ? { messageLength: outOfService.message.length } : {}),
      })
      return ok({ outOfService })
    }),

    'supervisor.verifyAudit': staffOnly(async () => {
      const log = deps.data?.audit
      if (!log) return fail('STORE_WRITE_FAILED', 'store_unavailable')
      const verdict = log.verify()
      // Recorded after the walk, so the entry itself is not part of what was checked.
      await record(
        'verifyAudit',
        verdict.ok ? 'ok' : 'broken',
        verdict.ok ? { count: verdict.count } : { firstBrokenSeq: verdict.firstBrokenSeq },
      )
      return ok(verdict)
    }),

    'supervisor.resolveCallStaff': staffOnly(async (input) => {
      const resolved = await deps.help.resolveCall(input.requestId)
      void record('resolveCallStaff', resolved ? 'ok' : 'unknown', { requestId: input.requestId })
      return ok({ resolved })
    }),

    'supervisor.clearIssues': staffOnly(async () => {
      const cleared = deps.status.clearIssues((code) => STANDING_ISSUES.has(code))
      await deps.recheckIssues()
      const remaining = deps.status.snapshot().issues.length
      void record('clearIssues', 'ok', { cleared, remaining })
      return ok({ cleared, remaining })
    }),

    'supervisor.restart': staffOnly(async () => {
      // Durable before the host acts: the restart may come within milliseconds.
      await record('restart', 'requested', { host: config.host })
      mode.leave(null, 'left')
      setTimeout(() => deps.hostCommand('restart'), 200).unref?.()
      return ok({ accepted: true as const })
    }),

    'supervisor.exitKiosk': staffOnly(async () => {
      if (config.host !== 'electron') {
        void record('exitKiosk', 'unsupported', { host: config.host })
        return fail('HOST_UNSUPPORTED', `host=${config.host}`)
      }
      await record('exitKiosk', 'requested')
      mode.leave(null, 'left')
      setTimeout(() => deps.hostCommand('exit'), 200).unref?.()
      return ok({ accepted: true as const })
    }),
  }
}
