import { describe, expect, it } from 'vitest'
import { createOutbox, fingerprintOf, OutboxKeyReusedError } from '../../../../electron/core/store'
import { abandon, open, tempDataDir } from './store.fixture'

describe('outbox', () => {
  it('keeps items in enqueue order with fingerprints, durable across a crash', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    const outbox = createOutbox(store)
    const receipts = []
    for (let i = 0; i < 5; i++) {
      receipts.push(
        await outbox.enqueue({
          kind: 'fund.bind',
          payload: { n: i, wallet: '****1234' },
          createdAt: 1000 + i,
        }),
      )
    }
    expect(receipts.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5])
    expect(receipts[2]!.fingerprint).toBe(fingerprintOf({ wallet: '****1234', n: 2 }))
    abandon(store)

    const reopened = createOutbox(await open(dataDir))
    const pending = reopened.pending()
    expect(pending.map((item) => item.idempotencyKey)).toEqual(
      receipts.map((r) => r.idempotencyKey),
    )
    expect(pending[0]).toMatchObject({
      kind: 'fund.bind',
      state: 'queued',
      attempts: 0,
      payload: { n: 0, wallet: '****1234' },
    })
    expect(reopened.depth()).toBe(5)
    expect(reopened.oldest()?.seq).toBe(1)
    expect(reopened.pending(2)).toHaveLength(2)
  })

  it('is idempotent per key and refuses a key reused for another payload', async () => {
    const outbox = createOutbox(await open(tempDataDir()))
    const first = await outbox.enqueue({
      kind: 'feedback',
      payload: { a: 1, b: [1, 2] },
      idempotencyKey: 'k-1',
      createdAt: 1,
    })
    const again = await outbox.enqueue({
      kind: 'feedback',
      payload: { b: [1, 2], a: 1 },
      idempotencyKey: 'k-1',
      createdAt: 2,
    })
    expect(again).toEqual({ ...first, duplicate: true })
    expect(first.duplicate).toBe(false)
    await expect(
      outbox.enqueue({ kind: 'feedback', payload: { a: 2 }, idempotencyKey: 'k-1', createdAt: 3 }),
    ).rejects.toBeInstanceOf(OutboxKeyReusedError)
    expect(outbox.depth()).toBe(1)
  })

  it('deduplicates concurrent enqueues of the same key', async () => {
    const outbox = createOutbox(await open(tempDataDir()))
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        outbox.enqueue({ kind: 'k', payload: { x: 1 }, idempotencyKey: 'same', createdAt: 1 }),
      ),
    )
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1)
    expect(outbox.depth()).toBe(1)
  })

  it('keeps an item pending through attempts and releases it on an answer', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    const outbox = createOutbox(store)
    const a = await outbox.enqueue({ kind: 'fund.bind', payload: { n: 1 }, createdAt: 1 })
    const b = await outbox.enqueue({ kind: 'fund.bind', payload: { n: 2 }, createdAt: 2 })

    await outbox.markAttempt(a.idempotencyKey, 'ECONNRESET', 10)
    expect(outbox.get(a.idempotencyKey)).toMatchObject({
      state: 'sent',
      attempts: 1,
      lastError: 'ECONNRESET',
    })
    expect(outbox.depth()).toBe(2)

    await outbox.markResult(a.idempotencyKey, {
      state: 'accepted',
      applicationNo: 'AP-2025-0001',
      result: { status: 'accepted' },
      receipt: { masked: '350102********3417' },
      at: 20,
    })
    await outbox.markResult(b.idempotencyKey, {
      state: 'rejected',
      result: { reason: 'WALLET_CLASS_4' },
      at: 21,
    })
    expect(outbox.depth()).toBe(0)
    expect(outbox.pending()).toEqual([])
    abandon(store)

    const reopened = createOutbox(await open(dataDir))
    expect(reopened.findByApplicationNo('AP-2025-0001')).toMatchObject({
      idempotencyKey: a.idempotencyKey,
      state: 'accepted',
      receipt: { masked: '350102********3417' },
      updatedAt: 20,
    })
    expect(reopened.get(b.idempotencyKey)?.result).toEqual({ reason: 'WALLET_CLASS_4' })
    expect(await reopened.pruneAnswered(21)).toBe(1)
    expect(reopened.get(a.idempotencyKey)).toBeUndefined()
    expect(reopened.get(b.idempotencyKey)).toBeDefined()
  })

  it('refuses to mark an unknown key', async () => {
    const outbox = createOutbox(await open(tempDataDir()))
    await expect(outbox.markResult('nope', { state: 'accepted', at: 1 })).rejects.toMatchObject({
      code: 'OUTBOX_UNKNOWN_KEY',
    })
    await expect(outbox.markAttempt('nope', null, 1)).rejects.toMatchObject({
      code: 'OUTBOX_UNKNOWN_KEY',
    })
  })
})
