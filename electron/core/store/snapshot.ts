// The snapshot file (`kiosk.db`): read and checked at open, kept aside when it is unusable, and
// replaced atomically by a fold, which exports the database and empties the journal.
import { existsSync, readFileSync, renameSync } from 'node:fs'
import type { Database, SqlJsStatic } from 'sql.js'
import { type Connection, tuneConnection } from './connection'
import { writeFileDurably } from './durable-file'
import { messageOf } from './store-error'

/** The snapshot's file name inside the data folder. */
export const SNAPSHOT_FILE = 'kiosk.db'

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

/** The time part of the name of a file kept aside (`kiosk.db.corrupt-<stamp>`). */
export function timestampForFileName(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[:.]/g, '-')
}

/** The database a store opens with. */
export interface OpenedSnapshot {
  db: Database
  /** `missing`: no file (a new store); `bad`: the file was unusable and a fresh database made. */
  found: 'ok' | 'missing' | 'bad'
  bytes: number
  /** What happened to an unusable file, for the recovery issue. */
  recovery?: string
}

/**
 * Opens the snapshot, or a fresh database when there is none or it is unusable; an unusable file
 * is renamed to `kiosk.db.corrupt-<stamp>` so that nothing is lost.
 */
export function openSnapshot(sql: SqlJsStatic, path: string, stamp: string): OpenedSnapshot {
  const loaded = loadSnapshot(sql, path)
  let opened: OpenedSnapshot
  if (loaded.kind === 'ok') {
    opened = { db: loaded.db, found: 'ok', bytes: loaded.bytes }
  } else if (loaded.kind === 'missing') {
    opened = { db: new sql.Database(), found: 'missing', bytes: 0 }
  } else {
    const asidePath = `${path}.corrupt-${stamp}`
    let kept: string
    try {
      renameSync(path, asidePath)
      kept = `kept aside as ${asidePath}`
    } catch (error) {
      kept = `could not be kept aside (${messageOf(error)}); it will be replaced`
    }
    const recovery = `database file was unusable (${loaded.reason}); ${kept}; a fresh store was created`
    opened = { db: new sql.Database(), found: 'bad', bytes: 0, recovery }
  }
  opened.db.run(BOOTSTRAP_SQL)
  tuneConnection(opened.db)
  return opened
}

/**
 * Writes the database as the new snapshot, atomically (the heart of a fold): applied_seq first (the
 * snapshot is the only place it is read from), then export and a durable replace. Returns the
 * snapshot's size. Throws, with the old snapshot in place, when any step fails; emptying the
 * journal afterwards is the caller's.
 */
export function writeSnapshot(connection: Connection, path: string, appliedSeq: number): number {
  if (connection.inTransaction) throw new Error('fold inside a transaction') // export() would lose it
  connection.run("UPDATE store_meta SET value = ? WHERE key = 'applied_seq'", [String(appliedSeq)])
  connection.freePrepared()
  const data = connection.db.export()
  tuneConnection(connection.db) // Older sql.js versions reopen the database in export(): PRAGMAs reset.
  writeFileDurably(path, data)
  return data.length
}
