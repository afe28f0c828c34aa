/**
 * A minimal client for a Node process's inspector (the Chrome DevTools protocol over WebSocket):
 * the soak forces a full GC in the web host before it reads the host's RSS, and asks for its JS
 * heap in use, so the figures are not the noise of garbage not yet collected.
 */
import WebSocket from 'ws'

export interface InspectorClient {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>
  close(): void
}

/** The `ws://…` address a Node process started with `--inspect=127.0.0.1:0` prints on stderr. */
export const INSPECTOR_URL = /Debugger listening on (ws:\/\/\S+)/

export function connectInspector(url: string): Promise<InspectorClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    let nextId = 1
    const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number
        result?: unknown
        error?: { message: string }
      }
      const waiter = message.id !== undefined ? pending.get(message.id) : undefined
      if (!waiter) return // events: not subscribed to any
      pending.delete(message.id!)
      if (message.error) waiter.reject(new Error(message.error.message))
      else waiter.resolve(message.result)
    })
    socket.once('error', reject)
    socket.on('close', () => {
      for (const waiter of pending.values()) waiter.reject(new Error('inspector closed'))
      pending.clear()
    })
    socket.once('open', () =>
      resolve({
        send: <T>(method: string, params: Record<string, unknown> = {}) =>
          new Promise<T>((ok, fail) => {
            const id = nextId++
            pending.set(id, { resolve: ok as (v: unknown) => void, reject: fail })
            socket.send(JSON.stringify({ id, method, params }))
          }),
        close: () => socket.close(),
      }),
    )
  })
}
