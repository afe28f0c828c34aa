import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createAuditLog,
  migrations,
  StoreError,
  storeIssueEntry,
  type Store,
  type StoreIssue,
} from '../../../../electron/core/store'
import { nodeJournalIo } from '../../../../electron/core/store/journal'
import { abandon, manualClock, open, tempDataDir } from './store.fixture'

const setSetting = (key: string, value: string) => [
  {
    sql: 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    params: [key, value],
  },
]

/** Records what the store found while opening, as the core does at start. */
async function auditOpenIssues(store: Store, clock: { now: () => number }) {
  const audit = createAuditLog(store, { terminalId: 'T-01', clock })
  for (const issue of store.openIssues) await audit.append(storeIssueEntry(issue))
  return audit
}

const settingOf = (store: Awaited<ReturnType<typeof open>>, key: string) =>
  store.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key])?.value

describe('migrations', () => {
  it('creates every table and records the version in store_meta', async () => {
    const store = await open(tempDataDir())
    const tables = store
      .all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .map((row) => row.name)
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_anchor',
        'audit_log',
        'outbox',
        'receipt_journal',
        'reference_items',
        'settings',
        'store_meta',
        'sync_state',
      ]),
    )
    expect(store.get("SELECT value FROM store_meta WHERE key = 'schema_version'")).toEqual({
      value: String(migrations.at(-1)!.version),
    })
  })

  it('applies only the new steps on the next open', async () => {
    const dataDir = tempDataDir()
    const first = await open(dataDir)
    await first.write(setSetting('hall', 'A'))
    await first.close()

    const next = [
      ...migrations,
      { version: 2, up: 'ALTER TABLE settings ADD COLUMN note TEXT; CREATE TABLE extra (x);' },
    ]
    const second = await open(dataDir, { migrations: next })
    expect(settingOf(second, 'hall')).toBe('A')
    expect(second.get("SELECT value FROM store_meta WHERE key = 'schema_version'")).toEqual({
      value: '2',
    })
    await second.close()
    // Reopening does not run step 2 again (it would fail: the column exists).
    const third = await open(dataDir, { migrations: next })
    expect(third.openIssues).toEqual([])
  })
})

describe('journal and fold', () => {
  it('replays the journal after a crash (no close, no fold)', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    for (let i = 0; i < 20; i++) await store.write(setSetting(`k${i}`, `v${i}`))
    expect(store.stats().recordsSinceFold).toBe(20)
    expect(store.stats().journalBytes).toBeGreaterThan(0)
    abandon(store)

    const reopened = await open(dataDir)
    expect(settingOf(reopened, 'k19')).toBe('v19')
    expect(reopened.all('SELECT * FROM settings')).toHaveLength(20)
    expect(reopened.openIssues).toEqual([])
    // Opening folds: the snapshot has everything and the journal is empty (preallocated zeros).
    expect(reopened.stats().journalBytes).toBe(0)
    expect(readFileSync(join(dataDir, 'kiosk.journal')).every((byte) => byte === 0)).toBe(true)
  })

  it('discards a torn last record, keeps the ones before and reports it', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    await store.write(setSetting('kept', '1'))
    await store.write(setSetting('torn', '2'))
    abandon(store)
    const journalPath = join(dataDir, 'kiosk.journal')
    const journal = readFileSync(journalPath)
    writeFileSync(journalPath, journal.subarray(0, store.stats().journalBytes - 5))

    const issues: StoreIssue[] = []
    const reopened = await open(dataDir, { onIssue: (issue) => issues.push(issue) })
    expect(settingOf(reopened, 'kept')).toBe('1')
    expect(settingOf(reopened, 'torn')).toBeUndefined()
    expect(issues.map((issue) => issue.code)).toEqual(['STORE_JOURNAL_TAIL_DISCARDED'])
    expect(reopened.openIssues).toEqual(issues)
    const audit = await auditOpenIssues(reopened, manualClock())
    expect(audit.list()[0]).toMatchObject({
      action: 'store.issue',
      outcome: 'warning',
      detail: { code: 'STORE_JOURNAL_TAIL_DISCARDED' },
    })
    // The next write lands after the good records, not after the garbage.
    await reopened.write(setSetting('after', '3'))
    abandon(reopened)
    const third = await open(dataDir)
    expect(settingOf(third, 'after')).toBe('3')
    expect(third.openIssues).toEqual([])
  })

  it('ignores garbage appended after the last record', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    await store.write(setSetting('a', '1'))
    abandon(store)
    const journalPath = join(dataDir, 'kiosk.journal')
    // Garbage where the next record would go (inside the preallocated zeros).
    const journal = readFileSync(journalPath)
    journal.write('KJR1 not really a record', store.stats().journalBytes)
    writeFileSync(journalPath, journal)
    const reopened = await open(dataDir)
    expect(settingOf(reopened, 'a')).toBe('1')
    expect(reopened.openIssues[0]?.code).toBe('STORE_JOURNAL_TAIL_DISCARDED')
  })

  it('folds every N records and when asked, emptying the journal', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir, { foldEvery: 5 })
    const foldsAtOpen = store.stats().folds
    for (let i = 0; i < 12; i++) await store.write(setSetting(`k${i}`, 'v'))
    await store.fold()
    expect(store.stats().folds).toBe(foldsAtOpen + 3)
    expect(store.stats().journalBytes).toBe(0)
    abandon(store)
    const reopened = await open(dataDir)
    expect(reopened.all('SELECT * FROM settings')).toHaveLength(12)
  })

  it('skips journal records already in the snapshot (crash between rename and truncate)', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    await store.write(setSetting('a', '1'))
    const journalBeforeFold = readFileSync(join(dataDir, 'kiosk.journal'))
    await store.write([{ sql: "UPDATE settings SET value = value || 'x' WHERE key = 'a'" }])
    await store.fold()
    abandon(store)
    // Put back a journal holding records the snapshot already contains.
    writeFileSync(join(dataDir, 'kiosk.journal'), journalBeforeFold)
    const reopened = await open(dataDir)
    expect(settingOf(reopened, 'a')).toBe('1x')
    expect(reopened.openIssues).toEqual([])
  })

  it('writes nothing for an empty plan and reads inside a plan see committed state', async () => {
    const store = await open(tempDataDir())
    expect(await store.write([])).toEqual({ seq: null, changes: 0, lastInsertRowid: 0 })
    await store.write(setSetting('n', '1'))
    const result = await store.write((read) => {
      const n = Number(
        read.get<{ value: string }>("SELECT value FROM settings WHERE key = 'n'")!.value,
      )
      return setSetting('n', String(n + 1))
    })
    expect(result.changes).toBe(1)
    expect(settingOf(store, 'n')).toBe('2')
  })
})

describe('group commit', () => {
  function countingIo(failSync: () => boolean) {
    const counts = { datasync: 0 }
    const io = {
      ...nodeJournalIo,
      datasync(fd: number) {
        counts.datasync++
        if (failSync()) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
        nodeJournalIo.datasync(fd)
      },
    }
    return { io, counts }
  }

  it('commits concurrent writes with one fdatasync, each with its own record', async () => {
    const { io, counts } = countingIo(() => false)
    const dataDir = tempDataDir()
    const store = await open(dataDir, { journalIo: io })
    await store.write(setSetting('first', '0'))
    counts.datasync = 0
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.write(setSetting(`k${i}`, String(i)))),
    )
    expect(counts.datasync).toBe(1)
    expect(results.map((r) => r.seq)).toEqual(results.map((_, i) => results[0]!.seq! + i))
    abandon(store)
    const reopened = await open(dataDir)
    expect(reopened.all('SELECT * FROM settings')).toHaveLength(11)
  })

  it('rejects a failing write alone and keeps the rest of its group', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    const outcomes = await Promise.allSettled([
      store.write(setSetting('a', '1')),
      store.write([...setSetting('b', '2'), { sql: 'INSERT INTO nowhere VALUES (1)', params: [] }]),
      store.write(setSetting('c', '3')),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'STORE_SQL_FAILED',
    })
    abandon(store)
    const reopened = await open(dataDir)
    expect(reopened.all('SELECT key FROM settings ORDER BY key')).toEqual([
      { key: 'a' },
      { key: 'c' },
    ])
    expect(reopened.openIssues).toEqual([])
  })

  it('rejects the whole group when its fdatasync fails, and none of it comes back', async () => {
    let failing = false
    const { io } = countingIo(() => failing)
    const dataDir = tempDataDir()
    const store = await open(dataDir, { journalIo: io })
    await store.write(setSetting('before', '0'))
    failing = true
    const outcomes = await Promise.allSettled([
      store.write(setSetting('x', '1')),
      store.write(setSetting('y', '2')),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    expect(settingOf(store, 'x')).toBeUndefined()
    failing = false
    await store.write(setSetting('after', '3'))
    abandon(store)
    const reopened = await open(dataDir)
    expect(reopened.all('SELECT key FROM settings ORDER BY key')).toEqual([
      { key: 'after' },
      { key: 'before' },
    ])
  })
})

describe('corrupt or unreadable database file', () => {
  async function expectRecovered(dataDir: string, badBytes: Buffer) {
    const clock = manualClock()
    const issues: StoreIssue[] = []
    const store = await open(dataDir, { clock, onIssue: (issue) => issues.push(issue) })
    expect(store.all('SELECT * FROM settings')).toEqual([])
    expect(issues.map((issue) => issue.code)).toContain('STORE_RECOVERED')
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('kiosk.db.corrupt-'))
    expect(aside).toEqual([
      `kiosk.db.corrupt-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}`,
    ])
    expect(readFileSync(join(dataDir, aside[0]!)).equals(badBytes)).toBe(true)
    // The store knows nothing of the audit log: it reports, the caller records.
    expect(store.all('SELECT seq FROM audit_log')).toEqual([])
    const audit = await auditOpenIssues(store, clock)
    expect(audit.list().map((entry) => [entry.action, entry.outcome])).toEqual([
      ['store.recovered', 'recovered'],
    ])
    expect(audit.verify()).toEqual({ ok: true, count: 1 })
    // The fresh store is usable and durable.
    await store.write(setSetting('after', 'recovery'))
    await store.close()
    const reopened = await open(dataDir)
    expect(settingOf(reopened, 'after')).toBe('recovery')
    expect(reopened.openIssues).toEqual([])
  }

  async function folded(dataDir: string): Promise<Buffer> {
    const store = await open(dataDir)
    for (let i = 0; i < 200; i++)
      await store.write(setSetting(`key-${i}`, 'x'.repeat(200)), { sync: false })
    await store.close()
    return readFileSync(join(dataDir, 'kiosk.db'))
  }

  it('keeps garbage aside and opens fresh', async () => {
    const dataDir = tempDataDir()
    const garbage = Buffer.from('this is not a database'.repeat(100))
    writeFileSync(join(dataDir, 'kiosk.db'), garbage)
    await expectRecovered(dataDir, garbage)
  })

  it('keeps a truncated file aside and opens fresh', async () => {
    const dataDir = tempDataDir()
    const whole = await folded(dataDir)
    const truncated = whole.subarray(0, Math.floor(whole.length / 2))
    writeFileSync(join(dataDir, 'kiosk.db'), truncated)
    await expectRecovered(dataDir, truncated)
  })

  it('keeps an empty file aside and opens fresh', async () => {
    const dataDir = tempDataDir()
    writeFileSync(join(dataDir, 'kiosk.db'), Buffer.alloc(0))
    await expectRecovered(dataDir, Buffer.alloc(0))
  })

  it('keeps a SQLite file that is not a kiosk store aside', async () => {
    const dataDir = tempDataDir()
    const whole = await folded(dataDir)
    // Damage a page in the middle: SQLite opens it, integrity_check does not pass.
    const damaged = Buffer.from(whole)
    damaged.fill(0xff, 4096 * 3, 4096 * 3 + 512)
    writeFileSync(join(dataDir, 'kiosk.db'), damaged)
    await expectRecovered(dataDir, damaged)
  })

  it('salvages what the journal holds into the fresh store', async () => {
    const dataDir = tempDataDir()
    const store = await open(dataDir)
    await store.write(setSetting('before', 'snapshot'))
    await store.fold()
    await store.write(setSetting('in', 'journal'))
    abandon(store)
    writeFileSync(join(dataDir, 'kiosk.db'), Buffer.from('garbage'))

    const reopened = await open(dataDir)
    expect(settingOf(reopened, 'in')).toBe('journal')
    expect(settingOf(reopened, 'before')).toBeUndefined()
    expect(reopened.openIssues[0]?.detail).toMatch(/1 of 1 journal records salvaged/)
    expect(readdirSync(dataDir).some((name) => name.startsWith('kiosk.journal.corrupt-'))).toBe(
      true,
    )
  })
})

describe('errors', () => {
  it('rejects with STORE_WRITE_FAILED when the disk is full, applies nothing and stays usable', async () => {
    let diskFull = false
    const issues: string[] = []
    const store = await open(tempDataDir(), {
      onIssue: (issue) => issues.push(`${issue.code} ${issue.detail}`.trim()),
      journalIo: {
        ...nodeJournalIo,
        write(fd, data, position) {
          if (diskFull) {
            // Half the record reaches the file before the error, as on a real full disk.
            nodeJournalIo.write(fd, data.subarray(0, data.length >> 1), position)
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
          }
          nodeJournalIo.write(fd, data, position)
        },
      },
    })
    await store.write(setSetting('before', '1'))
    diskFull = true
    const failed = store.write(setSetting('during', '2'))
    await expect(failed).rejects.toBeInstanceOf(StoreError)
    await expect(failed).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' })
    expect(settingOf(store, 'during')).toBeUndefined()
    // A second failure in the same streak is not reported again; the errno names the cause.
    await expect(store.write(setSetting('during', '3'))).rejects.toMatchObject({
      code: 'STORE_WRITE_FAILED',
    })
    expect(issues).toEqual(['STORE_WRITE_FAILED ENOSPC'])

    diskFull = false
    await store.write(setSetting('after', '3'))
    expect(issues).toEqual(['STORE_WRITE_FAILED ENOSPC', 'STORE_WRITE_RESTORED'])
    abandon(store)
    const reopened = await open(store.dataDir)
    expect(reopened.all('SELECT key FROM settings ORDER BY key')).toEqual([
      { key: 'after' },
      { key: 'before' },
    ])
    expect(reopened.openIssues).toEqual([])
  })

  it('rejects with STORE_WRITE_FAILED when fdatasync fails, and the record does not come back', async () => {
    let failSync = false
    const store = await open(tempDataDir(), {
      journalIo: {
        ...nodeJournalIo,
        datasync(fd) {
          if (failSync) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
          nodeJournalIo.datasync(fd)
        },
      },
    })
    failSync = true
    await expect(store.write(setSetting('lost', '1'))).rejects.toMatchObject({
      code: 'STORE_WRITE_FAILED',
    })
    failSync = false
    abandon(store)
    const reopened = await open(store.dataDir)
    expect(settingOf(reopened, 'lost')).toBeUndefined()
  })

  it('rejects with STORE_SQL_FAILED and rolls the whole write back', async () => {
    const store = await open(tempDataDir())
    const failed = store.write([...setSetting('a', '1'), { sql: 'INSERT INTO nowhere VALUES (1)' }])
    await expect(failed).rejects.toMatchObject({ code: 'STORE_SQL_FAILED' })
    expect(settingOf(store, 'a')).toBeUndefined()
    await store.write(setSetting('b', '2'))
    expect(store.stats().appliedSeq).toBeGreaterThan(0)
  })

  it('rejects with STORE_OPEN_FAILED when the data folder cannot be used', async () => {
    const parent = tempDataDir()
    writeFileSync(join(parent, 'not-a-folder'), 'x')
    await expect(open(join(parent, 'not-a-folder'))).rejects.toMatchObject({
      code: 'STORE_OPEN_FAILED',
    })
  })

  it('rejects with STORE_CLOSED after close', async () => {
    const store = await open(tempDataDir())
    await store.close()
    await expect(store.write(setSetting('a', '1'))).rejects.toMatchObject({ code: 'STORE_CLOSED' })
  })
})
