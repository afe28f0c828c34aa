/**
 * The API contract: every method the renderer can call and every event it can hear, declared once
 * (docs/architecture.md). The core registers a handler per method, the Electron preload and the web
 * host carry calls and events, and the renderer's client is typed from here. To add a method, add
 * an entry to a domain file in ./methods and a handler in electron/core/api.
 */
import type { z } from 'zod'
import type { Result } from './result'
import { sessionEvents, sessionMethods } from './methods/session'
import { terminalEvents, terminalMethods } from './methods/terminal'
import { identityMethods } from './methods/identity'
import { devicesEvents, devicesMethods } from './methods/devices'
import { qaMethods } from './methods/qa'
import { printMethods } from './methods/print'
import { fundMethods } from './methods/fund'
import { withdrawalMethods } from './methods/withdrawals'
import { supervisorEvents, supervisorMethods } from './methods/supervisor'
import { helpMethods } from './methods/help'
import { qaCentralMethods } from './methods/qa-central'
import { taxMethods } from './methods/tax'
import { centreMethods } from './methods/centre'
import { certificateMethods } from './methods/certificates'
import { phoneMethods } from './methods/phone'

export const methods = {
  ...terminalMethods,
  ...sessionMethods,
  ...identityMethods,
  ...devicesMethods,
  ...qaMethods,
  ...printMethods,
  ...fundMethods,
  ...withdrawalMethods,
  ...supervisorMethods,
  ...helpMethods,
  ...qaCentralMethods,
  ...taxMethods,
  ...centreMethods,
  ...certificateMethods,
  ...phoneMethods,
}

export const events = {
  ...terminalEvents,
  ...sessionEvents,
  ...devicesEvents,
  ...supervisorEvents,
}

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
/** The input after parsing (defaults applied); what handlers receive. */
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>

/** One event as it travels over a transport: a union discriminated by `event`. */
export type EventMessage<E extends EventName = EventName> = {
  [K in E]: { event: K; payload: EventPayload<K> }
}[E]

export const METHOD_NAMES = Object.keys(methods) as MethodName[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name)
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)

/** Transport health as the renderer sees it: `lost` while the core cannot be reached. */
export type TransportState = 'open' | 'lost'

/**
 * What the renderer holds: one typed call entry and one event subscription. Both transports
 * (Electron preload, web host) implement it; every subscription returns its unsubscribe function.
 */
export interface KioskApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  onTransport(listener: (state: TransportState) => void): () => void
}

/**
 * What the Electron preload exposes as `window.kiosk`: the untyped wire form of KioskApi.
 * The renderer wraps it with the contract's types (renderer/api).
 */
export interface KioskBridge {
  call(method: string, input: unknown): Promise<unknown>
  on(listener: (message: { event: string; payload: unknown }) => void): () => void
}
