/** What the core offers its hosts (core.ts builds it) and what they may hand it. */
import type { FleetReporter } from './fleet/fleet-reporter'
import type { EventMessage, Result } from '../../shared/api'
import type { CentralCaller, CentralClient } from './central'
import type { CoreConfig } from './config'
import type { Printers } from './core-devices'
import type { TerminalData, AuditTrail } from './data/terminal-data'
import type { DeviceRegistry } from './devices'
import type { DriverByKind } from './devices/driver'
import type { HelpDesk } from './help/help-desk'
import type { DemoSmsInbox } from './identity/demo-sms-inbox'
import type { IdentityService } from './identity/identity'
import type { Logger } from './log'
import type { PrintService } from './printing/print-service'
import type { Printables } from './printing/printables'
import type { SessionManager } from './session/session'
import type { SupervisorMode } from './supervisor/supervisor-mode'
import type { SyncEngine } from './sync'
import type { TerminalStatusTracker } from './terminal/status'

export interface Core {
  readonly config: CoreConfig
  /** Runs one API method (core-dispatch.ts). Never throws; unknown methods and bad input are error results. */
  call(method: string, input: unknown): Promise<Result<unknown>>
  /** Subscribes to every core event; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void
  /** Starts the loops (sync, maintenance, disk watch) over the data opened at creation. */
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
    /** The store and its tables (null if it could not be opened, and after `stop()`). */
    data(): TerminalData | null
    /** The sync engine (null without a central address or a store, and after `stop()`). */
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
