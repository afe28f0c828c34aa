/**
 * The terminal's core: one `call(method, input)` entry for every host, and one event stream.
 * It parses every input with the contract, runs the method's handler, parses the output with the
 * contract (so only declared fields ever leave), and never throws past itself: every failure is a
 * `Result` with an error code, so no failure takes the terminal down. Plain Node; never imports
 * `electron`.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import {
  fail,
  isMethodName,
  methods,
  ok,
  type EventMessage,
  type MethodName,
  type Result,
} from '../../shared/api'
import type { CoreConfig } from './config'
import { createEventBus } from './events'
import { createLogger, describeError, type Logger } from './log'
import { createSessionManager, type SessionManager } from './session/session'
import { createStatusTracker, type TerminalStatusTracker } from './terminal/status'
import { createCentreInfo } from './terminal/centre-info'
import { centreHandlers } from './api/centre'
import type { CallContext, Handler, Handlers } from './api/handlers'
import { terminalHandlers } from './api/terminal'
import { sessionHandlers } from './api/session'
import { identityHandlers } from './api/identity'
import { deviceHandlers } from './api/devices'
import { qaHandlers } from './api/qa'
import { createCentralClient, type CentralClient } from './central'
import { createDeviceRegistry, type AsyncStatusSource, type DeviceRegistry } from './devices'
import { cameraFromConfig, cardReaderFromConfig, withProfile } from './devices/from-config'
import { printerProfile } from './devices/profile'
import type { DriverByKind } from './devices/driver'
import { unreachableCentral, type CentralCaller } from './central'
import { createDemoSmsInbox, type DemoSmsInbox } from './identity/demo-sms-inbox'
import { createIdentityService, type IdentityService } from './identity/identity'
import {
  createAuditTrail,
  openTerminalData,
  type AuditTrail,
  type TerminalData,
} from './data/terminal-data'
import { watchDiskSpace, type DiskWatch } from './data/disk-space'
import { checkChainCut, storeIssueEntry } from './store'
import { scheduleMaintenance } from './data/maintenance'
import { createSyncEngine, readReferenceItems, type SyncEngine } from './sync'
import { adaptAsyncStatusDriver } from './devices'
import { printerFromConfig, type ConfiguredPrinter } from './printing/printers-from-config'
import { createPrintService, type PrintService } from './printing/print-service'
import { storePrintJournal } from './printing/journal-adapter'
import { createPrintables, type Printables } from './printing/printables'
import { printHandlers } from './api/print'
import { fundHandlers } from './api/fund'
import { createFundService } from './fund/fund-service'
import { taxHandlers } from './api/tax'
import { createTaxService } from './tax/tax-service'
import type { PrinterKind } from './printing/printer'
import { supervisorHandlers, OUT_OF_SERVICE_SETTING } from './api/supervisor'
import { helpHandlers } from './api/help'
import { qaCentralHandlers } from './api/qa-central'
import { createHelpDesk, type HelpDesk } from './help/help-desk'
import { createSupervisorMode, type SupervisorMode } from './supervisor/supervisor-mode'
import { storeSettings } from './data/settings'
import { startFleetReporting } from './fleet/fleet-wiring'
import type { FleetReporter } from './fleet/fleet-reporter'

export interface Core {
  readonly config: CoreConfig
  /** Runs one API method. Never throws; unknown methods and bad input are error results. */
  call(method: string, input: unknown): Promise<Result<unknown>>
  /** Subscribes to every core event; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void
  start(): Promise<void>
  stop(): Promise<void>
  /** Internals for hosts and tests; not reachable from the renderer. */
  readonly internals: {
    sessions: SessionManager
    status: TerminalStatusTracker
    log: Logger
    bootId: string
    listenerCount(): number
    devices: DeviceRegistry
    identity: IdentityService
    /** The store and its tables once `start()` opened them (null before, or if it could not). */
    data(): TerminalData | null
    /** The sync engine once started (null without a central address or a store). */
    sync(): SyncEngine | null
    audit: AuditTrail
    print: PrintService
    printables: Printables
    /** The printers as configured; `simulated` is set for simulated ones (QA and tests). */
    printers: Printers
    /** Staff mode: PIN-gated supervisor actions. */
    supervisor: SupervisorMode
    /** FAQ, feedback and call-staff requests. */
    help: HelpDesk
    /** The reporter to the hall's fleet service once started (null without a fleet URL). */
    fleet(): FleetReporter | null
  }
}

export interface Printers {
  receiptPrinter: ConfiguredPrinter<'receiptPrinter'>
  a4Printer: ConfiguredPrinter<'a4Printer'>
}

export interface CoreOptions {
  /** Replaces the file logger (tests). */
  logger?: Logger
  /** Device drivers by kind; kinds left out get the simulated driver (printing hands in printers). */
  devices?: Partial<DriverByKind>
  /** Replaces the central client built from `config.centralUrl` (tests). */
  central?: CentralCaller
  /** Replaces the demo SMS inbox reader of `qa.smsInbox` (tests). */
  demoSmsInbox?: DemoSmsInbox
  /** Wraps the client the sync engine pushes and pulls with (tests hold a push). */
  syncClient?: (client: CentralClient) => CentralClient
}

/** Summarises zod issues as paths and codes only: input values may be personal data. */
function describeIssues(issues: readonly { path: PropertyKey[]; code: string }[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`)
    .join('; ')
}

export function createCore(config: CoreConfig, options: CoreOptions = {}): Core {
  const log =
    options.logger ??
    createLogger({ dir: join(config.dataDir, 'logs'), clock: config.clock, echo: true })
  const bootId = randomUUID()
  const bus = createEventBus((err) =>
    log.error('event.listener_failed', { err: describeError(err) }),
  )
  const status = createStatusTracker((s) => bus.emit('terminal.status', s))
  const sessions = createSessionManager(
    {
      idleSeconds: config.idleSeconds,
      warningSeconds: config.warningSeconds,
      elderFactor: config.elderFactor,
    },
    config.clock,
    (err) => log.error('session.wipe_failed', { err: describeError(err) }),
  )
  sessions.onEnd((ended) => {
    log.info('session.ended', { reason: ended.reason })
    bus.emit('session.ended', {
      sessionId: ended.sessionId,
      reason: ended.reason,
      at: ended.at.toISOString(),
    })
  })

  // Devices and identity: every device change reaches the terminal status (tiles) and
  // the event stream; identity keeps the verified resident in memory and wipes it at session end.
  // Printers: built from configuration; a bad printer setting leaves that printer
  // "not configured" (its services say so) instead of stopping the terminal.
  const printerSpecs: Record<PrinterKind, string | null> = {
    receiptPrinter: config.printers.receipt,
    a4Printer: config.printers.a4,
  }
  const printer = <K extends PrinterKind>(kind: K): ConfiguredPrinter<K> => {
    try {
      return printerFromConfig(kind, printerSpecs[kind], {
        clock: config.clock,
        cupsServer: config.printers.cupsServer,
      })
    } catch (err) {
      log.error('printer.config_invalid', { kind, err: describeError(err) })
      status.addIssue('PRINTER_CONFIG_INVALID', config.clock())
      printerSpecs[kind] = null
      return printerFromConfig(kind, null, { clock: config.clock })
    }
  }
  const printers: Printers = {
    receiptPrinter: printer('receiptPrinter'),
    a4Printer: printer('a4Printer'),
  }
  const printerDevice = <K extends PrinterKind>(kind: K) =>
    withProfile(
      adaptAsyncStatusDriver(printers[kind].source as AsyncStatusSource<K>, {
        clock: config.clock,
        initial: printers[kind].initialStatus,
      }),
      printerProfile(printerSpecs[kind]),
    )
  // The card reader and camera from the hall's hardware profile (simulated, or a GA 467 reader).
  const cardReader = cardReaderFromConfig(config.cardReader, { clock: config.clock })
  const devices = createDeviceRegistry({
    drivers: {
      ...(cardReader ? { cardReader } : {}),
      camera: cameraFromConfig(config.cameraLabel, { clock: config.clock }),
      receiptPrinter: printerDevice('receiptPrinter'),
      a4Printer: printerDevice('a4Printer'),
      ...options.devices,
    },
    clock: config.clock,
  })
  for (const device of devices.list()) status.setDevice(device)
  devices.subscribe((device) => {
    status.setDevice(device)
    bus.emit('device.changed', device)
  })
  // One central client for the whole core: identity calls it directly, sync pushes and pulls.
  const centralClient = config.centralUrl
    ? createCentralClient({
        baseUrl: config.centralUrl,
        terminalId: config.terminalId,
        terminalKey: config.terminalKey,
        clock: config.clock,
        // An answer that is not the centre's (unsigned, altered, replayed) is refused as a broken
        // connection; staff see why. Endpoint, claimed status and cause only: never the body, it
        // may be personal. An unsigned 401 is how the centre refuses a key it does not know.
        onUntrustedAnswer: ({ endpoint, problem, httpStatus }) => {
          status.addIssue(
            'CENTRAL_ANSWER_UNTRUSTED',
            config.clock(),
            [endpoint, `HTTP ${httpStatus}`],
            problem.toUpperCase(),
          )
          log.warn('central.answer_untrusted', { endpoint, problem, httpStatus })
        },
      })
    : null
  let fleet: FleetReporter | null = null
  const central = options.central ?? centralClient ?? unreachableCentral
  // Durable data and sync come up in start(); handlers reach them through these.
  let data: TerminalData | null = null
  let sync: SyncEngine | null = null
  let stopMaintenance: (() => void) | null = null
  let diskWatch: DiskWatch | null = null
  const audit = createAuditTrail({
    data: () => data,
    clock: config.clock,
    log,
    onFailure: (code) => status.addIssue(code, config.clock()),
    queued: () => void sync?.pushNow(),
  })
  sessions.onEnd((ended) => {
    void audit.record({ action: 'session.end', subject: null, outcome: ended.reason })
  })
  const identity = createIdentityService({
    sessions,
    devices,
    central,
    clock: config.clock,
    log,
    audit,
  })
  const smsInbox =
    options.demoSmsInbox ??
    (config.centralUrl ? createDemoSmsInbox({ baseUrl: config.centralUrl }) : null)

  const print = createPrintService({
    receiptPrinter: printers.receiptPrinter.driver,
    a4Printer: printers.a4Printer.driver,
    journal: storePrintJournal(() => data?.receipts ?? null),
    clock: config.clock,
    ...(config.fontPath ? { fontPath: config.fontPath } : {}),
  })
  const printables = createPrintables()
  sessions.onEnd(() => printables.wipe())

  // Fund services: bind / unbind through the outbox, balance, records, status lookup.
  const fund = createFundService({
    sessions,
    identity,
    central,
    data: () => data,
    sync: () => sync,
    audit,
    printables,
    config: { terminalId: config.terminalId, hallName: config.hallName },
    clock: config.clock,
    log,
  })

  // Hall staff and help: supervisor mode ends any resident session on entry (staff must
  // not see a resident's screen or data); its lockout and out-of-service live in store settings.
  const startedAt = config.clock()
  const settings = storeSettings(
    () => data?.store ?? null,
    (err) => log.error('settings.write_failed', { err: describeError(err) }),
  )
  const help = createHelpDesk({
    data: () => data,
    identity,
    printables,
    audit,
    clock: config.clock,
    terminalId: config.terminalId,
    terminalKey: config.terminalKey,
    hallName: config.hallName,
    settings,
    onBadSetting: (err) => log.error('help.open_calls_unreadable', { err: describeError(err) }),
    queued: () => void sync?.pushNow(),
  })
  const supervisor = createSupervisorMode({
    pinHash: config.supervisorPinHash,
    demo: config.demo,
    clock: config.clock,
    audit,
    settings,
    onEnter: () => sessions.end('staff'),
    onChange: (active, reason) => bus.emit('supervisor.mode', { active, reason }),
  })

  // What the centre tells residents (notices, hours, promises, wallet guide), from the cache.
  const centre = createCentreInfo({
    items: (kind) => (data ? readReferenceItems(data.store, kind) : []),
    clock: config.clock,
    status,
    settings,
    startAt: config.qa && config.qaHoursClock ? new Date(config.qaHoursClock) : null,
  })

  const handlers: Handlers = {
    ...centreHandlers({ centre, qa: config.qa, mode: supervisor, audit }),
    ...supervisorHandlers({
      config,
      mode: supervisor,
      dashboard: {
        config,
        status,
        data: () => data,
        sync: () => sync,
        help,
        startedAt,
        disk: async () => (diskWatch ? diskWatch.check() : null),
      },
      data: () => data,
      sync: () => sync,
      print: () => print,
      devices,
      audit,
      status,
      settings,
      help,
      hostCommand: (command) => bus.emit('host.command', { command }),
      recheckIssues: async () => {
        diskWatch?.forget()
        await diskWatch?.check()
      },
    }),
    ...helpHandlers({ help, outOfService: () => status.snapshot().outOfService !== null }),
    ...qaCentralHandlers({ config }),
    ...terminalHandlers({ config, status, bootId }),
    ...sessionHandlers({ sessions, audit }),
    ...identityHandlers({ identity }),
    ...deviceHandlers({ devices }),
    ...qaHandlers({ config, devices, identity, sessions, smsInbox }),
    ...printHandlers({ printables, print: () => print, devices, audit }),
    ...fundHandlers({ fund }),
    // Tax: records and certificates for the verified resident, verification for anyone.
    ...taxHandlers({
      tax: createTaxService({
        identity,
        central,
        printables,
        audit,
        clock: config.clock,
        place: { terminalId: config.terminalId, hall: config.hallName },
        taxTypeLabels: () => {
          const store = data?.store
          if (!store) return {}
          const labels: Record<string, { zh: string; en: string }> = {}
          for (const item of readReferenceItems(store, 'businessType')) {
            if (item.data.domain === 'tax') labels[item.data.code] = item.data.label
          }
          return labels
        },
      }),
    }),
  }

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

  async function run<M extends MethodName>(method: M, input: unknown): Promise<Result<unknown>> {
    const spec = methods[method]
    const parsed = spec.input.safeParse(input === undefined ? {} : input)
    if (!parsed.success) return fail('INVALID_INPUT', describeIssues(parsed.error.issues))
    const session = sessions.current()
    if (spec.session === 'required') {
      if (!session) return fail('NO_SESSION')
      sessions.touch(session.id) // any call inside the session is activity for the backstop
    }
    const ctx: CallContext = { session }
    const handler = handlers[method] as Handler<M>
    const result = await handler(parsed.data as never, ctx)
    if (!result.ok) return result
    const out = spec.output.safeParse(result.value)
    if (!out.success) {
      log.error('api.output_invalid', { method, issues: describeIssues(out.error.issues) })
      return fail('INTERNAL', 'output')
    }
    return ok(out.data)
  }

  return {
    config,
    async call(method, input) {
      if (!isMethodName(method)) return fail('UNKNOWN_METHOD')
      try {
        return await run(method, input)
      } catch (err) {
        log.error('api.handler_threw', { method, err: describeError(err) })
        return fail('INTERNAL')
      }
    },
    onEvent: (listener) => bus.subscribe(listener),
    async start() {
      data = await openTerminalData({
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
      else {
        checkAuditChainAtStart(data)
        // What the store found while opening is audited like every other event (and so reaches
        // the centre); the store itself only reports it.
        for (const issue of data.store.openIssues) await audit.record(storeIssueEntry(issue))
      }
      const outOfService = settings.read(OUT_OF_SERVICE_SETTING)
      if (outOfService) {
        try {
          status.update({
            outOfService: { message: String(JSON.parse(outOfService).message ?? '') },
          })
        } catch {
          status.update({ outOfService: { message: '' } })
        }
      }
      if (supervisor.pinSource === 'none') status.addIssue('SUPERVISOR_PIN_NOT_SET', config.clock())
      centre.start()
      diskWatch = watchDiskSpace({
        dir: config.dataDir,
        log,
        onLow: () => status.addIssue('DISK_LOW', config.clock()),
        onRestored: () => status.addIssue('DISK_SPACE_RESTORED', config.clock()),
      })
      stopMaintenance = scheduleMaintenance({
        data: () => data,
        sessionActive: () => sessions.current() !== null,
        clock: config.clock,
        log,
      })
      if (data && centralClient) {
        sync = createSyncEngine({
          client: options.syncClient ? options.syncClient(centralClient) : centralClient,
          store: data.store,
          outbox: data.outbox,
          status,
          log,
          clock: config.clock,
          config: { terminalId: config.terminalId, version: config.version, demo: config.demo },
        })
        sync.start()
        // A store rebuilt from scratch has no reference data: fetch it now, not in 30 s.
        if (data.store.openIssues.some((i) => i.code === 'STORE_RECOVERED')) void sync.pullNow()
      } else if (!centralClient) {
        status.update({ connection: 'offline' })
      }
      fleet = startFleetReporting({
        config,
        startedAt,
        status,
        help,
        sessionActive: () => sessions.current() !== null,
        data: () => data,
        sync: () => sync,
        settings,
        audit,
        log,
        outOfServiceSetting: OUT_OF_SERVICE_SETTING,
        restart: () => bus.emit('host.command', { command: 'restart' }),
      })
      log.info('core.started', {
        terminalId: config.terminalId,
        host: config.host,
        demo: config.demo,
      })
    },
    async stop() {
      supervisor.dispose()
      sessions.end('staff')
      identity.dispose()
      fund.dispose()
      sessions.dispose()
      devices.dispose()
      print.close()
      stopMaintenance?.()
      centre.stop()
      diskWatch?.stop()
      diskWatch = null
      await fleet?.stop()
      fleet = null
      await sync?.stop()
      sync = null
      await data?.store.close()
      data = null
      log.info('core.stopped')
    },
    internals: {
      sessions,
      status,
      log,
      bootId,
      listenerCount: bus.listenerCount,
      devices,
      identity,
      data: () => data,
      sync: () => sync,
      audit,
      print,
      printables,
      printers,
      supervisor,
      help,
      fleet: () => fleet,
    },
  }
}
