/**
 * The demo centre's SMS inbox (demo mode only; see README.md): the bundled centre sends no real
 * SMS and serves the last code per phone at `GET /demo/sms/{phone}`. Only `qa.smsInbox` reads it.
 */
import { demoSmsPath, DemoSmsResponse } from '../../../shared/central'

export type DemoSmsAnswer =
  | { ok: true; sms: { code: string; sentAt: string } | null }
  | { ok: false; reason: 'unreachable' | 'not_demo' }

export interface DemoSmsInbox {
  /** The last code sent to `phone`; `sms: null` when none was sent. Never throws. */
  lastCode(phone: string): Promise<DemoSmsAnswer>
}

export interface DemoSmsInboxOptions {
  baseUrl: string
  fetch?: typeof fetch
  timeoutMs?: number
}

/** Reads the demo inbox over HTTP (unsigned: the route exists only on a demo centre). */
export function createDemoSmsInbox(options: DemoSmsInboxOptions): DemoSmsInbox {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? globalThis.fetch
  return {
    async lastCode(phone) {
      try {
        const response = await doFetch(baseUrl + demoSmsPath(phone), {
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        })
        const body: unknown = await response.json().catch(() => undefined)
        if (response.status === 404) {
          // The centre's 404 for "no code yet" has a NOT_FOUND body; a centre without the demo
          // route answers its generic 404 too, which we cannot tell apart: both mean "no code".
          return { ok: true, sms: null }
        }
        if (!response.ok) return { ok: false, reason: 'unreachable' }
        const parsed = DemoSmsResponse.safeParse(body)
        return parsed.success ? { ok: true, sms: parsed.data } : { ok: false, reason: 'not_demo' }
      } catch {
        return { ok: false, reason: 'unreachable' }
      }
    },
  }
}
