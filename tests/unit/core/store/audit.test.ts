import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import initSqlJs from 'sql.js'
import { describe, expect, it } from 'vitest'
import {
  createAuditLog,
  defaultWasmPath,
  GENESIS_HASH,
  type Store,
} from '../../../../electron/core/store'
import { manualClock, open, tempDataDir } from './store.fixture'

async function withEntries(count: number) {
  const dataDir = tempDataDir()
  const clock = manualClock()
  const store = await open(dataDir, { clock })
  const audit = createAuditLog(store, { terminalId: 'T-01', clock })
  for (let i = 1; i <= count; i++) {
    await audit.append({
      action: `service.step${i}`,
      subject: '350102********3417',
      outcome: 'ok',
      detail: { i },
    })
    clock.advance(60_000)
  }
  return { dataDir, clock, store, audit }
}

/** Edits the database file directly, as someone with disk access would, then reopens. */
async function tamper(dataDir: string, store: Store, sql: string) {
  await store.close()
  const SQL = await initSqlJs({ wasmBinary: readFileSync(defaultWasmPath()) })
  const path = join(dataDir, 'kiosk.db')
  const db = new SQL.Database(readFileSync(path))
  db.run(sql)
  writeFileSync(path, db.export())
  db.close()
  const clock = manualClock()
  return createAuditLog(await open(dataDir, { clock }), { terminalId: 'T-01', clock })
}

describe('audit log', () => {
  it('chains entries from the genesis hash and verifies them', async () => {
    const { audit } = await withEntries(4)
    const entries = audit.list()
    expect(entries.map((e) => e.seq)).toEqual([4, 3, 2, 1])
    expect(entries[3]!.prevHash).toBe(GENESIS_HASH)
    expect(entries[0]!.prevHash).toBe(entries[1]!.hash)
    expect(entries[0]).toMatchObject({
      terminalId: 'T-01',
      subject: '350102********3417',
      detail: { i: 4 },
    })
    expect(audit.verify()).toEqual({ ok: true, count: 4 })
    expect(audit.list({ limit: 2, beforeSeq: 4 }).map((e) => e.seq)).toEqual([3, 2])
    expect(audit.list({ action: 'service.step1' })).toHaveLength(1)
  })

  it('finds an edited entry', async () => {
    const { dataDir, store } = await withEntries(5)
    const audit = await tamper(
      dataDir,
      store,
      "UPDATE audit_log SET outcome = 'denied' WHERE seq = 3",
    )
    expect(audit.verify()).toEqual({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'content does not match its hash',
    })
  })

  it('finds an edited entry whose hash was recomputed (the next link breaks)', async () => {
    const { dataDir, store } = await withEntries(5)
    const audit = await tamper(dataDir, store, "UPDATE audit_log SET hash = 'f00' WHERE seq = 2")
    const verdict = audit.verify()
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: 2 })
  })

  it('finds a removed entry', async () => {
    const { dataDir, store } = await withEntries(5)
    const audit = await tamper(dataDir, store, 'DELETE FROM audit_log WHERE seq = 4')
    expect(audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4 })
  })

  it('prunes old entries and stays verifiable from the anchor', async () => {
    const { clock, audit } = await withEntries(6)
    const start = clock.now() - 6 * 60_000
    expect(await audit.prune(start + 3 * 60_000)).toBe(3)
    expect(audit.list().map((e) => e.seq)).toEqual([6, 5, 4])
    expect(audit.verify()).toEqual({ ok: true, count: 3 })
    await audit.append({ action: 'after.prune', subject: null, outcome: 'ok' })
    expect(audit.verify()).toEqual({ ok: true, count: 4 })
    // Never prunes the head of the chain.
    expect(await audit.prune(clock.now() + 1)).toBe(3)
    expect(audit.list().map((e) => e.seq)).toEqual([7])
    expect(audit.verify()).toEqual({ ok: true, count: 1 })
  })
})
