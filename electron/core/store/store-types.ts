// The local store's public types: what a write is, what it returns, what the store reports. The
// store's error lives in store-error.ts, the store itself in store.ts.
import type { JournalIo } from './journal'
import type { Migration } from './migrations'

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
  /**
   * Issues found while opening (a recovered database, a discarded journal tail), as plain data:
   * the caller shows them and writes them to the audit log.
   */
  readonly openIssues: readonly StoreIssue[]
  /**
   * Applies a write atomically. With `sync` (the default) the promise resolves only after the write
   * is on disk: that is the moment a screen may say "submitted". Rejects with a `StoreError`.
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
