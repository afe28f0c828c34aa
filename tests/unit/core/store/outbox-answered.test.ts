/**
 * An answered outbox item keeps only what the terminal still shows: the wallet id masked, a sealed
 * call-back phone dropped; the old bytes leave the database file (secure_delete) and the journal
 * (the fold that follows). A repeat of the key is still recognised by its fingerprint.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { payloadKeptAfterAnswer } from '../../../../electron/core/store/answered-payload'
import { createOutbox, fingerprintOf } from '../../../../electron/core/store'
import { open, tempDataDir } from './store.fixture'

const SEALED = 'c2VhbGVkLWNvbnRhY3QtcGhvbmUtYnl0ZXMtYmFzZTY0dXJs'
const bytesHolding = (dir: string, text: string) =>
  readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(Buffer.from(text)))

describe('answered outbox payloads', () => {
  it('masks wallet ids and drops sealed contacts at any depth, leaving the rest', () => {
    expect(
      payloadKeptAfterAnswer({
        residentRef: 'R1',
        walletId: '0021000086432151',
        nested: [{ walletId: '12345678' }, { contactSealed: SEALED, text: 'hi' }],
        count: 3,
      }),
    ).toEqual({
      residentRef: 'R1',
      walletId: '************2151',
      nested: [{ walletId: '****5678' }, { text: 'hi' }],
      count: 3,
    })
    // Idempotent: the masked form stays as it is.
    expect(payloadKeptAfterAnswer({ walletId: '************2151' })).toEqual({
      walletId: '************2151',
    })
    expect(payloadKeptAfterAnswer(null)).toBeNull()
  })

  it('shrinks at the answer, keeps the fingerprint, and the old bytes leave both files', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    const outbox = createOutbox(store)
    // A long text after the sealed contact (keys are stored sorted): the shorter new row is written
    // over the old one's tail, which would leave the sealed contact itself in the page.
    const text = `call me ${'please '.repeat(40)}`
    const payload = { category: 'other', text, contactSealed: SEALED }
    const { idempotencyKey, fingerprint } = await outbox.enqueue({
      kind: 'feedback',
      payload,
      createdAt: 1000,
    })
    await store.fold() // the full payload is in the snapshot now, not only in the journal
    expect(bytesHolding(dataDir, SEALED)).toEqual(['kiosk.db'])

    await outbox.markResult(idempotencyKey, { state: 'accepted', at: 2000 })
    expect(outbox.get(idempotencyKey)).toMatchObject({
      payload: { category: 'other', text },
      fingerprint: fingerprintOf(payload),
    })
    await vi.waitFor(() => expect(bytesHolding(dataDir, SEALED)).toEqual([]))
    // A repeat of the key with the original payload is still the same item.
    expect(
      await outbox.enqueue({ kind: 'feedback', idempotencyKey, payload, createdAt: 3000 }),
    ).toMatchObject({ duplicate: true, fingerprint })
  })

  it('shrinks items answered under an older version when asked at start', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    const outbox = createOutbox(store)
    const { idempotencyKey } = await outbox.enqueue({
      kind: 'fund.bind',
      payload: { walletId: '0021000086432151' },
      createdAt: 1000,
    })
    // As an older version recorded the answer: payload untouched.
    await store.write([
      {
        sql: "UPDATE outbox SET state = 'accepted' WHERE idempotency_key = ?",
        params: [idempotencyKey],
      },
    ])
    const pending = await outbox.enqueue({
      kind: 'fund.bind',
      payload: { walletId: '0104000086432185' },
      createdAt: 1001,
    })
    expect(await outbox.shrinkAnswered()).toBe(1)
    expect(outbox.get(idempotencyKey)!.payload).toEqual({ walletId: '************2151' })
    // Not answered yet: kept in full for the retry.
    expect(outbox.get(pending.idempotencyKey)!.payload).toEqual({ walletId: '0104000086432185' })
    await vi.waitFor(() => expect(bytesHolding(dataDir, '0021000086432151')).toEqual([]))
    expect(await outbox.shrinkAnswered()).toBe(0)
  })

  it('a row changed to a shorter value leaves no trace of the old one in the file', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    const put = (key: string, value: string) =>
      store.write([
        { sql: 'INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', params: [key, value] },
      ])
    for (let i = 0; i < 20; i++) await put(`k${i}`, `row${i}-${'x'.repeat(50)}`)
    await put('secret', `${SEALED}-and-more-text-here`)
    await store.write([{ sql: "UPDATE settings SET value = 'short' WHERE key = 'secret'" }])
    await store.fold()
    expect(bytesHolding(dataDir, SEALED)).toEqual([])
  })
})
