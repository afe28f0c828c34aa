/**
 * A terminal's state as staff read it: one headline (the most serious thing) in words, colour and
 * icon, and the other findings below it. Derived on the page from the latest heartbeat, so
 * "offline for 3 min" keeps counting without the service saying anything.
 */
import type { FleetHeartbeat } from '../shared/fleet/contract'

export type Tone = 'ok' | 'warn' | 'bad' | 'off'
export type FindingKey =
  | 'never'
  | 'offline'
  | 'outOfService'
  | 'printerError'
  | 'paperOut'
  | 'paperLow'
  | 'deviceUnavailable'
  | 'backlog'
  | 'centralOffline'
  | 'online'

export interface Finding {
  key: FindingKey
  tone: Tone
  /** Values for the words (`{minutes}`, `{message}`, `{count}`, `{device}`). */
  params: Record<string, string | number>
}

/** Missing this many heartbeats in a row counts as offline. */
export const OFFLINE_AFTER_BEATS = 3
/** An outbox this deep is worth a look (a centre unreachable for a while). */
export const BACKLOG_WARN = 10

const PRINTERS = new Set(['receiptPrinter', 'a4Printer'])
const PRINTER_ERRORS = new Set([
  'JAMMED',
  'COVER_OPEN',
  'HARDWARE_ERROR',
  'NOT_RESPONDING',
  'OFFLINE',
])
const RANK: Record<Tone, number> = { off: 0, bad: 1, warn: 2, ok: 3 }

export function findings(
  terminal: { lastSeenAt: string | null; heartbeat: FleetHeartbeat | null },
  now: number,
  heartbeatSeconds: number,
): Finding[] {
  const hb = terminal.heartbeat
  if (!terminal.lastSeenAt || !hb) return [{ key: 'never', tone: 'off', params: {} }]
  const out: Finding[] = []
  const silentMs = now - Date.parse(terminal.lastSeenAt)
  if (silentMs > OFFLINE_AFTER_BEATS * heartbeatSeconds * 1000) {
    out.push({
      key: 'offline',
      tone: 'off',
      params: { minutes: Math.max(1, Math.round(silentMs / 60_000)) },
    })
  }
  if (hb.outOfService)
    out.push({ key: 'outOfService', tone: 'bad', params: { message: hb.outOfService.message } })
  for (const device of hb.devices) {
    const params = { device: device.kind }
    if (PRINTERS.has(device.kind) && PRINTER_ERRORS.has(device.status)) {
      out.push({ key: 'printerError', tone: 'bad', params: { ...params, code: device.status } })
    } else if (PRINTERS.has(device.kind) && device.status === 'MEDIA_EMPTY') {
      out.push({ key: 'paperOut', tone: 'bad', params })
    } else if (PRINTERS.has(device.kind) && device.status === 'MEDIA_LOW') {
      out.push({ key: 'paperLow', tone: 'warn', params })
    } else if (device.state === 'UNAVAILABLE' && device.status !== 'NOT_CONFIGURED') {
      out.push({
        key: 'deviceUnavailable',
        tone: 'warn',
        params: { ...params, code: device.status },
      })
    }
  }
  if (hb.outboxPending >= BACKLOG_WARN)
    out.push({ key: 'backlog', tone: 'warn', params: { count: hb.outboxPending } })
  if (hb.connection === 'offline') out.push({ key: 'centralOffline', tone: 'warn', params: {} })
  if (out.length === 0) out.push({ key: 'online', tone: 'ok', params: {} })
  // The most serious first: offline, then faults, then warnings (stable within a tone).
  return out.sort((a, b) => RANK[a.tone] - RANK[b.tone])
}

/** Seconds → `4 分 05 秒` style parts for the waited time. */
export function waited(fromIso: string, now: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000))
  return { minutes: Math.floor(total / 60), seconds: total % 60 }
}
