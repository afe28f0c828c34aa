/** The console's words: both languages have the same keys, and a terminal's state reads right. */
import { describe, expect, it } from 'vitest'
import type { FleetHeartbeat } from '../../shared/fleet/contract'
import { CONSOLE_MESSAGES } from '../../fleet-console/messages'
import { findings, waited } from '../../fleet-console/terminal-state'

function heartbeat(over: Partial<FleetHeartbeat> = {}): FleetHeartbeat {
  return {
    appVersion: '0.1.0',
    startedAt: '2026-12-05T07:00:00.000Z',
    uptimeSeconds: 60,
    mode: 'demo',
    connection: 'online',
    outboxPending: 0,
    outboxRejected: 0,
    lastSyncAt: null,
    devices: [],
    issues: [],
    auditHead: null,
    outOfService: null,
    openCalls: [],
    sessionActive: false,
    droppedReports: 0,
    ackCommands: [],
    ...over,
  }
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

const NOW = Date.parse('2026-12-05T08:00:00Z')
const seen = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString()

describe('console words', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    expect(keys(CONSOLE_MESSAGES.en).sort()).toEqual(keys(CONSOLE_MESSAGES['zh-CN']).sort())
    for (const locale of Object.values(CONSOLE_MESSAGES)) {
      for (const key of keys(locale)) {
        const text = key
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], locale)
        expect(text, key).not.toBe('')
        // vue-i18n reads | as plural and @ as a link: neither may slip into the words.
        expect(String(text), key).not.toMatch(/[|@]/)
      }
    }
  })

  it('puts the most serious finding first', () => {
    const hb = heartbeat({
      outOfService: { message: '维护' },
      devices: [{ kind: 'receiptPrinter', state: 'READY', status: 'MEDIA_LOW' }],
      outboxPending: 12,
    })
    expect(findings({ lastSeenAt: seen(5), heartbeat: hb }, NOW, 15).map((f) => f.key)).toEqual([
      'outOfService',
      'paperLow',
      'backlog',
    ])
    expect(findings({ lastSeenAt: seen(50), heartbeat: hb }, NOW, 15)[0]).toEqual({
      key: 'offline',
      tone: 'off',
      params: { minutes: 1 },
    })
  })

  it.each([
    ['MEDIA_EMPTY', 'paperOut', 'bad'],
    ['JAMMED', 'printerError', 'bad'],
    ['OK', 'online', 'ok'],
  ])('reads a printer reporting %s as %s', (status, key, tone) => {
    const hb = heartbeat({ devices: [{ kind: 'a4Printer', state: 'READY', status }] })
    expect(findings({ lastSeenAt: seen(1), heartbeat: hb }, NOW, 15)[0]).toMatchObject({
      key,
      tone,
    })
  })

  it('says never for a terminal that never reported, and counts the wait', () => {
    expect(findings({ lastSeenAt: null, heartbeat: null }, NOW, 15)[0]!.key).toBe('never')
    expect(waited(seen(125), NOW)).toEqual({ minutes: 2, seconds: 5 })
    expect(waited(seen(-3), NOW)).toEqual({ minutes: 0, seconds: 0 })
  })
})
