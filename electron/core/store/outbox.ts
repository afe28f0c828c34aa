// The outbox: an application is durable here, with the idempotency key it will carry to the
// central service, before the screen may say "submitted". It leaves the pending set only when the
// central service has answered for it (accepted, rejected or conflict); nothing is deleted before
// that. With the answer the payload shrinks to what the terminal still shows (answered-payload.ts),
// and a fold soon after takes the full one out of the journal and the snapshot file too.
import { randomUUID } from 'node:crypto'
import { payloadKeptAfterAnswer } from './answered-payload'
import { canonicalJson } from '../../../shared/central/canonical-json'
import { sha256Hex } from './fingerprint'
import type { Store } from './store'

/** Life cycle of an item: queued → sent (tried, no answer yet) → accepted | rejected | conflict. */
export type OutboxState = 'queued' | 'sent' | 'accepted' | 'rejected' | 'conflict'

/** The central service's answer for an item. */
export type OutboxAnswer = Extract<OutboxState, 'accepted' | 'rejected' | 'conflict'>

/** What {@link Outbox.enqueue} takes. */
export interface OutboxEnqueueInput {
  /** The kind of request (`fund.bind`, `fund.unbind`, `feedback`, …). */
  kind: string
  /**
   * The request body as it will be sent. It is stored on disk: it must not hold full personal data
   * (full ID number, name, phone, photo, balance) — put references or masked values in it, and let
   * the sender add what it needs from the session (the disk keeps no full personal data).
   */
  payload: unknown
  /** Defaults to a new UUID. Passing the same key again returns the stored item (idempotent). */
  idempotencyKey?: string
  /** Epoch ms. */
  createdAt: number
}

/** The result of an enqueue. */
export interface OutboxReceipt {
  idempotencyKey: string
  /** SHA-256 hex of the payload's canonical JSON; sent along so the central can spot key reuse. */
  fingerprint: string
  seq: number
  /** True when the key was already in the outbox with the same payload (nothing new was written). */
  duplicate: boolean
}

/** A stored item. */
export interface OutboxItem {
  seq: number
  idempotencyKey: string
  fingerprint: string
  kind: string
  payload: unknown
  createdAt: number
  state: OutboxState
  attempts: number
  lastError: string | null
  result: unknown
  receipt: unknown
  applicationNo: string | null
  updatedAt: number
}

/** The central service's answer, as recorded by {@link Outbox.markResult}. */
export interface OutboxResultInput {
  state: OutboxAnswer
  /** The central's response body (or rejection reason), JSON. */
  result?: unknown
  /** Masked receipt data for reprint, JSON. */
  receipt?: unknown
  applicationNo?: string | null
  /** Epoch ms. */
  at: number
}

/** Thrown when a key is reused with a different payload (IETF Idempotency-Key draft: 422). */
export class OutboxKeyReusedError extends Error {
  override readonly name = 'OutboxKeyReusedError'
  readonly code = 'OUTBOX_KEY_REUSED'
  constructor(readonly idempotencyKey: string) {
    super(`idempotency key ${idempotencyKey} was already used for a different payload`)
  }
}

/** Thrown when an operation names a key that is not in the outbox. */
export class OutboxUnknownKeyError extends Error {
  override readonly name = 'OutboxUnknownKeyError'
  readonly code = 'OUTBOX_UNKNOWN_KEY'
  constructor(readonly idempotencyKey: string) {
    super(`no outbox item with idempotency key ${idempotencyKey}`)
  }
}

/** The outbox over an open store. */
export interface Outbox {
  /**
   * Adds an item; resolves only after it is on disk. Rejects with `StoreError`
   * (`STORE_WRITE_FAILED`: the screen must not say "submitted") or {@link OutboxKeyReusedError}.
   */
  enqueue(input: OutboxEnqueueInput): Promise<OutboxReceipt>
  /** Items still waiting for an answer (queued or sent), oldest first. */
  pending(limit?: number): OutboxItem[]
  /**
   * Records the central's answer durably; the item leaves the pending set and its payload keeps
   * only what {@link payloadKeptAfterAnswer} leaves (the fingerprint stays, for repeats of the key).
   */
  markResult(idempotencyKey: string, answer: OutboxResultInput): Promise<void>
  /** Records a send attempt that got no answer (network error, 5xx, …); the item stays pending. */
  markAttempt(idempotencyKey: string, error: string | null, at: number): Promise<void>
  get(idempotencyKey: string): OutboxItem | undefined
  findByApplicationNo(applicationNo: string): OutboxItem | undefined
  /** Number of pending items. */
  depth(): number
  /** The oldest pending item, for the "waiting since" figure on the status view. */
  oldest(): OutboxItem | undefined
  /** Deletes answered items last updated before `before` (epoch ms); pending items are never deleted. */
  pruneAnswered(before: number): Promise<number>
  /**
   * Shrinks the payloads of items answered before this version did it at answer time; returns
   * how many changed. Run once at start.
   */
  shrinkAnswered(): Promise<number>
}

/** Delay before the fold that takes answered payloads out of the files: a batch shares one. */
const SHRINK_FOLD_DELAY_MS = 50

interface OutboxRow {
  seq: number
  idempotency_key: string
  fingerprint: string
  kind: string
  payload: string
  created_at: number
  state: OutboxState
  attempts: number
  last_error: string | null
  result: string | null
  receipt: string | null
  application_no: string | null
  updated_at: number
}

const PENDING = "state IN ('queued', 'sent')"

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown)
}

function rowToItem(row: OutboxRow): OutboxItem {
  return {
    seq: row.seq,
    idempotencyKey: row.idempotency_key,
    fingerprint: row.fingerprint,
    kind: row.kind,
    payload: parseJson(row.payload),
    createdAt: row.created_at,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    result: parseJson(row.result),
    receipt: parseJson(row.receipt),
    applicationNo: row.application_no,
    updatedAt: row.updated_at,
  }
}

/** Creates the outbox over an open store. */
export function createOutbox(store: Store): Outbox {
  const getRow = (key: string): OutboxRow | undefined =>
    store.get<OutboxRow>('SELECT * FROM outbox WHERE idempotency_key = ?', [key])

  // The database drops the old payload's bytes at once (secure_delete), but the journal still holds
  // the enqueue record, and an earlier snapshot the row as it was, until the next fold.
  let foldTimer: ReturnType<typeof setTimeout> | undefined
  const foldSoon = () => {
    if (foldTimer) return
    foldTimer = setTimeout(() => {
      foldTimer = undefined
      // A failed fold leaves the journal as it was; the next one (by size, or at close) retries.
      store.fold().catch(() => undefined)
    }, SHRINK_FOLD_DELAY_MS)
    foldTimer.unref?.()
  }
  const shrunk = (payloadJson: string): string =>
    canonicalJson(payloadKeptAfterAnswer(parseJson(payloadJson)))

  return {
    async enqueue(input) {
      const idempotencyKey = input.idempotencyKey ?? randomUUID()
      const payloadJson = canonicalJson(input.payload)
      const fingerprint = sha256Hex(payloadJson) // = fingerprintOf(payload)
      let existing: { seq: number; fingerprint: string } | undefined
      const written = await store.write((read) => {
        existing = read.get<{ seq: number; fingerprint: string }>(
          'SELECT seq, fingerprint FROM outbox WHERE idempotency_key = ?',
          [idempotencyKey],
        )
        if (existing) return []
        return [
          {
            sql: `INSERT INTO outbox
                    (idempotency_key, fingerprint, kind, payload, created_at, state, updated_at)
                  VALUES (?, ?, ?, ?, ?, 'queued', ?)`,
            params: [
              idempotencyKey,
              fingerprint,
              input.kind,
              payloadJson,
              input.createdAt,
              input.createdAt,
            ],
          },
        ]
      })
      if (existing) {
        if (existing.fingerprint !== fingerprint) throw new OutboxKeyReusedError(idempotencyKey)
        // The stored item was durable before its own enqueue resolved, and this one ran after it.
        return { idempotencyKey, fingerprint, seq: existing.seq, duplicate: true }
      }
      return { idempotencyKey, fingerprint, seq: written.lastInsertRowid, duplicate: false }
    },

    pending(limit = 100) {
      return store
        .all<OutboxRow>(`SELECT * FROM outbox WHERE ${PENDING} ORDER BY seq LIMIT ?`, [limit])
        .map(rowToItem)
    },

    async markResult(idempotencyKey, answer) {
      let changedPayload = false
      const written = await store.write((read) => {
        const row = read.get<{ payload: string }>(
          'SELECT payload FROM outbox WHERE idempotency_key = ?',
          [idempotencyKey],
        )
        if (!row) return []
        const payload = shrunk(row.payload)
        changedPayload = payload !== row.payload
        return [
          {
            sql: `UPDATE outbox SET state = ?, result = ?, receipt = ?, payload = ?,
                    application_no = COALESCE(?, application_no), updated_at = ?
                  WHERE idempotency_key = ?`,
            params: [
              answer.state,
              answer.result === undefined ? null : canonicalJson(answer.result),
              answer.receipt === undefined ? null : canonicalJson(answer.receipt),
              payload,
              answer.applicationNo ?? null,
              answer.at,
              idempotencyKey,
            ],
          },
        ]
      })
      if (written.changes === 0) throw new OutboxUnknownKeyError(idempotencyKey)
      if (changedPayload) foldSoon()
    },

    async markAttempt(idempotencyKey, error, at) {
      const written = await store.write([
        {
          sql: `UPDATE outbox SET attempts = attempts + 1, last_error = ?, updated_at = ?,
                  state = CASE WHEN state = 'queued' THEN 'sent' ELSE state END
                WHERE idempotency_key = ?`,
          params: [error, at, idempotencyKey],
        },
      ])
      if (written.changes === 0) throw new OutboxUnknownKeyError(idempotencyKey)
    },

    get(idempotencyKey) {
      const row = getRow(idempotencyKey)
      return row && rowToItem(row)
    },

    findByApplicationNo(applicationNo) {
      const row = store.get<OutboxRow>(
        'SELECT * FROM outbox WHERE application_no = ? ORDER BY seq DESC LIMIT 1',
        [applicationNo],
      )
      return row && rowToItem(row)
    },

    depth() {
      return store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE ${PENDING}`)?.n ?? 0
    },

    oldest() {
      const row = store.get<OutboxRow>(`SELECT * FROM outbox WHERE ${PENDING} ORDER BY seq LIMIT 1`)
      return row && rowToItem(row)
    },

    async shrinkAnswered() {
      const written = await store.write((read) =>
        read
          .all<{ seq: number; payload: string }>(
            `SELECT seq, payload FROM outbox WHERE NOT ${PENDING}`,
          )
          .flatMap((row) => {
            const payload = shrunk(row.payload)
            return payload === row.payload
              ? []
              : [{ sql: 'UPDATE outbox SET payload = ? WHERE seq = ?', params: [payload, row.seq] }]
          }),
      )
      if (written.changes > 0) foldSoon()
      return written.changes
    },

    async pruneAnswered(before) {
      const written = await store.write([
        {
          sql: `DELETE FROM outbox WHERE NOT ${PENDING} AND updated_at < ?`,
          params: [before],
        },
      ])
      return written.changes
    },
  }
}
