// The store's one write queue. Writes, folds and close run in it one after another, each without
// yielding, so no transaction is open when a fold exports and no reader sees a write that is not
// yet durable. Writes requested while the queue is busy share one transaction and one fdatasync.
import type { Connection } from './connection'
import type { Journal } from './journal'
import { encodeBody } from './journal-body'
import { writeSnapshot } from './snapshot'
import { errnoOf, messageOf, StoreError } from './store-error'
import type {
  Statement,
  StoreIssue,
  StoreStats,
  WriteOptions,
  WritePlan,
  WriteResult,
} from './store-types'

/** At most this many writes share one transaction and one fdatasync. */
const MAX_GROUP_COMMIT = 256

interface PendingWrite {
  plan: WritePlan
  sync: boolean
  resolve: (result: WriteResult) => void
  reject: (error: unknown) => void
}

/** What {@link createWriteQueue} needs: the recovered store and when to fold. */
export interface WriteQueueOptions {
  connection: Connection
  journal: Journal
  snapshotPath: string
  /** Last write applied (and journaled) when the queue starts. */
  appliedSeq: number
  snapshotBytes: number
  /** Journal records not yet folded into the snapshot. */
  recordsSinceFold: number
  /** Also fold after this many journal records (default: only by size). */
  foldEvery: number | undefined
  /** Fold once the journal exceeds max(this, half the snapshot size). */
  foldMinJournalBytes: number
  report: (code: StoreIssue['code'], detail: string) => void
}

/** The queue a store's writes, folds and close go through. */
export interface WriteQueue {
  write(plan: WritePlan, options?: WriteOptions): Promise<WriteResult>
  /** Folds now, in the queue; rejects with `STORE_WRITE_FAILED` when the fold fails. */
  fold(): Promise<void>
  /** Folds now, outside the queue (at open); a failure is reported, not thrown. */
  foldReporting(): void
  /** Folds (a failure is reported), then closes the journal and the database. */
  close(): Promise<void>
  stats(): StoreStats
}

/** Creates the write queue over a store that has been recovered. */
export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const { connection, journal, report } = options
  let { appliedSeq, snapshotBytes, recordsSinceFold } = options
  let folds = 0
  let foldQueued = false
  let tail: Promise<unknown> = Promise.resolve()
  const enqueue = <T>(task: () => T): Promise<T> => {
    const run = tail.then(() => {
      if (connection.closed) throw new StoreError('STORE_CLOSED', 'the store is closed')
      return task()
    })
    tail = run.catch(() => undefined)
    return run
  }

  const foldNow = (): void => {
    snapshotBytes = writeSnapshot(connection, options.snapshotPath, appliedSeq)
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
    journal.size >= Math.max(options.foldMinJournalBytes, snapshotBytes / 2) ||
    (options.foldEvery !== undefined && recordsSinceFold >= options.foldEvery)

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
      connection.begin()
      for (const pending of group) {
        let statements: readonly Statement[]
        try {
          statements =
            typeof pending.plan === 'function' ? pending.plan(connection.reader) : pending.plan
        } catch (error) {
          rejectAlone(pending, error)
          continue
        }
        if (statements.length === 0) {
          done.push({ pending, result: { seq: null, changes: 0, lastInsertRowid: 0 } })
          continue
        }
        const seq = appliedSeq + 1
        connection.run('SAVEPOINT store_write', [])
        let applied: { changes: number; lastInsertRowid: number }
        try {
          applied = connection.runAll(statements)
        } catch (error) {
          // If SQLite ended the whole transaction itself, this throws and the group fails.
          connection.run('ROLLBACK TO store_write', [])
          connection.run('RELEASE store_write', [])
          rejectAlone(
            pending,
            new StoreError('STORE_SQL_FAILED', messageOf(error), { cause: error }),
          )
          continue
        }
        connection.run('RELEASE store_write', [])
        journal.append(seq, encodeBody(statements), false)
        needsSync ||= pending.sync
        appliedSeq = seq
        recordsSinceFold++
        done.push({ pending, result: { seq, ...applied } })
      }
      if (needsSync && journal.size > startJournalBytes) journal.sync()
      connection.commit()
    } catch (error) {
      connection.rollback()
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

  return {
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
    foldReporting,
    close() {
      return enqueue(() => {
        foldReporting()
        connection.closed = true
        journal.close()
        connection.close()
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
}
