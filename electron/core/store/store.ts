// The terminal's durable local store: one sql.js database kept in memory, persisted as a snapshot
// file (`kiosk.db`) plus a write-ahead journal (`kiosk.journal`). A write the store has acknowledged
// survives a crash or a power cut; a damaged file never stops the kiosk from starting.
//
// Why a journal: sql.js can only persist by exporting the whole database (O(size)), so a durable
// write appends its statements to the journal and fdatasyncs that alone; the journal is folded into
// the snapshot (export → temp file → fsync → rename → fsync folder → empty the journal) when it has
// grown to a fraction of the snapshot, so the amortised cost of a write does not grow with the
// database, and at open and close.
//
// Why everything is synchronous inside one queue: sql.js's `export()` closes and reopens the
// database in older versions (an open transaction is lost, PRAGMAs and prepared statements reset;
// 1.16 uses the backup API but refuses to export inside a write transaction). A group of writes runs
// BEGIN → (savepoint, statements, journal append) per write → one fdatasync → COMMIT without
// yielding, so no transaction is ever open when a fold exports and no reader ever sees a write that
// is not yet durable. The cost is that one fdatasync per group blocks the event loop (well under a
// millisecond to a few milliseconds, depending on the disk); writes requested meanwhile share the
// next group's fdatasync.
//
// This file composes the parts: snapshot.ts (the snapshot file: read, keep aside, atomic replace),
// recovery.ts (what happens at open: journal replay or salvage, migrations, the issues found),
// group-commit.ts (the one write queue, group commit and folding) over connection.ts (sql.js).
import { join } from 'node:path'
import { Connection, loadSqlJs } from './connection'
import { nodeJournalIo } from './journal'
import { migrations as storeMigrations } from './migrations'
import { makePrivateFolder } from './private-files'
import { recoverAtOpen } from './recovery'
import { createWriteQueue } from './group-commit'
import { openSnapshot, SNAPSHOT_FILE, timestampForFileName } from './snapshot'
import { messageOf, StoreError } from './store-error'
import type { OpenStoreOptions, Store, StoreIssue } from './store-types'

export { defaultWasmPath } from './connection'
export { StoreError, type StoreErrorCode } from './store-error'
export type * from './store-types'

const JOURNAL_FILE = 'kiosk.journal'
const DEFAULT_FOLD_MIN_JOURNAL_BYTES = 1024 * 1024

/**
 * Opens (or creates) the store in `dataDir`. It always opens: a corrupt or unreadable snapshot is
 * renamed to `kiosk.db.corrupt-<timestamp>`, a fresh database is created (what the journal still
 * holds is salvaged into it), and the recovery is reported as a `STORE_RECOVERED` issue in
 * {@link Store.openIssues} and through `onIssue`. The store knows nothing of the audit log: the
 * caller audits the open issues (`storeIssueEntry` in audit.ts) and re-syncs reference data.
 *
 * @example
 * const store = await openStore({ dataDir, wasmPath: defaultWasmPath(), clock: { now: Date.now } })
 * await store.write([{ sql: 'INSERT INTO settings (key, value) VALUES (?, ?)', params: ['hall', 'A'] }])
 * store.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', ['hall'])
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { dataDir, clock } = options
  const sql = await loadSqlJs(options.wasmPath)
  try {
    makePrivateFolder(dataDir) // 0700, and its files 0600 (an older version made them 0644)
  } catch (error) {
    throw new StoreError('STORE_OPEN_FAILED', `data folder: ${messageOf(error)}`, { cause: error })
  }
  const snapshotPath = join(dataDir, SNAPSHOT_FILE)

  const openIssues: StoreIssue[] = []
  let ready = false
  const report = (code: StoreIssue['code'], detail: string): void => {
    const issue: StoreIssue = { code, detail, at: clock.now() }
    if (!ready) openIssues.push(issue)
    options.onIssue?.(issue)
  }

  const stamp = timestampForFileName(clock.now())
  const snapshot = openSnapshot(sql, snapshotPath, stamp)
  const connection = new Connection(snapshot.db)
  const recovered = recoverAtOpen({
    connection,
    snapshot,
    journalPath: join(dataDir, JOURNAL_FILE),
    journalIo: options.journalIo ?? nodeJournalIo,
    schema: options.migrations ?? storeMigrations,
    stamp,
    report,
  })
  const queue = createWriteQueue({
    connection,
    journal: recovered.journal,
    snapshotPath,
    appliedSeq: recovered.appliedSeq,
    snapshotBytes: snapshot.bytes,
    recordsSinceFold: recovered.journalRecords,
    foldEvery: options.foldEvery,
    foldMinJournalBytes: options.foldMinJournalBytes ?? DEFAULT_FOLD_MIN_JOURNAL_BYTES,
    report,
  })
  // What was replayed or salvaged becomes the snapshot now, and the journal starts empty.
  queue.foldReporting()

  const store: Store = {
    dataDir,
    openIssues,
    all: connection.reader.all,
    get: connection.reader.get,
    write: queue.write,
    fold: queue.fold,
    close: queue.close,
    stats: queue.stats,
  }

  if (recovered.recovery) report('STORE_RECOVERED', recovered.recovery)
  ready = true
  return store
}
