/**
 * The browser side of the web host (electron/web): calls are `POST /api/<method>` with the
 * terminal token in `x-kiosk-token`, events arrive over server-sent events on `/api/events`.
 * Nothing here throws: a failed call becomes `{ ok: false, error: { code: 'INTERNAL' } }`.
 */
import type { KioskApi, MethodName } from '../../shared/api/contract'
import type { ApiError, Result } from '../../shared/api/result'
import { createEventHub } from './transport-events'

export interface WebTransportOptions {
  /** The page's token for the web host (see web-token.ts). */
  token: string
  /** Origin and path prefix of the host; default: the page's own origin. */
  baseUrl?: string
  /** For tests. Default: `globalThis.fetch`. */
  fetch?: typeof fetch
  /** For tests. Default: `globalThis.EventSource`. */
  EventSource?: typeof EventSource
  /** First reconnect delay after the event stream closed, doubled up to `maxReconnectMs`. */
  reconnectMs?: number
  maxReconnectMs?: number
}

export interface WebTransport extends KioskApi {
  /** Closes the event stream and forgets every listener (page unload, tests). */
  close(): void
}

const failed = (detail: string): Result<never> => ({
  ok: false,
  error: { code: 'INTERNAL', detail },
})

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { ok?: unknown; error?: Partial<ApiError> }
  if (v.ok === true) return 'value' in v
  return v.ok === false && typeof v.error === 'object' && typeof v.error?.code === 'string'
}

/** Builds the KioskApi over HTTP + server-sent events. */
export function createWebTransport(options: WebTransportOptions): WebTransport {
  const {
    token,
    baseUrl = '',
    fetch: doFetch = globalThis.fetch.bind(globalThis),
    EventSource: Source = globalThis.EventSource,
    reconnectMs = 1000,
    maxReconnectMs = 10_000,
  } = options
  const hub = createEventHub()
  let source: EventSource | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let retryDelay = reconnectMs
  let closed = false

  function connect(): void {
    if (closed || !Source) return
    const es = new Source(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`)
    source = es
    es.onopen = () => {
      retryDelay = reconnectMs
      hub.setTransport('open')
    }
    es.onmessage = (ev: MessageEvent<string>) => {
      try {
        hub.dispatch(JSON.parse(ev.data))
      } catch {
        // A malformed line is dropped; the next status event carries the full state again.
      }
    }
    es.onerror = () => {
      hub.setTransport('lost')
      // The browser retries by itself while the stream is CONNECTING; after an HTTP error it
      // gives up (CLOSED), so we reopen it ourselves with a growing delay.
      if (es.readyState === es.CLOSED && !closed) {
        es.close()
        clearTimeout(retryTimer)
        retryTimer = setTimeout(connect, retryDelay)
        retryDelay = Math.min(retryDelay * 2, maxReconnectMs)
      }
    }
  }

  connect()

  return {
    call: (async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
      let response: Response
      try {
        response = await doFetch(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kiosk-token': token },
          body: JSON.stringify(input ?? {}),
        })
      } catch {
        return failed('network')
      }
      if (!response.ok) return failed(`http ${response.status}`)
      try {
        const body: unknown = await response.json()
        return isResult(body) ? body : failed('malformed result')
      } catch {
        return failed('malformed result')
      }
    }) as KioskApi['call'],
    on: hub.on,
    onTransport: hub.onTransport,
    close() {
      closed = true
      clearTimeout(retryTimer)
      source?.close()
      source = null
    },
  }
}
