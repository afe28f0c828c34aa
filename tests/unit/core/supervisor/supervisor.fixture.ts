/**
 * A core for the staff tests: a movable clock, a temp data folder that can be reopened (restart),
 * optionally the real bundled central service on loopback, and the events it emitted.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCentralServer, type CentralServer } from '../../../../electron/central/server'
import type { CoreConfig } from '../../../../electron/core/config'
import { createCore, type Core } from '../../../../electron/core/core'
import type { EventMessage } from '../../../../shared/api'
import { memoryLogger, testConfig } from '../core.fixture'

export const TERMINAL = { id: 'T-TEST-01', key: 'test-terminal-key-0123456789' }

export interface Rig {
  core: Core
  events: EventMessage[]
  dataDir: string
  clock: { now: number; advance(ms: number): void }
  /** Calls a method and throws on an error result (the value is returned). */
  value<T = Record<string, unknown>>(method: string, input?: unknown): Promise<T>
}

const rigs: Rig[] = []
const centrals: CentralServer[] = []

export async function startRig(overrides: Partial<CoreConfig> = {}, dataDir?: string) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-staff-'))
  const clock = {
    now: Date.parse('2026-06-12T09:00:00+08:00'),
    advance(ms: number) {
      clock.now += ms
    },
  }
  const core = await createCore(
    testConfig({ dataDir: dir, clock: () => new Date(clock.now), ...overrides }),
    { logger: memoryLogger() },
  )
  const events: EventMessage[] = []
  core.onEvent((m) => events.push(m))
  await core.start()
  const rig: Rig = {
    core,
    events,
    dataDir: dir,
    clock,
    async value<T>(method: string, input: unknown = {}) {
      const result = await core.call(method, input)
      if (!result.ok)
        throw new Error(`${method}: ${result.error.code} ${result.error.detail ?? ''}`)
      return result.value as T
    },
  }
  rigs.push(rig)
  return rig
}

export async function stopRig(rig: Rig) {
  const i = rigs.indexOf(rig)
  if (i >= 0) rigs.splice(i, 1)
  await rig.core.stop()
}

/** The real central service on loopback; `port` to come back on the same address after a stop. */
export async function startCentral(port = 0, stateDir?: string) {
  const dir = stateDir ?? mkdtempSync(join(tmpdir(), 'kiosk-central-'))
  const central = createCentralServer({
    stateFile: join(dir, 'state.json'),
    terminalKeys: { [TERMINAL.id]: TERMINAL.key },
    demo: true,
    port,
  })
  const { url } = await central.start()
  centrals.push(central)
  return { central, url, dir, port: Number(new URL(url).port) }
}

export async function stopAll() {
  for (const rig of rigs.splice(0)) await rig.core.stop()
  for (const central of centrals.splice(0)) await central.stop()
}

/** Enters supervisor mode with the demo PIN and returns the token. */
export async function enter(rig: Rig, pin = '246810'): Promise<string> {
  const { token } = await rig.value<{ token: string }>('supervisor.enter', { pin })
  return token
}
