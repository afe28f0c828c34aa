/**
 * The terminal's core: one `call(method, input)` entry for every host (core-dispatch.ts), and one
 * event stream. Composition only, in the order things depend on each other: the data is opened
 * first, then every service is built with what it needs, then the handler table. Plain Node; never
 * imports `electron`.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { CoreConfig } from './config'
import { createEventBus } from './events'
import { createLogger, describeError } from './log'
import { createSessionManager } from './session/session'
import { createStatusTracker } from './terminal/status'
import { createCentreInfo } from './terminal/centre-info'
import type { Handlers } from './api/handlers'
import { centreHandlers } from './api/centre'
import { terminalHandlers } from './api/terminal'
import { sessionHandlers } from './api/session'
import { identityHandlers } from './api/identity'
import { deviceHandlers } from './api/devices'
import { qaHandlers } from './api/qa'
import { printHandlers } from './api/print'
import { fundHandlers } from './api/fund'
import { phoneHandlers } from './api/phone'
import { withdrawalHandlers } from './api/withdrawals'
import { taxHandlers } from './api/tax'
import { OUT_OF_SERVICE_SETTING, supervisorHandlers } from './api/supervisor'
import { certificateHandlers } from './api/certificates'
import { createCertificateService } from './certificates/certificate-service'
import { withServiceHours } from './api/hours-guard'
import { helpHandlers } from './api/help'
import { qaCentralHandlers } from './api/qa-central'
import { unreachableCentral } from './central'
import { createDemoSmsInbox } from './identity/demo-sms-inbox'
import { createIdentityService } from './identity/identity'
import { createAuditTrail } from './data/terminal-data'
import { storeSettings } from './data/settings'
import { businessTypeLabels, createSyncEngine, referenceReader } from './sync'
import { createPrintService } from './printing/print-service'
import { storePrintJournal } from './printing/journal-adapter'
import { createPrintables } from './printing/printables'
import { createFundService } from './fund/fund-service'
import { createTaxService } from './tax/tax-service'
import { createHelpDesk } from './help/help-desk'
import { createSupervisorMode } from './supervisor/supervisor-mode'
import { centralClientFromConfig } from './core-central'
import { createCoreDevices } from './core-devices'
import { createDispatcher } from './core-dispatch'
import { createCoreLifecycle, openCoreData } from './core-lifecycle'
import type { Core, CoreOptions } from './core-types'
import { startFleetReporting } from './fleet/fleet-wiring'
import type { FleetReporter } from './fleet/fleet-reporter'

export type { Printers } from './core-devices'
export type { Core, CoreOptions } from './core-types'

/**
 * Builds the core: opens its data, then its services. Resolves once the store is open (or known
 * not to open); nothing runs in the background until {@link Core.start}.
 */
export async function createCore(config: CoreConfig, options: CoreOptions = {}): Promise<Core> {
  const clock = config.clock
  const log =
    options.logger ?? createLogger({ dir: join(config.dataDir, 'logs'), clock, echo: true })
  const bootId = randomUUID()
  const bus = createEventBus((err) =>
    log.error('event.listener_failed', { err: describeError(err) }),
  )
  const status = createStatusTracker((s) => bus.emit('terminal.status', s))

  // Data first: every service below is handed the open store (null only when it cannot be opened).
  const data = await openCoreData(config, { log, status })
  const reference = referenceReader(data?.store ?? null)

  const sessions = createSessionManager(
    {
      idleSeconds: config.idleSeconds,
      warningSeconds: config.warningSeconds,
      elderFactor: config.elderFactor,
    },
    clock,
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
  const { printers, devices } = createCoreDevices(config, options.devices, { log, status, bus })

  // One central client for the whole core: identity, fund and tax call it, sync pushes and pulls.
  const centralClient = centralClientFromConfig(config, { log, status })
  const central = options.central ?? centralClient ?? unreachableCentral
  const sync =
    data && centralClient
      ? createSyncEngine({
          client: options.syncClient ? options.syncClient(centralClient) : centralClient,
          store: data.store,
          outbox: data.outbox,
          status,
          log,
          clock,
          config: { terminalId: config.terminalId, version: config.version, demo: config.demo },
        })
      : null
  const pushSoon = () => void sync?.pushNow()

  const audit = createAuditTrail({
    data,
    clock,
    log,
    onFailure: (code) => status.addIssue(code, clock()),
    queued: pushSoon,
  })
  sessions.onEnd((ended) => {
    void audit.record({ action: 'session.end', subject: null, outcome: ended.reason })
  })
  const identity = createIdentityService({ sessions, devices, central, clock, log, audit })
  const smsInbox =
    options.demoSmsInbox ??
    (config.centralUrl ? createDemoSmsInbox({ baseUrl: config.centralUrl }) : null)

  const print = createPrintService({
    receiptPrinter: printers.receiptPrinter.driver,
    a4Printer: printers.a4Printer.driver,
    journal: storePrintJournal(data?.receipts ?? null),
    clock,
    ...(config.fontPath ? { fontPath: config.fontPath } : {}),
  })
  const printables = createPrintables()
  sessions.onEnd(() => printables.wipe())

  // Fund: bind / unbind through the outbox, balance, records, documents, status lookup.
  const fund = createFundService({
    sessions,
    identity,
    central,
    data,
    sync,
    audit,
    printables,
    config: { terminalId: config.terminalId, hallName: config.hallName },
    clock,
    log,
  })
  // Tax: records and certificates for the verified resident, verification for anyone.
  const tax = createTaxService({
    identity,
    central,
    printables,
    audit,
    clock,
    place: { terminalId: config.terminalId, hall: config.hallName },
    taxTypeLabels: () => businessTypeLabels(reference('businessType'), 'tax'),
  })

  // Hall staff and help: supervisor mode ends any resident session on entry (staff must
  // not see a resident's screen or data); its lockout and out-of-service live in store settings.
  const startedAt = clock()
  const settings = storeSettings(data?.store ?? null, (err) =>
    log.error('settings.write_failed', { err: describeError(err) }),
  )
  const help = createHelpDesk({
    data,
    identity,
    printables,
    audit,
    clock,
    terminalId: config.terminalId,
    terminalKey: config.terminalKey,
    hallName: config.hallName,
    settings,
    onBadSetting: (err) => log.error('help.open_calls_unreadable', { err: describeError(err) }),
    queued: pushSoon,
  })
  const supervisor = createSupervisorMode({
    pinHash: config.supervisorPinHash,
    demo: config.demo,
    clock,
    audit,
    settings,
    onEnter: () => sessions.end('staff'),
    onChange: (active, reason) => bus.emit('supervisor.mode', { active, reason }),
  })
  // What the centre tells residents (notices, hours, promises, wallet guide), from the cache.
  const centre = createCentreInfo({
    items: reference,
    clock,
    status,
    settings,
    startAt: config.qa && config.qaHoursClock ? new Date(config.qaHoursClock) : null,
  })

  let fleet: FleetReporter | null = null
  const life = createCoreLifecycle({
    config,
    log,
    status,
    data,
    sync,
    hasCentre: centralClient !== null,
    audit,
    settings,
    supervisor,
    sessions,
    centre,
    disposeServices: () => {
      supervisor.dispose()
      sessions.end('staff')
      identity.dispose()
      fund.dispose()
      sessions.dispose()
      devices.dispose()
      print.close()
    },
  })
  const dataNow = () => (life.stopped() ? null : data)
  const syncNow = () => (life.stopped() ? null : sync)

  const everyHandler: Handlers = {
    ...centreHandlers({ centre, qa: config.qa, mode: supervisor, audit }),
    ...supervisorHandlers({
      config,
      mode: supervisor,
      dashboard: { config, status, data, sync, help, startedAt, disk: life.disk },
      data,
      sync,
      print,
      devices,
      audit,
      status,
      settings,
      help,
      hostCommand: (command) => bus.emit('host.command', { command }),
      recheckIssues: life.recheckIssues,
    }),
    ...helpHandlers({ help, outOfService: () => status.snapshot().outOfService !== null }),
    ...qaCentralHandlers({ config }),
    ...terminalHandlers({ config, status, bootId }),
    ...sessionHandlers({ sessions, audit }),
    ...identityHandlers({ identity }),
    ...deviceHandlers({ devices }),
    ...qaHandlers({ config, devices, identity, sessions, smsInbox }),
    ...printHandlers({ printables, print, devices, audit }),
    ...fundHandlers({ fund }),
    ...withdrawalHandlers({ withdrawals: fund.withdrawals }),
    ...phoneHandlers({
      sessions,
      identity,
      central,
      audit,
      printables,
      log,
      clock: config.clock,
      place: config,
    }),
    ...taxHandlers({ tax }),
    // Certificates: the deposit certificate for the verified resident, verification for anyone.
    ...certificateHandlers({
      certificates: createCertificateService({
        identity,
        central,
        printables,
        audit,
        place: { terminalId: config.terminalId, hall: config.hallName },
      }),
    }),
  }
  // Fund and tax entry methods keep the centre's opening hours, as their tiles do.
  const handlers = withServiceHours(everyHandler, () => status.snapshot().services)

  return {
    config,
    call: createDispatcher({ handlers, sessions, log }),
    onEvent: (listener) => bus.subscribe(listener),
    async start() {
      await life.start()
      // The hall's fleet service hears from the terminal once its loops run (fleet/).
      fleet ??= startFleetReporting({
        config,
        startedAt,
        status,
        help,
        sessionActive: () => sessions.current() !== null,
        data: dataNow,
        sync: syncNow,
        settings,
        audit,
        log,
        outOfServiceSetting: OUT_OF_SERVICE_SETTING,
        restart: () => bus.emit('host.command', { command: 'restart' }),
      })
    },
    async stop() {
      await fleet?.stop()
      fleet = null
      await life.stop()
    },
    internals: {
      sessions,
      status,
      log,
      bootId,
      listenerCount: bus.listenerCount,
      devices,
      identity,
      data: dataNow,
      sync: syncNow,
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
