/**
 * Posts one report to the hall's fleet service, signed with the terminal's key as its requests to
 * the centre are (shared/central/signing.ts), and accepts only an answer signed back for this very
 * request: a command the terminal acts on must come from the fleet service.
 */
import type { ZodType } from 'zod'
import { signRequest, verifyResponse } from '../../../shared/central/signing'

/** A report's outcome: the parsed answer, or why there is none (the report is then kept). */
export type FleetPostResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'unreachable' | 'refused' | 'untrusted' | 'malformed'; status: number }

export interface FleetClientOptions {
  baseUrl: string
  terminalId: string
  terminalKey: string
  clock: () => Date
  /** Each report gives up after this long (default 5 s): nothing waits on the fleet for long. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export type FleetClient = <T>(
  path: string,
  body: unknown,
  answer: ZodType<T>,
) => Promise<FleetPostResult<T>>

export function createFleetClient(options: FleetClientOptions): FleetClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  const send = options.fetch ?? fetch
  return async (path, body, answer) => {
    const text = JSON.stringify(body)
    const headers = await signRequest({
      method: 'POST',
      pathWithQuery: path,
      body: text,
      terminalId: options.terminalId,
      key: options.terminalKey,
      now: options.clock(),
    })
    let response: Response
    let reply: string
    try {
      response = await send(base + path, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: text,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      })
      reply = await response.text()
    } catch {
      return { ok: false, reason: 'unreachable', status: 0 }
    }
    const verdict = await verifyResponse({
      status: response.status,
      body: reply,
      header: (name) => response.headers.get(name),
      requestNonce: headers['x-kiosk-nonce'],
      terminalId: options.terminalId,
      key: options.terminalKey,
    })
    if (!verdict.ok) return { ok: false, reason: 'untrusted', status: response.status }
    if (!response.ok) return { ok: false, reason: 'refused', status: response.status }
    try {
      const parsed = answer.safeParse(JSON.parse(reply))
      if (parsed.success) return { ok: true, value: parsed.data }
    } catch {
      // not JSON: malformed, below
    }
    return { ok: false, reason: 'malformed', status: response.status }
  }
}
