// The receipt journal: what was printed (or failed to print), kept masked for staff reprints and
// expired after a retention period (the disk keeps no full personal data for long).
import { randomUUID } from 'node:crypto'
import { canonicalJson } from '../../../shared/central/canonical-json'
import type { Clock, Store } from './store'

/** Print status of a journaled receipt. */
export type ReceiptStatus = 'pending' | 'printed' | 'failed'

/** Default retention: 30 days. */
export const DEFAULT_RECEIPT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000

/** What {@link ReceiptJournal.record} takes. */
export interface ReceiptRecordInput {
  /** Defaults to a new UUID. */
  id?: string
  /** `receipt`, `certificate`, … */
  kind: string
  /** The service it came from (`fund.bind`, `tax.records`, …). */
  service: string
  /**
   * The document model to reprint from, as opaque JSON. It must already be masked: the journal is
   * on disk and is scanned for personal data by the privacy test.
   */
  document: unknown
  status?: ReceiptStatus
}

/** A journaled receipt. */
export interface ReceiptEntry {
  id: string
  at: number
  kind: string
  service: string
  document: unknown
  status: ReceiptStatus
  attempts: number
  error: string | null
  expiresAt: number
}

/** The receipt journal over an open store. */
export interface ReceiptJournal {
  /** Records a receipt durably; returns its id. */
  record(input: ReceiptRecordInput): Promise<string>
  /** Newest first. */
  list(options?: { limit?: number; status?: ReceiptStatus }): ReceiptEntry[]
  get(id: string): ReceiptEntry | undefined
  /** Sets the print status; counts an attempt. */
  markStatus(id: string, status: ReceiptStatus, error?: string | null): Promise<void>
  /** Deletes expired entries; returns how many. */
  prune(): Promise<number>
}

interface ReceiptRow {
  id: string
  at: number
  kind: string
  service: string
  document: string
  status: ReceiptStatus
  attempts: number
  error: string | null
  expires_at: number
}

function rowToEntry(row: ReceiptRow): ReceiptEntry {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    service: row.service,
    document: JSON.parse(row.document) as unknown,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    expiresAt: row.expires_at,
  }
}

/** Creates the receipt journal over an open store. */
export function createReceiptJournal(
  store: Store,
  options: { clock: Clock; retentionMs?: number },
): ReceiptJournal {
  const retentionMs = options.retentionMs ?? DEFAULT_RECEIPT_RETENTION_MS
  return {
    async record(input) {
      const id = input.id ?? randomUUID()
      const at = options.clock.now()
      await store.write([
        {
          sql: `INSERT INTO receipt_journal (id, at, kind, service, document, status, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)`,
          params: [
            id,
            at,
            input.kind,
            input.service,
            canonicalJson(input.document),
            input.status ?? 'pending',
            at + retentionMs,
          ],
        },
      ])
      return id
    },

    list(listOptions = {}) {
      const params: (string | number)[] = []
      let where = ''
      if (listOptions.status) {
        where = 'WHERE status = ?'
        params.push(listOptions.status)
      }
      params.push(listOptions.limit ?? 50)
      return store
        .all<ReceiptRow>(
          `SELECT * FROM receipt_journal ${where} ORDER BY at DESC, id LIMIT ?`,
          params,
        )
        .map(rowToEntry)
    },

    get(id) {
      const row = store.get<ReceiptRow>('SELECT * FROM receipt_journal WHERE id = ?', [id])
      return row && rowToEntry(row)
    },

    async markStatus(id, status, error = null) {
      await store.write([
        {
          sql: `UPDATE receipt_journal SET status = ?, error = ?, attempts = attempts + 1
                WHERE id = ?`,
          params: [status, error, id],
        },
      ])
    },

    async prune() {
      const written = await store.write([
        { sql: 'DELETE FROM receipt_journal WHERE expires_at < ?', params: [options.clock.now()] },
      ])
      return written.changes
    },
  }
}
