import { describe, expect, it } from 'vitest'
import { createReceiptJournal, DEFAULT_RECEIPT_RETENTION_MS } from '../../../../electron/core/store'
import { manualClock, open, tempDataDir } from './store.fixture'

describe('receipt journal', () => {
  it('records, lists, marks and expires masked receipts', async () => {
    const clock = manualClock()
    const journal = createReceiptJournal(await open(tempDataDir(), { clock }), { clock })
    const first = await journal.record({
      kind: 'receipt',
      service: 'fund.bind',
      document: { subject: '林**', applicationNo: 'AP-1' },
    })
    clock.advance(1000)
    const second = await journal.record({
      id: 'r-2',
      kind: 'receipt',
      service: 'tax.records',
      document: { n: 2 },
    })
    expect(second).toBe('r-2')
    expect(journal.list().map((r) => r.id)).toEqual(['r-2', first])
    expect(journal.get(first)).toMatchObject({
      status: 'pending',
      document: { subject: '林**', applicationNo: 'AP-1' },
      expiresAt: clock.now() - 1000 + DEFAULT_RECEIPT_RETENTION_MS,
    })

    await journal.markStatus(first, 'failed', 'MEDIA_EMPTY')
    await journal.markStatus(first, 'printed')
    expect(journal.get(first)).toMatchObject({ status: 'printed', attempts: 2, error: null })
    expect(journal.list({ status: 'pending' }).map((r) => r.id)).toEqual(['r-2'])

    clock.advance(DEFAULT_RECEIPT_RETENTION_MS - 500)
    expect(await journal.prune()).toBe(1)
    expect(journal.list().map((r) => r.id)).toEqual(['r-2'])
  })
})
