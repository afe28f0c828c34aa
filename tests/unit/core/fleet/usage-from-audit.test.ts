/** Usage events derived from the audit log: anonymous, counted once, abandon at session end. */
import { describe, expect, it } from 'vitest'
import {
  createUsageTracker,
  type AuditFact,
} from '../../../../electron/core/fleet/usage-from-audit'

function tracker(log: AuditFact[]) {
  return createUsageTracker({ head: () => 0, entries: (after) => log.filter((e) => e.seq > after) })
}
const T0 = Date.parse('2026-12-05T02:00:00Z')

describe('usage from the audit log', () => {
  it('counts a service once per session: started, completed, and the session finished', () => {
    const log: AuditFact[] = []
    const usage = tracker(log)
    expect(usage.take()).toEqual([])
    log.push(
      { seq: 1, at: T0, action: 'session.start', outcome: 'ok' },
      { seq: 2, at: T0 + 20_000, action: 'fund.query', outcome: 'ok' },
      { seq: 3, at: T0 + 30_000, action: 'fund.query', outcome: 'ok' },
      { seq: 4, at: T0 + 40_000, action: 'tax.records', outcome: 'failed' },
      { seq: 5, at: T0 + 60_000, action: 'session.end', outcome: 'finish' },
    )
    const events = usage.take()
    expect(events.map((e) => `${e.service} ${e.kind} ${e.durationMs}`)).toEqual([
      'session started null',
      'fund.query started null',
      'fund.query completed 20000',
      'tax.records started null',
      'tax.records abandoned 60000',
      'session completed 60000',
    ])
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length)
    expect(usage.take()).toEqual([])
  })

  it('a session that timed out is abandoned; entries outside a session are not usage', () => {
    const log: AuditFact[] = [
      { seq: 1, at: T0, action: 'fund.query', outcome: 'ok' },
      { seq: 2, at: T0, action: 'session.start', outcome: 'ok' },
      { seq: 3, at: T0 + 5000, action: 'supervisor.enter', outcome: 'ok' },
      { seq: 4, at: T0 + 9000, action: 'session.end', outcome: 'timeout' },
    ]
    const usage = tracker(log)
    usage.take()
    expect(usage.take().map((e) => `${e.service} ${e.kind}`)).toEqual([
      'session started',
      'session abandoned',
    ])
  })
})
