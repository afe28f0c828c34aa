/**
 * The renderer side of the Electron preload: `window.kiosk` carries untyped calls and events;
 * this wraps it with the contract's types. The core lives in the main process, so the bridge
 * itself cannot drop; the transport is reported open at once.
 */
import type { KioskApi, KioskBridge, MethodName } from '../../shared/api/contract'
import type { Result } from '../../shared/api/result'
import { createEventHub } from './transport-events'

/** Wraps the preload's bridge as a typed KioskApi. */
export function createBridgeTransport(bridge: KioskBridge): KioskApi & { close(): void } {
  const hub = createEventHub()
  const stop = bridge.on((message) => hub.dispatch(message))
  hub.setTransport('open')
  return {
    call: (async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
      try {
        const result = (await bridge.call(method, input ?? {})) as Result<unknown> | undefined
        if (result && typeof result === 'object' && typeof result.ok === 'boolean') return result
        return { ok: false, error: { code: 'INTERNAL', detail: 'malformed result' } }
      } catch {
        return { ok: false, error: { code: 'INTERNAL', detail: 'bridge' } }
      }
    }) as KioskApi['call'],
    on: hub.on,
    onTransport: hub.onTransport,
    close: stop,
  }
}
