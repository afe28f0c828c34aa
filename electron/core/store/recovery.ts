// What happens at open after the snapshot is loaded: the journal is read up to its first torn or
// corrupt record, its records are replayed (or, without their snapshot, salvaged one by one), the
// schema is brought up to date, and everything unusual is reported as a store issue.
import { copyFileSync } from 'node:fs'
import { type Connection, readMeta } from './connection'
import { Journal, type JournalIo } from './journal'
import { decodeBody, encodeBody } from './journal-body'
import type { Migration } from './migrations'
import type { OpenedSnapshot } from './snapshot'
import { messageOf, StoreError } from './store-error'
import type { Statement, StoreIssue } from './store-types'

/** What {@link recoverAtOpen} needs. */
export interface RecoveryInput {
  connection: Connection
  snapshot: OpenedSnapshot
  journalPath: string
  journalIo: JournalIo
  schema: readonly Migration[]
  /** The time part of the name of a journal copy kept aside. */
  stamp: string
  report: (code: StoreIssue['code'], detail: string) => void
}

/** The state the store goes on from. */
export interface Recovered {
  journal: Journal
  appliedSeq: number
  /** Records the journal held at open (they count towards the next fold). */
  journalRecords: number
  /** Set when the store was rebuilt: reported as STORE_RECOVERED once the store is ready. */
  recovery?: string
}

/**
 * Opens the journal and brings the database up to the last durable write. Throws
 * `STORE_OPEN_FAILED` (closing the database) only when the journal cannot be opened at all.
 */
export function recoverAtOpen(input: RecoveryInput): Recovered {
  const { connection, snapshot, journalPath, stamp, report } = input
  // applied_seq in store_meta is only brought up to date right before a fold exports the
  // database: the snapshot is the only place it is read from, and one statement less per write.
  let appliedSeq = Number(readMeta(connection.db, 'applied_seq'))
  let recovery = snapshot.recovery

  // The journal: whole records up to the first torn or corrupt one.
  let opened: ReturnType<typeof Journal.open>
  try {
    opened = Journal.open(journalPath, input.journalIo)
  } catch (error) {
    connection.db.close()
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
    snapshot.found === 'bad' ||
    (snapshot.found === 'missing' && firstSeq !== undefined && firstSeq > 1)
  if (snapshot.found === 'missing' && salvage) {
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

  const runMigrations = (journaled: boolean): void => {
    const current = Number(readMeta(connection.db, 'schema_version'))
    for (const migration of input.schema) {
      if (migration.version <= current) continue
      const statements: Statement[] = [
        { sql: migration.up },
        {
          sql: "UPDATE store_meta SET value = ? WHERE key = 'schema_version'",
          params: [String(migration.version)],
        },
      ]
      const seq = appliedSeq + 1
      connection.applyInTransaction(
        statements,
        journaled ? () => journal.append(seq, encodeBody(statements), true) : undefined,
      )
      appliedSeq = seq
    }
  }

  if (salvage) {
    runMigrations(false)
    let salvaged = 0
    let lastSeq = appliedSeq
    for (const record of scan.records) {
      try {
        connection.applyInTransaction(decodeBody(record))
        appliedSeq = record.seq
        salvaged++
      } catch {
        // Best effort: a record that depended on lost rows is dropped (the copy keeps it).
      }
      lastSeq = Math.max(lastSeq, record.seq)
    }
    // The old records stay in the journal until the first fold has made the salvage durable; with
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
        connection.applyInTransaction(decodeBody(record))
        appliedSeq = record.seq
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
  return {
    journal,
    appliedSeq,
    journalRecords: scan.records.length,
    ...(recovery === undefined ? {} : { recovery }),
  }
}
