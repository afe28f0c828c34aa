// Shared set-up for the sync tests: a real central server on loopback with its state in a temp
// folder, a fresh terminal store, and the pieces the sync engine is built from.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import {
  createCentralServer,
  type CentralServer,
  type CentralServerOptions,
} from '../../../../electron/central/server'
import { buildDemoSeed } from '../../../../electron/central/seed'
import {
  createCentralClient,
  type CentralClient,
  type CentralClientOptions,
} from '../../../../electron/core/central'
import {
  createOutbox,
  defaultWasmPath,
  openStore,
  type Outbox,
  type Store,
} from '../../../../electron/core/store'
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineDeps,
} from '../../../../electron/core/sync'
import {
  createStatusTracker,
  type TerminalStatusTracker,
} from '../../../../electron/core/terminal/status'
import type { TerminalStatus } from '../../../../shared/api'

export const TERMINAL_ID = 'FZ-GJJ-T001'
export const TERMINAL_KEY = 'test-terminal-key-0123456789'

const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A temp folder removed after the test. */
export function tempDir(prefix = 'kiosk-sync-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}

/** Starts the bundled central service on an ephemeral loopback port; stopped after the test. */
export async function startCentral(
  options: Partial<CentralServerOptions> = {},
): Promise<{ server: CentralServer; url: string; stateFile: string }> {
  const stateFile = join(tempDir('kiosk-central-'), 'central-state.json')
  const server = createCentralServer({
    stateFile,
    terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY },
    demo: true,
    ...options,
  })
  const { url } = await server.start()
  cleanups.push(() => server.stop())
  return { server, url, stateFile }
}

/** A terminal-side client for `url`. */
export function clientFor(url: string, options: Partial<CentralClientOptions> = {}): CentralClient {
  return createCentralClient({
    baseUrl: url,
    terminalId: TERMINAL_ID,
    terminalKey: TERMINAL_KEY,
    clock: () => new Date(),
    timeoutMs: 5000,
    ...options,
  })
}

/** Opens a fresh terminal store (closed after the test). */
export async function openTerminalStore(
  dataDir = tempDir(),
): Promise<{ store: Store; outbox: Outbox }> {
  const store = await openStore({ dataDir, wasmPath: defaultWasmPath(), clock: { now: Date.now } })
  cleanups.push(() => store.close().catch(() => undefined))
  return { store, outbox: createOutbox(store) }
}

/** A logger that keeps its lines in memory. */
export function memoryLog(): {
  lines: { level: string; event: string; fields?: Record<string, unknown> }[]
  info: (e: string, f?: Record<string, unknown>) => void
  warn: (e: string, f?: Record<string, unknown>) => void
  error: (e: string, f?: Record<string, unknown>) => void
} {
  const lines: { level: string; event: string; fields?: Record<string, unknown> }[] = []
  return {
    lines,
    info: (event, fields) => lines.push({ level: 'info', event, fields }),
    warn: (event, fields) => lines.push({ level: 'warn', event, fields }),
    error: (event, fields) => lines.push({ level: 'error', event, fields }),
  }
}

/** A status tracker recording every emitted status. */
export function recordingStatus(): { status: TerminalStatusTracker; emitted: TerminalStatus[] } {
  const emitted: TerminalStatus[] = []
  return { status: createStatusTracker((s) => emitted.push(s)), emitted }
}

/** An engine over the given pieces, stopped after the test. */
export function engineFor(
  parts: { client: CentralClient; store: Store; outbox: Outbox } & Partial<SyncEngineDeps>,
): {
  engine: SyncEngine
  log: ReturnType<typeof memoryLog>
  status: TerminalStatusTracker
  emitted: TerminalStatus[]
} {
  const log = memoryLog()
  const { status, emitted } = recordingStatus()
  const engine = createSyncEngine({
    status,
    log,
    clock: () => new Date(),
    config: { terminalId: TERMINAL_ID, version: '0.1.0-test', demo: true },
    random: () => 0.5,
    freeDiskBytes: async () => 1_000_000,
    ...parts,
  })
  cleanups.push(() => engine.stop())
  return { engine, log, status, emitted }
}

/** A demo resident's reference (bind payloads need one). */
export function residentRefOf(name: string): string {
  const resident = buildDemoSeed().residents.find((r) => r.name === name)
  if (!resident) throw new Error(`no demo resident ${name}`)
  return resident.residentRef
}

/** A feedback payload the centre accepts. */
export function feedback(text: string): { category: 'suggestion'; text: string } {
  return { category: 'suggestion', text }
}
