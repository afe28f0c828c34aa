/**
 * A KioskApi for component tests: answers calls from per-method handlers (defaults: a demo
 * terminal and a working session), records every call, and lets the test push events and
 * transport changes. Uses the renderer's own event hub, so listener removal is the real one.
 */
import type {
  EventName,
  EventPayload,
  KioskApi,
  MethodInput,
  MethodName,
  MethodOutput,
  TransportState,
} from '../../../shared/api/contract'
import type { TerminalInfo, TerminalStatus } from '../../../shared/api/methods/terminal'
import type { Result } from '../../../shared/api/result'
import { SERVICE_IDS, type ServiceAvailability } from '../../../shared/services'
import { createEventHub } from '../../../renderer/api/transport-events'

type Handler<M extends MethodName> = (input: MethodInput<M>) => Result<MethodOutput<M>>
type Handlers = { [M in MethodName]?: Handler<M> }

export const comingSoonServices = (): ServiceAvailability[] =>
  SERVICE_IDS.map((id) => ({ id, available: false, reason: { code: 'COMING_SOON' } }))

export function demoStatus(overrides: Partial<TerminalStatus> = {}): TerminalStatus {
  return {
    connection: 'online',
    lastSyncAt: '2025-01-06T02:30:00.000Z',
    dataUpdatedAt: '2025-01-06T02:32:00.000Z',
    outOfService: null,
    devices: [],
    services: comingSoonServices(),
    issues: [],
    ...overrides,
  }
}

export function demoInfo(overrides: Partial<TerminalInfo> = {}): TerminalInfo {
  return {
    terminalId: 'FZ-TEST-01',
    hallName: '测试大厅',
    hallNameEn: 'Test Hall',
    version: '0.0.0-test',
    host: 'web',
    demo: true,
    qa: true,
    timing: { idleSeconds: 60, warningSeconds: 20, elderFactor: 1.5 },
    bootId: 'boot-1',
    status: demoStatus(),
    ...overrides,
  }
}

export interface FakeKioskApi extends KioskApi {
  calls: { method: MethodName; input: unknown }[]
  callsOf(method: MethodName): unknown[]
  handlers: Handlers
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  setTransport(state: TransportState): void
  listenerCount(): number
}

/** Creates the fake; `handlers` override the defaults per method. */
export function createFakeKioskApi(handlers: Handlers = {}): FakeKioskApi {
  const hub = createEventHub()
  let sessions = 0
  const defaults: Handlers = {
    'terminal.info': () => ({ ok: true, value: demoInfo() }),
    'session.start': () => ({
      ok: true,
      value: {
        sessionId: `session-${++sessions}-abcdef`,
        startedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 120_000).toISOString(),
      },
    }),
    'session.extend': (input) => ({
      ok: true,
      value: {
        sessionId: input.sessionId,
        startedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 120_000).toISOString(),
      },
    }),
    'session.end': () => ({ ok: true, value: { ended: true } }),
  }
  const all: Handlers = { ...defaults, ...handlers }
  const calls: FakeKioskApi['calls'] = []
  return {
    calls,
    handlers: all,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.input),
    call: (async (method: MethodName, input: unknown) => {
      calls.push({ method, input })
      const handler = all[method] as ((input: unknown) => Result<unknown>) | undefined
      return handler ? handler(input) : { ok: false, error: { code: 'UNKNOWN_METHOD' } }
    }) as KioskApi['call'],
    on: hub.on,
    onTransport: hub.onTransport,
    emit: (event, payload) => hub.dispatch({ event, payload }),
    setTransport: hub.setTransport,
    listenerCount: hub.listenerCount,
  }
}
