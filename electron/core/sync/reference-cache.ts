/**
 * The terminal's cache of the centre's reference data (wallet operators, FAQ, notices, business
 * types, service hours) in the store's `reference_items`, with the pull cursor in `sync_state`.
 * Server-authoritative: what the centre sends replaces what we hold. A pulled answer becomes ONE
 * store write holding its rows and its cursor, so a crash or a failed write leaves either the old
 * cache with the old cursor or the new cache with the new cursor, never a mix.
 */
import type { z } from 'zod'
import {
  REFERENCE_DATA,
  type ReferenceItem,
  type ReferenceKind,
  type CentralResponse,
} from '../../../shared/central'
import type { Statement, StoreReader } from '../store'

/** Names of the rows this module keeps in `sync_state`. */
export const SYNC_STATE_KEYS = {
  cursor: 'reference.cursor',
  /** ISO time of the last successful pull (the data was confirmed current then). */
  pulledAt: 'reference.pulledAt',
  /** ISO time the cached rows last changed. */
  updatedAt: 'reference.updatedAt',
} as const

/** A pull answer, as the contract's parser delivers it. */
export type ReferencePull = CentralResponse<'referenceData'>

/** One cached item of a kind, with its data typed by kind. */
export interface CachedReferenceItem<K extends ReferenceKind> {
  key: string
  version: number
  data: z.infer<(typeof REFERENCE_DATA)[K]>
}

/** What applying a pull will do, for the report. */
export interface ReferenceApplyPlan {
  statements: Statement[]
  upserts: number
  deletes: number
  reset: boolean
  /** False when the answer changes nothing (same cursor, no items): no write needed. */
  changes: boolean
}

/** Thrown by {@link planReferenceApply} for an answer the terminal must not apply. */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError'
}

// sql.js's SQLite allows 32766 bound variables; 200 rows × 4 keeps each INSERT small and the
// statement count of a 10 000-item snapshot at 50.
const ROWS_PER_INSERT = 200

/** Reads one `sync_state` value. */
export function readSyncState(reader: StoreReader, name: string): string | undefined {
  return reader.get<{ value: string }>('SELECT value FROM sync_state WHERE name = ?', [name])?.value
}

/** Reads the saved pull cursor (undefined before the first pull). */
export function readCursor(reader: StoreReader): string | undefined {
  return readSyncState(reader, SYNC_STATE_KEYS.cursor)
}

/**
 * Checks a pull answer beyond its schema and turns it into the statements of one write.
 * A reset deletes every cached row first; tombstones delete their row; other items are upserted.
 * When the same item appears twice, the later occurrence wins (the centre's order).
 * @throws ReferenceDataError when an item that is not a tombstone has no data
 */
export function planReferenceApply(
  pull: ReferencePull,
  previousCursor: string | undefined,
  at: Date,
): ReferenceApplyPlan {
  const latest = new Map<string, ReferenceItem>()
  for (const item of pull.items) {
    if (!item.deleted && item.data === null) {
      throw new ReferenceDataError(`${item.kind}/${item.key}: no data and not a tombstone`)
    }
    // A snapshot holds no tombstones (contract); should one slip in, it simply is not inserted.
    if (pull.reset && item.deleted) continue
    const id = JSON.stringify([item.kind, item.key])
    latest.delete(id) // re-insert so iteration order follows the last occurrence
    latest.set(id, item)
  }
  const upserts = [...latest.values()].filter((item) => !item.deleted)
  const deletes = [...latest.values()].filter((item) => item.deleted)
  const changes = pull.reset || latest.size > 0 || pull.cursor !== previousCursor
  const statements: Statement[] = []
  if (pull.reset) statements.push({ sql: 'DELETE FROM reference_items' })
  for (const item of deletes) {
    statements.push({
      sql: 'DELETE FROM reference_items WHERE kind = ? AND key = ?',
      params: [item.kind, item.key],
    })
  }
  for (let i = 0; i < upserts.length; i += ROWS_PER_INSERT) {
    const chunk = upserts.slice(i, i + ROWS_PER_INSERT)
    statements.push({
      sql:
        'INSERT OR REPLACE INTO reference_items (kind, key, version, deleted, data) VALUES ' +
        chunk.map(() => '(?, ?, ?, 0, ?)').join(', '),
      params: chunk.flatMap((item) => [
        item.kind,
        item.key,
        item.version,
        JSON.stringify(item.data),
      ]),
    })
  }
  const iso = at.toISOString()
  const saveState = (name: string, value: string): Statement => ({
    sql: 'INSERT OR REPLACE INTO sync_state (name, value) VALUES (?, ?)',
    params: [name, value],
  })
  statements.push(saveState(SYNC_STATE_KEYS.cursor, pull.cursor))
  statements.push(saveState(SYNC_STATE_KEYS.pulledAt, iso))
  if (pull.reset || latest.size > 0) statements.push(saveState(SYNC_STATE_KEYS.updatedAt, iso))
  return {
    statements,
    upserts: upserts.length,
    deletes: deletes.length,
    reset: pull.reset,
    changes,
  }
}

/**
 * The cached items of one kind, ordered by key. Rows whose stored data no longer fits the contract
 * (an older schema) are skipped rather than served.
 */
export function readReferenceItems<K extends ReferenceKind>(
  reader: StoreReader,
  kind: K,
): CachedReferenceItem<K>[] {
  const rows = reader.all<{ key: string; version: number; data: string }>(
    'SELECT key, version, data FROM reference_items WHERE kind = ? AND deleted = 0 ORDER BY key',
    [kind],
  )
  const schema = REFERENCE_DATA[kind]
  const items: CachedReferenceItem<K>[] = []
  for (const row of rows) {
    let json: unknown
    try {
      json = JSON.parse(row.data)
    } catch {
      continue
    }
    const parsed = schema.safeParse(json)
    if (parsed.success) {
      items.push({
        key: row.key,
        version: row.version,
        data: parsed.data as z.infer<(typeof REFERENCE_DATA)[K]>,
      })
    }
  }
  return items
}

/** The wallet operators a resident may choose, in display order (reference data `order`). */
export function enabledWalletOperators(
  reader: StoreReader,
): CachedReferenceItem<'walletOperator'>[] {
  return readReferenceItems(reader, 'walletOperator')
    .filter((item) => item.data.enabled)
    .sort((a, b) => a.data.order - b.data.order || a.key.localeCompare(b.key))
}

/** Reads cached items of any kind; none at all when the terminal has no store. */
export type ReferenceReader = <K extends ReferenceKind>(kind: K) => CachedReferenceItem<K>[]

/** The reader over `store`, or one that finds nothing when the store could not be opened. */
export function referenceReader(store: StoreReader | null): ReferenceReader {
  return (kind) => (store ? readReferenceItems(store, kind) : [])
}

/** The bilingual labels of one domain's business types, by code (`fund` or `tax`). */
export function businessTypeLabels(
  items: readonly CachedReferenceItem<'businessType'>[],
  domain: string,
): Record<string, { zh: string; en: string }> {
  const labels: Record<string, { zh: string; en: string }> = {}
  for (const item of items)
    if (item.data.domain === domain) labels[item.data.code] = item.data.label
  return labels
}
