/**
 * The core's event stream. Payloads are parsed with the contract's schema on the way out, so an
 * event can only ever carry the fields the contract declares (nothing personal slips through).
 */
import { events, type EventMessage, type EventName, type EventPayload } from '../../shared/api'

export type EventListener = (message: EventMessage) => void

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void
  listenerCount(): number
}

export function createEventBus(onListenerError: (err: unknown) => void): EventBus {
  const listeners = new Set<EventListener>()
  return {
    emit(event, payload) {
      const parsed = events[event].payload.parse(payload) as EventPayload<typeof event>
      const message = { event, payload: parsed } as EventMessage
      for (const listener of [...listeners]) {
        try {
          listener(message)
        } catch (err) {
          onListenerError(err)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    listenerCount: () => listeners.size,
  }
}
