import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runMaintenance } from '../../../../electron/core/data/maintenance'
import { openTerminalData, type TerminalData } from '../../../../electron/core/data/terminal-data'
import { memoryLogger } from '../core.fixture'

const DAY = 86_400_000
let data: TerminalData | null = null
afterEach(async () => {
  await data?.store.close()
  data = null
})

describe('store maintenance', () => {
  it('prunes by retention, keeps what is pending or recent, and keeps the audit chain valid', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const clock = () => new Date(now)
    data = await openTerminalData({
      dataDir: mkdtempSync(join(tmpdir(), 'kiosk-maint-')),
      terminalId: 'T-1',
      clock,
      log: memoryLogger(),
      onIssue: () => {},
    })
    if (!data) throw new Error('store did not open')
    const old = await data.outbox.enqueue({ kind: 'feedback', payload: { n: 1 }, createdAt: now })
    await data.outbox.markResult(old.idempotencyKey, { state: 'accepted', at: now })
    await data.outbox.enqueue({ kind: 'feedback', payload: { n: 2 }, createdAt: now })
    await data.audit.append({ action: 'session.start', subject: null, outcome: 'ok' })
    await data.receipts.record({ kind: 'receipt', service: 'help.feedback', document: { n: 1 } })

    now += 200 * DAY
    await data.audit.append({ action: 'session.start', subject: null, outcome: 'ok' })
    const report = await runMaintenance(data, clock())

    expect(report).toEqual({ receiptsPruned: 1, outboxPruned: 1, auditPruned: 1, folded: true })
    expect(data.outbox.depth()).toBe(1) // the pending item stays, however old
    expect(data.audit.verify()).toEqual({ ok: true, count: 1 })
    expect(data.receipts.list()).toHaveLength(0)
  })
})
