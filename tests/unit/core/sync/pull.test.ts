import { describe, expect, it } from 'vitest'
import type { Store, WritePlan } from '../../../../electron/core/store'
import { readCursor, SYNC_STATE_KEYS } from '../../../../electron/core/sync'
import type { CentralClient } from '../../../../electron/core/central'
import { clientFor, engineFor, openTerminalStore, startCentral } from './sync.fixture'

const count = (store: Store, kind?: string): number =>
  store.get<{ n: number }>(
    kind
      ? 'SELECT COUNT(*) AS n FROM reference_items WHERE kind = ?'
      : 'SELECT COUNT(*) AS n FROM reference_items',
    kind ? [kind] : [],
  )!.n

const operator = (code: string, order: number, enabled = true) => ({
  code,
  name: `${code} 银行`,
  nameEn: `${code} Bank`,
  enabled,
  order,
})

describe('pull', () => {
  it('first pull applies the snapshot with its cursor; the next one is a delta', async () => {
    const { server, url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const { engine } = engineFor({ client: clientFor(url), store, outbox })
    const seeded = Object.values(server.snapshot().reference.items).filter((i) => !i.deleted).length

    const first = await engine.syncNow()
    expect(first.pull).toMatchObject({ outcome: 'applied', reset: true, upserts: seeded })
    expect(count(store)).toBe(seeded)
    expect(readCursor(store)).toBeTruthy()
    expect(engine.state().dataUpdatedAt).not.toBeNull()
    expect(engine.walletOperators().length).toBeGreaterThan(0)

    const again = await engine.syncNow()
    expect(again.pull).toMatchObject({ outcome: 'unchanged', reset: false, upserts: 0 })
  })

  it('a delta upserts changed items and tombstones delete', async () => {
    const { server, url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const { engine } = engineFor({ client: clientFor(url), store, outbox })
    await engine.syncNow()
    const before = count(store)
    const victim = engine.referenceItems('faq')[0]!

    await server.putReferenceItem('walletOperator', 'ZZTEST', operator('ZZTEST', 0))
    await server.deleteReferenceItem('faq', victim.key)
    const report = await engine.syncNow()
    expect(report.pull).toMatchObject({ outcome: 'applied', reset: false, upserts: 1, deletes: 1 })
    expect(count(store)).toBe(before)
    expect(engine.referenceItems('faq').some((i) => i.key === victim.key)).toBe(false)
    // Enabled operators in display order: order 0 puts the new one first.
    expect(engine.walletOperators()[0]?.key).toBe('ZZTEST')

    await server.putReferenceItem('walletOperator', 'ZZTEST', operator('ZZTEST', 0, false))
    await engine.syncNow()
    expect(engine.walletOperators().some((i) => i.key === 'ZZTEST')).toBe(false)
    expect(engine.referenceItems('walletOperator').some((i) => i.key === 'ZZTEST')).toBe(true)
  })

  it('an unknown cursor gets a reset, which replaces the whole cache', async () => {
    const { server, url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const { engine } = engineFor({ client: clientFor(url), store, outbox })
    await engine.syncNow()
    // A row the centre no longer has (its tombstone forgotten by compaction) and a bogus cursor.
    await store.write([
      {
        sql: "INSERT INTO reference_items (kind, key, version, deleted, data) VALUES ('faq', 'stale', 1, 0, '{}')",
      },
      {
        sql: 'UPDATE sync_state SET value = ? WHERE name = ?',
        params: ['bogus', SYNC_STATE_KEYS.cursor],
      },
    ])
    const report = await engine.syncNow()
    expect(report.pull).toMatchObject({ outcome: 'applied', reset: true })
    expect(store.get("SELECT 1 FROM reference_items WHERE key = 'stale'")).toBeUndefined()
    expect(readCursor(store)).not.toBe('bogus')

    await server.compactReferenceHistory()
    const afterCompaction = await engine.syncNow()
    expect(afterCompaction.pull.outcome).toMatch(/applied|unchanged/)
  })

  it('rows and cursor are one write: a write failing midway applies nothing', async () => {
    const { server, url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const writes: number[] = []
    let failNext = false
    // The store with a write that breaks in the middle of its statements.
    const faulty: Store = Object.create(store) as Store
    faulty.write = (plan: WritePlan, options) => {
      const statements = typeof plan === 'function' ? plan(store) : plan
      writes.push(statements.length)
      if (!failNext) return store.write(statements, options)
      const mid = Math.floor(statements.length / 2)
      return store.write(
        [
          ...statements.slice(0, mid),
          { sql: 'INSERT INTO no_such_table VALUES (1)' },
          ...statements.slice(mid),
        ],
        options,
      )
    }
    const { engine, emitted } = engineFor({ client: clientFor(url), store: faulty, outbox })
    await engine.syncNow()
    const rowsBefore = store.all(
      'SELECT kind, key, version, data FROM reference_items ORDER BY kind, key',
    )
    const cursorBefore = readCursor(store)
    const updatedBefore = engine.state().dataUpdatedAt

    for (let i = 0; i < 30; i++) {
      await server.putReferenceItem('walletOperator', `ZZ${i}`, operator(`ZZ${i}`, 100 + i))
    }
    await server.deleteReferenceItem('faq', rowsBefore.find((r) => r.kind === 'faq')!.key as string)
    failNext = true
    writes.length = 0
    const failed = await engine.syncNow()
    expect(failed.pull.outcome).toBe('store-failed')
    expect(writes).toHaveLength(1) // everything was planned as one write
    expect(writes[0]).toBeGreaterThan(2)
    expect(
      store.all('SELECT kind, key, version, data FROM reference_items ORDER BY kind, key'),
    ).toEqual(rowsBefore)
    expect(readCursor(store)).toBe(cursorBefore)
    expect(engine.state().dataUpdatedAt).toBe(updatedBefore)
    expect(emitted.at(-1)?.issues.map((i) => i.code)).toContain('SYNC_STORE_WRITE_FAILED')

    failNext = false
    const healed = await engine.syncNow()
    expect(healed.pull).toMatchObject({ outcome: 'applied', reset: false, upserts: 30, deletes: 1 })
  })

  it('an answer with a non-tombstone item without data is refused whole', async () => {
    const { store, outbox } = await openTerminalStore()
    const client: CentralClient = {
      terminalId: 'T',
      clockOffsetMs: () => 0,
      verifyReceipt: async () => true,
      call: (async (name: string) =>
        name === 'referenceData'
          ? {
              ok: true,
              status: 200,
              value: {
                reset: true,
                cursor: 'c1',
                items: [
                  {
                    kind: 'faq',
                    key: 'a',
                    version: 1,
                    data: {
                      category: 'fund',
                      order: 1,
                      question: { zh: '问', en: 'Q' },
                      answer: { zh: '答', en: 'A' },
                    },
                  },
                  { kind: 'faq', key: 'b', version: 2, data: null },
                ],
              },
            }
          : {
              ok: false,
              status: 0,
              error: { code: 'TRANSPORT_NETWORK', message: 'x' },
            }) as CentralClient['call'],
    }
    const { engine } = engineFor({ client, store, outbox })
    const report = await engine.syncNow()
    expect(report.pull.outcome).toBe('invalid')
    expect(count(store)).toBe(0)
    expect(readCursor(store)).toBeUndefined()
  })
})
