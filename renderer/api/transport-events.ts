/**
 * The listener bookkeeping both transports share: events fan out by name, transport state changes
 * fan out to every listener. Every `add` returns its own remover (a kiosk runs for days).
 */
import type { EventName, EventPayload, TransportState } from '../../shared/api/contract'

type AnyListener = (payload: unknown) => void

export interface EventHub {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  onTransport(listener: (state: TransportState) => void): () => void
  /** Delivers one wire message to the listeners of its event; unknown shapes are dropped. */
  dispatch(message: unknown): void
  /** Reports a transport state; listeners only hear changes. */
  setTransport(state: TransportState): void
  readonly transport: TransportState | 'connecting'
  listenerCount(): number
}

/** Creates the listener registry for one transport. */
export function createEventHub(): EventHub {
  const byEvent = new Map<string, Set<AnyListener>>()
  const transportListeners = new Set<(state: TransportState) => void>()
  let transport: TransportState | 'connecting' = 'connecting'

  return {
    on(event, listener) {
      let set = byEvent.get(event)
      if (!set) byEvent.set(event, (set = new Set()))
      const entry = listener as AnyListener
      set.add(entry)
      return () => {
        set.delete(entry)
      }
    },
    onTransport(listener) {
      transportListeners.add(listener)
      return () => {
        transportListeners.delete(listener)
      }
    },
    dispatch(message) {
      if (typeof message !== 'object' || message === null) return
      const { event, payload } = message as { event?: unknown; payload?: unknown }
      if (typeof event !== 'string') return
      for (const listener of [...(byEvent.get(event) ?? [])]) listener(payload)
    },
    setTransport(state) {
      if (state === transport) return
      transport = state
      for (const listener of [...transportListeners]) listener(state)
    },
    get transport() {
      return transport
    },
    listenerCount() {
      let n = transportListeners.size
      for (const set of byEvent.values()) n += set.size
      return n
    },
  }
}
