// The audit log (docs/audit.md): every resident transaction and staff action appends an entry;
// each entry's hash covers the previous entry's hash, so editing, removing or reordering an entry
// breaks the chain at that point and `verify()` names it.
import { canonicalJson } from '../../../shared/central/canonical-json'
import { sha256Hex } from './fingerprint'
import type { Clock, Store, StoreIssue, StoreReader } from './store'

/** The hash the first entry of a new chain links to. */
export const GENESIS_HASH = '0'.repeat(64)

/** What the caller records. `subject` must already be masked (shared/domain/masking.ts). */
export interface AuditInput {
  /** What happened, dotted: `fund.bind.submit`, `supervisor.login`, `store.recovered`. */
  action: string
  /** Who or what it concerned, masked (`350102********3417`, `林**`), or null. */
  subject: string | null
  /** `ok`, `rejected`, `failed`, `denied`, … */
  outcome: string
  /** Extra JSON detail; no personal data. */
  detail?: unknown
}

/** A stored entry. */
export interface AuditEntry {
  seq: number
  at: number
  terminalId: string
  action: string
  subject: string | null
  outcome: string
  detail: unknown
  prevHash: string
  hash: string
}

/** The verdict of {@link AuditLog.verify}. */
export type AuditVerification =
  { ok: true; count: number } | { ok: false; firstBrokenSeq: number; reason: string }

/** Filter for {@link AuditLog.list}, newest first. */
export interface AuditListOptions {
  limit?: number
  /** Only entries with a seq below this (paging backwards). */
  beforeSeq?: number
  action?: string
}

/** The audit log of one terminal. */
export interface AuditLog {
  /** Appends an entry durably (resolves after fsync) and returns it. */
  append(input: AuditInput): Promise<AuditEntry>
  /** Walks the chain from its anchor and reports the first entry that does not hold. */
  verify(): AuditVerification
  list(options?: AuditListOptions): AuditEntry[]
  /**
   * Deletes entries older than `olderThan` (epoch ms). The last deleted entry becomes the anchor
   * the remaining chain is verified from. Returns how many entries were removed.
   */
  prune(olderThan: number): Promise<number>
}

interface AuditRow {
  seq: number
  at: number
  terminal_id: string
  action: string
  subject_masked: string | null
  outcome: string
  detail: string | null
  prev_hash: string
  hash: string
}

/** The text an entry's hash covers, apart from the previous hash. */
function entryText(entry: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at,
    terminalId: entry.terminalId,
    action: entry.action,
    subject: entry.subject,
    outcome: entry.outcome,
    detail: entry.detail ?? null,
  })
}

function hashOf(prevHash: string, entry: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return sha256Hex(prevHash + entryText(entry))
}

/** The newest entry of the chain (or its anchor, or the genesis at seq 0 when empty). */
export function chainHead(read: StoreReader): { seq: number; hash: string } {
  const last = read.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  )
  if (last) return last
  return (
    read.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_anchor WHERE id = 1') ?? {
      seq: 0,
      hash: GENESIS_HASH,
    }
  )
}

/**
 * The links (seq, previous hash, hash) after `afterSeq`, oldest first, at most `limit`: what the
 * heartbeat shows the centre so it can check the chain continues the head it acknowledged.
 */
export function chainLinks(
  read: StoreReader,
  afterSeq: number,
  limit: number,
): { seq: number; prevHash: string; hash: string }[] {
  return read
    .all<{ seq: number; prev_hash: string; hash: string }>(
      'SELECT seq, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
      [afterSeq, limit],
    )
    .map((row) => ({ seq: row.seq, prevHash: row.prev_hash, hash: row.hash }))
}

/** The hash of the entry at `seq` (the anchor's if it was pruned up to there), or undefined. */
export function chainHashAt(read: StoreReader, seq: number): string | undefined {
  if (seq === 0) return GENESIS_HASH
  return (
    read.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [seq])?.hash ??
    read.get<{ hash: string }>('SELECT hash FROM audit_anchor WHERE id = 1 AND seq = ?', [seq])
      ?.hash
  )
}

function rowToEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    terminalId: row.terminal_id,
    action: row.action,
    subject: row.subject_masked,
    outcome: row.outcome,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

/**
 * Appends one entry to the chain inside the store's write queue (so two appends cannot link to the
 * same predecessor). What {@link createAuditLog} appends with.
 */
export async function appendAuditEntry(
  store: Store,
  input: AuditInput & { terminalId: string; at: number },
): Promise<AuditEntry> {
  let entry: AuditEntry | undefined
  await store.write((read) => {
    const head = chainHead(read)
    const base = {
      seq: head.seq + 1,
      at: input.at,
      terminalId: input.terminalId,
      action: input.action,
      subject: input.subject,
      outcome: input.outcome,
      // Round-trip through JSON so that what is hashed is exactly what is stored and read back.
      detail:
        input.detail === undefined ? null : (JSON.parse(canonicalJson(input.detail)) as unknown),
    }
    entry = { ...base, prevHash: head.hash, hash: hashOf(head.hash, base) }
    return [
      {
        sql: `INSERT INTO audit_log
                (seq, at, terminal_id, action, subject_masked, outcome, detail, prev_hash, hash)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          entry.seq,
          entry.at,
          entry.terminalId,
          entry.action,
          entry.subject,
          entry.outcome,
          entry.detail === null ? null : canonicalJson(entry.detail),
          entry.prevHash,
          entry.hash,
        ],
      },
    ]
  })
  if (!entry) throw new Error('audit entry was not built')
  return entry
}

/**
 * The audit entry of an issue the store found while opening (a recovery, a discarded journal tail).
 * The store only reports them; they are recorded like every other entry, so the centre gets them.
 */
export function storeIssueEntry(issue: StoreIssue): AuditInput {
  const recovered = issue.code === 'STORE_RECOVERED'
  return {
    action: recovered ? 'store.recovered' : 'store.issue',
    subject: null,
    outcome: recovered ? 'recovered' : 'warning',
    detail: { code: issue.code, reason: issue.detail },
  }
}

/** Creates the audit log over an open store. */
export function createAuditLog(
  store: Store,
  options: { terminalId: string; clock: Clock },
): AuditLog {
  return {
    append: (input) =>
      appendAuditEntry(store, {
        ...input,
        terminalId: options.terminalId,
        at: options.clock.now(),
      }),

    verify() {
      const anchor = store.get<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_anchor WHERE id = 1',
      )
      let expectedSeq = (anchor?.seq ?? 0) + 1
      let expectedPrev = anchor?.hash ?? GENESIS_HASH
      const rows = store.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq')
      for (const row of rows) {
        if (row.seq !== expectedSeq) {
          return {
            ok: false,
            firstBrokenSeq: Math.min(row.seq, expectedSeq),
            reason: `entry ${expectedSeq} is missing (next is ${row.seq})`,
          }
        }
        if (row.prev_hash !== expectedPrev) {
          return { ok: false, firstBrokenSeq: row.seq, reason: 'does not link to the entry before' }
        }
        let entry: AuditEntry
        try {
          entry = rowToEntry(row)
        } catch {
          return { ok: false, firstBrokenSeq: row.seq, reason: 'detail is not valid JSON' }
        }
        if (hashOf(row.prev_hash, entry) !== row.hash) {
          return { ok: false, firstBrokenSeq: row.seq, reason: 'content does not match its hash' }
        }
        expectedSeq++
        expectedPrev = row.hash
      }
      return { ok: true, count: rows.length }
    },

    list(listOptions = {}) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (listOptions.beforeSeq !== undefined) {
        where.push('seq < ?')
        params.push(listOptions.beforeSeq)
      }
      if (listOptions.action !== undefined) {
        where.push('action = ?')
        params.push(listOptions.action)
      }
      params.push(listOptions.limit ?? 100)
      return store
        .all<AuditRow>(
          `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY seq DESC LIMIT ?`,
          params,
        )
        .map(rowToEntry)
    },

    async prune(olderThan) {
      let removed = 0
      await store.write((read) => {
        // Entries are appended in time order, so "older than" is a prefix of the chain; the newest
        // entry always stays so that the head is never lost.
        const last = read.get<{ seq: number; hash: string }>(
          `SELECT seq, hash FROM audit_log
           WHERE at < ? AND seq < (SELECT MAX(seq) FROM audit_log)
           ORDER BY seq DESC LIMIT 1`,
          [olderThan],
        )
        if (!last) return []
        removed =
          read.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE seq <= ?', [last.seq])
            ?.n ?? 0
        return [
          { sql: 'DELETE FROM audit_log WHERE seq <= ?', params: [last.seq] },
          {
            sql: `INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?)
                  ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
            params: [last.seq, last.hash],
          },
        ]
      })
      return removed
    },
  }
}
