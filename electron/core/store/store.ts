// The terminal's durable local store: one sql.js database kept in memory, persisted as a snapshot
// file (`kiosk.db`) plus a write-ahead journal (`kiosk.journal`). See ARCHITECTURE.md "Data" and
// RELIABILITY-SECURITY.md promise 1.
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
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import initSqlJs, {
  type BindParams,
  type Database,
  type SqlJsStatic,
  type Statement as SqlJsStatement,
} from 'sql.js'
import { appendAuditEntry } from './audit'
import { Journal, type JournalIo, type JournalRecord, nodeJournalIo } from './journal'
import { migrations as storeMigrations, type Migration } from './migrations'
import { writeFileDurably } from './durable-file'
import { makePrivateFolder } from './private-files'

/** A value the store binds into SQL. Booleans and objects are the caller's to encode. */
export type SqlParam = string | number | null
/** Positional (`?`) or named (`:name`, `$name`, `@name`) parameters. */
export type SqlParams = readonly SqlParam[] | Readonly<Record<string, SqlParam>>

/**
 * One SQL statement of a write. Without params `sql` may hold several statements. Statements must
 * be deterministic (no `random()`, `datetime('now')`, …): they are replayed from the journal after a
 * crash and must produce the same rows. Pass times and ids in as params. No BEGIN/COMMIT: the store
 * wraps each write in its own transaction.
 */
export interface Statement {
  sql: string
  params?: SqlParams
}

/** Source of the current time in epoch milliseconds (injected so tests control it). */
export interface Clock {
  now(): number
}

/** Something the status bar and the audit log should know about; the store carried on. */
export interface StoreIssue {
  code:
    | 'STORE_RECOVERED'
    | 'STORE_JOURNAL_TAIL_DISCARDED'
    | 'STORE_JOURNAL_RECORD_SKIPPED'
    | 'STORE_FOLD_FAILED'
    /** A write could not reach the disk (detail: the errno code, e.g. ENOSPC); once per streak. */
    | 'STORE_WRITE_FAILED'
    /** Writes reach the disk again after a STORE_WRITE_FAILED streak. */
    | 'STORE_WRITE_RESTORED'
  detail: string
  at: number
}

/** Stable codes of the errors the store throws (rejects with). */
export type StoreErrorCode =
  /** The journal could not be written or synced (disk full, I/O error). Nothing was applied. */
  | 'STORE_WRITE_FAILED'
  /** A statement failed (constraint, syntax). Nothing was applied. */
  | 'STORE_SQL_FAILED'
  /** The store was closed. */
  | 'STORE_CLOSED'
  /** The data folder or the journal cannot be created or opened (openStore rejects with it). */
  | 'STORE_OPEN_FAILED'

/** The store's typed error; the process stays up and the caller reports `code`. */
export class StoreError extends Error {
  override readonly name = 'StoreError'
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Synchronous reads on the in-memory database (always committed, durable state). */
export interface StoreReader {
  /** All rows of a query, as objects keyed by column name. */
  all<Row = Record<string, SqlParam>>(sql: string, params?: SqlParams): Row[]
  /** The first row of a query, or undefined. */
  get<Row = Record<string, SqlParam>>(sql: string, params?: SqlParams): Row | undefined
}

/** Options of one write. */
export interface WriteOptions {
  /**
   * Wait for the journal record to reach the disk before resolving (default true). `false` suits
   * re-syncable data (reference data): the record is still journaled in order and becomes durable
   * with the next synced write or fold.
   */
  sync?: boolean
}

/** What a write did. */
export interface WriteResult {
  /** Journal sequence number of the write, or null when the plan produced no statements. */
  seq: number | null
  /** Rows changed by the statements. */
  changes: number
  /** `last_insert_rowid()` after the statements. */
  lastInsertRowid: number
}

/**
 * A write: statements, or a function that reads the current state and returns them. The function
 * runs inside the write queue, so what it reads cannot change before its statements apply (use it
 * for check-then-insert, such as idempotent enqueue or the audit hash chain).
 */
export type WritePlan = readonly Statement[] | ((read: StoreReader) => readonly Statement[])

/** Counters for the status view and tests. */
export interface StoreStats {
  appliedSeq: number
  journalBytes: number
  snapshotBytes: number
  recordsSinceFold: number
  folds: number
}

/** The open store. Create it with {@link openStore}. */
export interface Store extends StoreReader {
  /** The folder holding `kiosk.db` and `kiosk.journal`. */
  readonly dataDir: string
  /** Issues found while opening (a recovered database, a discarded journal tail). */
  readonly openIssues: readonly StoreIssue[]
  /**
   * Applies a write atomically. With `sync` (the default) the promise resolves only after the write
   * is on disk: that is the moment a screen may say "submitted". Rejects with a {@link StoreError}.
   */
  write(plan: WritePlan, options?: WriteOptions): Promise<WriteResult>
  /** Folds the journal into the snapshot now (e.g. when the terminal is idle). */
  fold(): Promise<void>
  /** Folds and closes. Further calls reject with `STORE_CLOSED`. */
  close(): Promise<void>
  stats(): StoreStats
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Folder for the database files; created if missing. */
  dataDir: string
  /** Path of `sql-wasm.wasm`; the packaged app passes its own, others use {@link defaultWasmPath}. */
  wasmPath: string
  clock: Clock
  /** Terminal id written into the audit entry of a recovery (default 'unknown'). */
  terminalId?: string
  /** Also fold after this many journal records (default: only by size). */
  foldEvery?: number
  /** Fold once the journal exceeds max(this, half the snapshot size) (default 1 MiB). */
  foldMinJournalBytes?: number
  /** Called for every issue, at open and later (fold failures). */
  onIssue?: (issue: StoreIssue) => void
  /** @internal Fault injection for the journal's file operations. */
  journalIo?: JournalIo
  /** @internal Replaces the schema (tests of the migration mechanism). */
  migrations?: readonly Migration[]
}

const SNAPSHOT_FILE = 'kiosk.db'
const JOURNAL_FILE = 'kiosk.journal'
const DEFAULT_FOLD_MIN_JOURNAL_BYTES = 1024 * 1024
const MAX_PREPARED = 200
/** At most this many writes share one transaction and one fdatasync. */
const MAX_GROUP_COMMIT = 256

interface PendingWrite {
  plan: WritePlan
  sync: boolean
  resolve: (result: WriteResult) => void
  reject: (error: unknown) => void
}

/** Where `sql-wasm.wasm` is in node_modules (development, tests, the web host). */
export function defaultWasmPath(): string {
  const resolver = typeof require === 'function' ? require : createRequire(import.meta.url)
  return resolver.resolve('sql.js/dist/sql-wasm.wasm')
}

const sqlJsByWasmPath = new Map<string, Promise<SqlJsStatic>>()

/** Loads sql.js once per wasm path. The binary is read with fs, which also works inside an asar. */
function loadSqlJs(wasmPath: string): Promise<SqlJsStatic> {
  let loading = sqlJsByWasmPath.get(wasmPath)
  if (!loading) {
    loading = initSqlJs({ wasmBinary: readFileSync(wasmPath) })
    loading.catch(() => sqlJsByWasmPath.delete(wasmPath))
    sqlJsByWasmPath.set(wasmPath, loading)
  }
  return loading
}

const BOOTSTRAP_SQL = `
  CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT OR IGNORE INTO store_meta (key, value) VALUES ('applied_seq', '0'), ('schema_version', '0');
`

type SnapshotLoad =
  | { kind: 'ok'; db: Database; bytes: number }
  | { kind: 'missing' }
  | { kind: 'bad'; reason: string }

function loadSnapshot(sql: SqlJsStatic, path: string): SnapshotLoad {
  if (!existsSync(path)) return { kind: 'missing' }
  let data: Buffer
  try {
    data = readFileSync(path)
  } catch (error) {
    return { kind: 'bad', reason: `unreadable: ${messageOf(error)}` }
  }
  // An empty buffer would open as a new, empty database; a snapshot is never written empty.
  if (data.length === 0) return { kind: 'bad', reason: 'empty file' }
  let db: Database | undefined
  try {
    db = new sql.Database(data)
    const check = db.exec('PRAGMA integrity_check')
    const verdict = check[0]?.values.map((row) => String(row[0])).join('; ')
    if (verdict !== 'ok') throw new Error(`integrity_check: ${verdict ?? 'no answer'}`)
    const meta = db.exec("SELECT value FROM store_meta WHERE key = 'applied_seq'")
    if (meta[0]?.values[0] === undefined) throw new Error('not a kiosk store (no store_meta)')
    return { kind: 'ok', db, bytes: data.length }
  } catch (error) {
    try {
      db?.close()
    } catch {
      // The handle of a malformed file may refuse to close; it is dropped either way.
    }
    return { kind: 'bad', reason: messageOf(error) }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The errno code of a file-system error (`ENOSPC`, `EIO`...), else `unknown`: never a path. */
function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : 'unknown'
}

function timestampForFileName(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[:.]/g, '-')
}

function toBind(params: SqlParams | undefined): BindParams | undefined {
  if (params === undefined) return undefined
  return (Array.isArray(params) ? [...params] : { ...params }) as BindParams
}

/** Journal body of a write: the statements, in order. */
interface JournalBody {
  v: 1
  s: [string, SqlParams | null][]
}

function encodeBody(statements: readonly Statement[]): Buffer {
  const body: JournalBody = { v: 1, s: statements.map((s) => [s.sql, s.params ?? null]) }
  return Buffer.from(JSON.stringify(body), 'utf8')
}

function decodeBody(record: JournalRecord): Statement[] {
  const body = JSON.parse(record.body.toString('utf8')) as JournalBody
  if (body.v !== 1 || !Array.isArray(body.s)) throw new Error(`unknown journal body version`)
  return body.s.map(([sql, params]) => (params === null ? { sql } : { sql, params }))
}

/**
 * Opens (or creates) the store in `dataDir`. It always opens: a corrupt or unreadable snapshot is
 * renamed to `kiosk.db.corrupt-<timestamp>`, a fresh database is created (what the journal still
 * holds is salvaged into it), the recovery is written to the audit log and reported as a
 * `STORE_RECOVERED` issue in {@link Store.openIssues} and through `onIssue`. Reference data must
 * then be re-synced by the caller.
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
  const journalPath = join(dataDir, JOURNAL_FILE)
  const schema = options.migrations ?? storeMigrations
  const foldMinJournalBytes = options.foldMinJournalBytes ?? DEFAULT_FOLD_MIN_JOURNAL_BYTES

  const openIssues: StoreIssue[] = []
  let ready = false
  const report = (code: StoreIssue['code'], detail: string): void => {
    const issue: StoreIssue = { code, detail, at: clock.now() }
    if (!ready) openIssues.push(issue)
    options.onIssue?.(issue)
  }

  // 1. The snapshot, or a fresh database.
  const loaded = loadSnapshot(sql, snapshotPath)
  let db: Database
  let snapshotBytes = 0
  let recovery: string | undefined
  const stamp = timestampForFileName(clock.now())
  if (loaded.kind === 'ok') {
    db = loaded.db
    snapshotBytes = loaded.bytes
  } else {
    db = new sql.Database()
    if (loaded.kind === 'bad') {
      const asidePath = `${snapshotPath}.corrupt-${stamp}`
      let kept: string
      try {
        renameSync(snapshotPath, asidePath)
        kept = `kept aside as ${asidePath}`
      } catch (error) {
        kept = `could not be kept aside (${messageOf(error)}); it will be replaced`
      }
      recovery = `database file was unusable (${loaded.reason}); ${kept}; a fresh store was created`
    }
  }
  db.run(BOOTSTRAP_SQL)
  tuneConnection(db)
  // applied_seq in store_meta is only brought up to date right before a fold exports the
  // database: the snapshot is the only place it is read from, and one statement less per write.
  let appliedSeq = Number(readMeta(db, 'applied_seq'))

  // Prepared statements, reused across writes and reads (preparing costs more than running a
  // small statement). They are all freed before every export(), which in older sql.js versions
  // closes and reopens the database and invalidates them.
  const prepared = new Map<string, SqlJsStatement>()
  const statementFor = (query: string): SqlJsStatement => {
    let statement = prepared.get(query)
    if (!statement) {
      if (prepared.size >= MAX_PREPARED) freePrepared()
      statement = db.prepare(query)
      prepared.set(query, statement)
    }
    return statement
  }
  const freePrepared = (): void => {
    for (const statement of prepared.values()) statement.free()
    prepared.clear()
  }
  /** Runs one statement to completion; returns the rows changed. */
  const runStatement = (query: string, params?: SqlParams): number => {
    if (params === undefined) {
      // Without parameters the text may hold several statements (migrations): exec runs them all.
      db.run(query)
      return db.getRowsModified()
    }
    const statement = statementFor(query)
    try {
      statement.bind(toBind(params))
      while (statement.step()) {
        // Rows of a RETURNING clause or a stray SELECT are not the write's business.
      }
    } finally {
      statement.reset()
    }
    return db.getRowsModified()
  }

  let closed = false
  const reader: StoreReader = {
    all<Row>(query: string, params?: SqlParams): Row[] {
      if (closed) throw new StoreError('STORE_CLOSED', 'the store is closed')
      const statement = statementFor(query)
      try {
        if (params !== undefined) statement.bind(toBind(params))
        const rows: Row[] = []
        while (statement.step()) rows.push(statement.getAsObject() as Row)
        return rows
      } finally {
        statement.reset()
      }
    },
    get<Row>(query: string, params?: SqlParams): Row | undefined {
      return reader.all<Row>(query, params)[0]
    },
  }

  // 2. The journal: whole records up to the first torn or corrupt one.
  let opened: ReturnType<typeof Journal.open>
  try {
    opened = Journal.open(journalPath, options.journalIo ?? nodeJournalIo)
  } catch (error) {
    db.close()
    throw new StoreError('STORE_OPEN_FAILED', `journal: ${messageOf(error)}`, { cause: error })
  }
  const { journal, scan } = opened
  if (scan.discardedBytes > 0) {
    report(
      'STORE_JOURNAL_TAIL_DISCARDED',
      `${scan.discardedBytes} bytes after ${scan.records.length} records discarded (${scan.stopReason})`,
    )
    try {
      journal.discardTail()
    } catch {
      // The next append retries the truncation.
    }
  }
  // Without its snapshot the journal's records no longer apply in sequence: salvage them one by one.
  const firstSeq = scan.records[0]?.seq
  const salvage =
    loaded.kind === 'bad' || (loaded.kind === 'missing' && firstSeq !== undefined && firstSeq > 1)
  if (loaded.kind === 'missing' && salvage) {
    recovery = `database file was missing but the journal starts at record ${firstSeq}; a fresh store was created`
  }
  const keepJournalAside = (why: string): string => {
    const asidePath = `${journalPath}.corrupt-${stamp}`
    try {
      copyFileSync(journalPath, asidePath)
      return `${why}; journal copied to ${asidePath}`
    } catch (error) {
      return `${why}; journal could not be copied (${messageOf(error)})`
    }
  }

  let inTransaction = false
  const applyInTransaction = (
    statements: readonly Statement[],
    seq: number,
    beforeCommit?: () => void,
  ): WriteResult => {
    runStatement('BEGIN', [])
    inTransaction = true
    let changes = 0
    let lastInsertRowid: number
    try {
      for (const statement of statements) changes += runStatement(statement.sql, statement.params)
      lastInsertRowid = Number(reader.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id)
    } catch (error) {
      rollback()
      throw new StoreError('STORE_SQL_FAILED', messageOf(error), { cause: error })
    }
    try {
      beforeCommit?.()
    } catch (error) {
      rollback()
      throw new StoreError('STORE_WRITE_FAILED', messageOf(error), { cause: error })
    }
    runStatement('COMMIT', [])
    inTransaction = false
    appliedSeq = seq
    return { seq, changes, lastInsertRowid }
  }
  const rollback = (): void => {
    try {
      runStatement('ROLLBACK', [])
    } catch {
      // SQLite already rolled back (some errors end the transaction themselves).
    }
    inTransaction = false
  }

  // 3. Replay (or salvage) the journal, then bring the schema up to date.
  const runMigrations = (journaled: boolean): void => {
    const current = Number(readMeta(db, 'schema_version'))
    for (const migration of schema) {
      if (migration.version <= current) continue
      const statements: Statement[] = [
        { sql: migration.up },
        {
          sql: "UPDATE store_meta SET value = ? WHERE key = 'schema_version'",
          params: [String(migration.version)],
        },
      ]
      const seq = appliedSeq + 1
      applyInTransaction(
        statements,
        seq,
        journaled ? () => journal.append(seq, encodeBody(statements), true) : undefined,
      )
    }
  }

  if (salvage) {
    runMigrations(false)
    let salvaged = 0
    let lastSeq = appliedSeq
    for (const record of scan.records) {
      try {
        applyInTransaction(decodeBody(record), record.seq)
        salvaged++
      } catch {
        // Best effort: a record that depended on lost rows is dropped (the copy keeps it).
      }
      lastSeq = Math.max(lastSeq, record.seq)
    }
    // The old records stay in the journal until the fold below has made the salvage durable; with
    // applied_seq past them they are skipped if we crash before that.
    appliedSeq = lastSeq
    if (scan.records.length > 0) {
      recovery = keepJournalAside(
        `${recovery}; ${salvaged} of ${scan.records.length} journal records salvaged`,
      )
    }
  } else {
    let skipped: string | undefined
    for (const record of scan.records) {
      if (record.seq <= appliedSeq) continue
      if (record.seq !== appliedSeq + 1) {
        skipped = `journal jumps from record ${appliedSeq} to ${record.seq}; the rest was not applied`
        break
      }
      try {
        applyInTransaction(decodeBody(record), record.seq)
      } catch (error) {
        // Cannot happen for records the store wrote itself (they applied once already); skip it
        // rather than refuse to start.
        appliedSeq = record.seq
        skipped = `record ${record.seq} failed to apply (${messageOf(error)})`
      }
    }
    if (skipped) report('STORE_JOURNAL_RECORD_SKIPPED', keepJournalAside(skipped))
    runMigrations(true)
  }

  // 4. State, the queue, folding.
  let recordsSinceFold = scan.records.length
  let folds = 0
  let foldQueued = false
  let tail: Promise<unknown> = Promise.resolve()
  const enqueue = <T>(task: () => T): Promise<T> => {
    const run = tail.then(() => {
      if (closed) throw new StoreError('STORE_CLOSED', 'the store is closed')
      return task()
    })
    tail = run.catch(() => undefined)
    return run
  }

  const foldNow = (): void => {
    if (inTransaction) throw new Error('fold inside a transaction') // export() would lose it
    runStatement("UPDATE store_meta SET value = ? WHERE key = 'applied_seq'", [String(appliedSeq)])
    freePrepared()
    const data = db.export()
    tuneConnection(db) // Older sql.js versions reopen the database in export(): PRAGMAs reset.
    writeFileDurably(snapshotPath, data)
    snapshotBytes = data.length
    folds++
    recordsSinceFold = 0
    journal.reset()
  }
  const foldReporting = (): void => {
    try {
      foldNow()
    } catch (error) {
      // The journal still holds everything; the next fold tries again.
      report('STORE_FOLD_FAILED', messageOf(error))
    }
  }
  const foldDue = (): boolean =>
    journal.size >= Math.max(foldMinJournalBytes, snapshotBytes / 2) ||
    (options.foldEvery !== undefined && recordsSinceFold >= options.foldEvery)

  foldReporting()

  // Group commit: writes requested while the queue is busy (or in the same tick, such as a
  // Promise.all of outbox updates) are committed together — one transaction with a savepoint per
  // write, one journal record per write, one fdatasync for all — and resolved after it. A write
  // whose statements fail is rolled back to its savepoint and rejected alone; a journal failure
  // rejects the whole group and cuts its records off the journal again.
  const waiting: PendingWrite[] = []
  let batchQueued = false
  /** In a streak of failed writes (reported once when it starts and once when it ends). */
  let writeFailing = false
  const scheduleBatch = (): void => {
    if (batchQueued) return
    batchQueued = true
    enqueue(() => {
      batchQueued = false
      const batch = waiting.splice(0, MAX_GROUP_COMMIT)
      if (waiting.length > 0) scheduleBatch()
      commitGroup(batch)
    }).catch((error: unknown) => {
      // Only when the store was closed before the group ran.
      batchQueued = false
      for (const pending of waiting.splice(0)) pending.reject(error)
    })
  }

  const commitGroup = (group: PendingWrite[]): void => {
    const startSeq = appliedSeq
    const startJournalBytes = journal.size
    const startRecordsSinceFold = recordsSinceFold
    const done: { pending: PendingWrite; result: WriteResult }[] = []
    const rejectedAlone = new Set<PendingWrite>()
    const rejectAlone = (pending: PendingWrite, error: unknown): void => {
      rejectedAlone.add(pending)
      pending.reject(error)
    }
    let needsSync = false
    try {
      runStatement('BEGIN', [])
      inTransaction = true
      for (const pending of group) {
        let statements: readonly Statement[]
        try {
          statements = typeof pending.plan === 'function' ? pending.plan(reader) : pending.plan
        } catch (error) {
          rejectAlone(pending, error)
          continue
        }
        if (statements.length === 0) {
          done.push({ pending, result: { seq: null, changes: 0, lastInsertRowid: 0 } })
          continue
        }
        const seq = appliedSeq + 1
        runStatement('SAVEPOINT store_write', [])
        let changes = 0
        let lastInsertRowid: number
        try {
          for (const statement of statements) {
            changes += runStatement(statement.sql, statement.params)
          }
          lastInsertRowid = Number(
            reader.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id,
          )
        } catch (error) {
          // If SQLite ended the whole transaction itself, this throws and the group fails.
          runStatement('ROLLBACK TO store_write', [])
          runStatement('RELEASE store_write', [])
          rejectAlone(
            pending,
            new StoreError('STORE_SQL_FAILED', messageOf(error), { cause: error }),
          )
          continue
        }
        runStatement('RELEASE store_write', [])
        journal.append(seq, encodeBody(statements), false)
        needsSync ||= pending.sync
        appliedSeq = seq
        recordsSinceFold++
        done.push({ pending, result: { seq, changes, lastInsertRowid } })
      }
      if (needsSync && journal.size > startJournalBytes) journal.sync()
      runStatement('COMMIT', [])
      inTransaction = false
    } catch (error) {
      rollback()
      appliedSeq = startSeq
      recordsSinceFold = startRecordsSinceFold
      try {
        journal.truncateTo(startJournalBytes)
      } catch {
        // The journal stays marked dirty and cuts the records off before its next append.
      }
      const failure = new StoreError('STORE_WRITE_FAILED', messageOf(error), { cause: error })
      for (const pending of group) if (!rejectedAlone.has(pending)) pending.reject(failure)
      if (!writeFailing) {
        writeFailing = true
        report('STORE_WRITE_FAILED', errnoOf(error))
      }
      return
    }
    if (writeFailing && done.some(({ result }) => result.seq !== null)) {
      writeFailing = false
      report('STORE_WRITE_RESTORED', '')
    }
    for (const { pending, result } of done) pending.resolve(result)
    if (!foldQueued && foldDue()) {
      foldQueued = true
      void enqueue(() => {
        foldQueued = false
        foldReporting()
      }).catch(() => undefined)
    }
  }

  const store: Store = {
    dataDir,
    openIssues,
    all: reader.all,
    get: reader.get,
    write(plan, writeOptions) {
      return new Promise<WriteResult>((resolve, reject) => {
        waiting.push({ plan, sync: writeOptions?.sync ?? true, resolve, reject })
        scheduleBatch()
      })
    },
    fold() {
      return enqueue(() => {
        try {
          foldNow()
        } catch (error) {
          throw new StoreError('STORE_WRITE_FAILED', `fold failed: ${messageOf(error)}`, {
            cause: error,
          })
        }
      })
    },
    close() {
      return enqueue(() => {
        foldReporting()
        closed = true
        journal.close()
        freePrepared()
        db.close()
      })
    },
    stats: () => ({
      appliedSeq,
      journalBytes: journal.size,
      snapshotBytes,
      recordsSinceFold,
      folds,
    }),
  }

  if (recovery) report('STORE_RECOVERED', recovery)
  // Everything found at open goes into the audit log as well as to the status bar.
  for (const issue of [...openIssues]) {
    try {
      await appendAuditEntry(store, {
        terminalId: options.terminalId ?? 'unknown',
        at: issue.at,
        action: issue.code === 'STORE_RECOVERED' ? 'store.recovered' : 'store.issue',
        subject: null,
        outcome: issue.code === 'STORE_RECOVERED' ? 'recovered' : 'warning',
        detail: { code: issue.code, reason: issue.detail },
      })
    } catch {
      // The issue is reported either way; a kiosk that cannot audit still starts.
    }
  }
  ready = true
  return store
}

/**
 * The in-memory database is not what makes writes durable (the journal is), so SQLite's own
 * rollback journal can live in memory instead of being created and deleted as a file in sql.js's
 * in-memory file system on every transaction. ROLLBACK still works.
 */
function tuneConnection(db: Database): void {
  db.run(
    // secure_delete: a changed or deleted row's old bytes are zeroed, not left in the file (the
    // outbox shrinks answered payloads, the receipt journal expires entries).
    'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA synchronous = OFF; PRAGMA secure_delete = ON',
  )
}

function readMeta(db: Database, key: string): string {
  const value = db.exec('SELECT value FROM store_meta WHERE key = ?', [key])[0]?.values[0]?.[0]
  return value === undefined || value === null ? '0' : String(value)
}
