// The one sql.js connection of the store: loading sql.js, the connection's settings, prepared
// statements, reads, and the transactions the store wraps every write in.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import initSqlJs, {
  type BindParams,
  type Database,
  type SqlJsStatic,
  type Statement as SqlJsStatement,
} from 'sql.js'
import { messageOf, StoreError } from './store-error'
import type { SqlParams, Statement, StoreReader } from './store-types'

const MAX_PREPARED = 200

/** Where `sql-wasm.wasm` is in node_modules (development, tests, the web host). */
export function defaultWasmPath(): string {
  const resolver = typeof require === 'function' ? require : createRequire(import.meta.url)
  return resolver.resolve('sql.js/dist/sql-wasm.wasm')
}

const sqlJsByWasmPath = new Map<string, Promise<SqlJsStatic>>()

/** Loads sql.js once per wasm path. The binary is read with fs, which also works inside an asar. */
export function loadSqlJs(wasmPath: string): Promise<SqlJsStatic> {
  let loading = sqlJsByWasmPath.get(wasmPath)
  if (!loading) {
    loading = initSqlJs({ wasmBinary: readFileSync(wasmPath) })
    loading.catch(() => sqlJsByWasmPath.delete(wasmPath))
    sqlJsByWasmPath.set(wasmPath, loading)
  }
  return loading
}

/**
 * The in-memory database is not what makes writes durable (the journal is), so SQLite's own
 * rollback journal can live in memory instead of being created and deleted as a file in sql.js's
 * in-memory file system on every transaction. ROLLBACK still works.
 */
export function tuneConnection(db: Database): void {
  db.run(
    // secure_delete: a changed or deleted row's old bytes are zeroed, not left in the file (the
    // outbox shrinks answered payloads, the receipt journal expires entries).
    'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA synchronous = OFF; PRAGMA secure_delete = ON',
  )
}

/** A value of the `store_meta` table ('0' when missing). */
export function readMeta(db: Database, key: string): string {
  const value = db.exec('SELECT value FROM store_meta WHERE key = ?', [key])[0]?.values[0]?.[0]
  return value === undefined || value === null ? '0' : String(value)
}

function toBind(params: SqlParams | undefined): BindParams | undefined {
  if (params === undefined) return undefined
  return (Array.isArray(params) ? [...params] : { ...params }) as BindParams
}

/** What the statements of one transaction (or savepoint) did. */
export interface Applied {
  changes: number
  lastInsertRowid: number
}

/**
 * The store's connection. Prepared statements are reused across writes and reads (preparing costs
 * more than running a small statement); they are all freed before every export(), which in older
 * sql.js versions closes and reopens the database and invalidates them.
 */
export class Connection {
  /** A transaction is open: a fold must not export now (export() would lose it). */
  inTransaction = false
  /** The store was closed: reads and queued tasks refuse. */
  closed = false
  private readonly prepared = new Map<string, SqlJsStatement>()

  constructor(readonly db: Database) {}

  /** Synchronous reads of committed state. */
  readonly reader: StoreReader = {
    all: <Row>(query: string, params?: SqlParams): Row[] => {
      if (this.closed) throw new StoreError('STORE_CLOSED', 'the store is closed')
      const statement = this.statementFor(query)
      try {
        if (params !== undefined) statement.bind(toBind(params))
        const rows: Row[] = []
        while (statement.step()) rows.push(statement.getAsObject() as Row)
        return rows
      } finally {
        statement.reset()
      }
    },
    get: <Row>(query: string, params?: SqlParams): Row | undefined =>
      this.reader.all<Row>(query, params)[0],
  }

  private statementFor(query: string): SqlJsStatement {
    let statement = this.prepared.get(query)
    if (!statement) {
      if (this.prepared.size >= MAX_PREPARED) this.freePrepared()
      statement = this.db.prepare(query)
      this.prepared.set(query, statement)
    }
    return statement
  }

  freePrepared(): void {
    for (const statement of this.prepared.values()) statement.free()
    this.prepared.clear()
  }

  /** Runs one statement to completion; returns the rows changed. */
  run(query: string, params?: SqlParams): number {
    if (params === undefined) {
      // Without parameters the text may hold several statements (migrations): exec runs them all.
      this.db.run(query)
      return this.db.getRowsModified()
    }
    const statement = this.statementFor(query)
    try {
      statement.bind(toBind(params))
      while (statement.step()) {
        // Rows of a RETURNING clause or a stray SELECT are not the write's business.
      }
    } finally {
      statement.reset()
    }
    return this.db.getRowsModified()
  }

  /** Runs the statements of one write; throws what the first failing one threw. */
  runAll(statements: readonly Statement[]): Applied {
    let changes = 0
    for (const statement of statements) changes += this.run(statement.sql, statement.params)
    const lastInsertRowid = Number(
      this.reader.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id,
    )
    return { changes, lastInsertRowid }
  }

  begin(): void {
    this.run('BEGIN', [])
    this.inTransaction = true
  }

  commit(): void {
    this.run('COMMIT', [])
    this.inTransaction = false
  }

  rollback(): void {
    try {
      this.run('ROLLBACK', [])
    } catch {
      // SQLite already rolled back (some errors end the transaction themselves).
    }
    this.inTransaction = false
  }

  /**
   * Applies one write in its own transaction (replay at open, migrations). `beforeCommit` (the
   * journal append of a migration) failing rolls the write back.
   */
  applyInTransaction(statements: readonly Statement[], beforeCommit?: () => void): Applied {
    this.begin()
    let applied: Applied
    try {
      applied = this.runAll(statements)
    } catch (error) {
      this.rollback()
      throw new StoreError('STORE_SQL_FAILED', messageOf(error), { cause: error })
    }
    try {
      beforeCommit?.()
    } catch (error) {
      this.rollback()
      throw new StoreError('STORE_WRITE_FAILED', messageOf(error), { cause: error })
    }
    this.commit()
    return applied
  }

  close(): void {
    this.closed = true
    this.freePrepared()
    this.db.close()
  }
}
