/**
 * The audit chain head the central service last acknowledged (docs/audit.md),
 * kept in the `settings` table. At start the local chain must still reach it: if the newest entry
 * is older than the acknowledged one, or the entry at that sequence now has another hash, entries
 * were removed (or rewritten) while the terminal was down, and staff are told.
 */
import { chainHashAt, chainHead } from './audit'
import type { Statement, StoreReader } from './store'

/** The settings key of the acknowledged head. */
export const AUDIT_ACKNOWLEDGED_SETTING = 'audit.acknowledged'

/** A chain position: sequence number and the entry's hash. */
export interface ChainPosition {
  seq: number
  hash: string
}

/** The acknowledged head, or undefined when none was kept (or the row is unreadable). */
export function readAcknowledged(read: StoreReader): ChainPosition | undefined {
  const raw = read.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    AUDIT_ACKNOWLEDGED_SETTING,
  ])?.value
  if (raw === undefined) return undefined
  try {
    const parsed = JSON.parse(raw) as Partial<ChainPosition>
    if (
      Number.isSafeInteger(parsed.seq) &&
      Number(parsed.seq) >= 0 &&
      typeof parsed.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(parsed.hash)
    ) {
      return { seq: Number(parsed.seq), hash: parsed.hash }
    }
  } catch {
    // Unreadable: treated as a cut below (someone edited it), not as "none".
  }
  return { seq: Number.MAX_SAFE_INTEGER, hash: '' }
}

/** The statement that keeps `position` as the acknowledged head. */
export function acknowledgeStatement(position: ChainPosition): Statement {
  return {
    sql: `INSERT INTO settings (key, value) VALUES (?, ?)
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    params: [
      AUDIT_ACKNOWLEDGED_SETTING,
      JSON.stringify({ seq: position.seq, hash: position.hash }),
    ],
  }
}

/** What the start-up check found. */
export type ChainCutCheck =
  | { cut: false }
  | {
      cut: true
      /** `SHORTER`: the newest entry is older than the acknowledged one; `REWRITTEN`: it differs. */
      reason: 'SHORTER' | 'REWRITTEN'
      acknowledgedSeq: number
      localSeq: number
    }

/** Compares the local chain with the acknowledged head (nothing to compare before the first one). */
export function checkChainCut(read: StoreReader): ChainCutCheck {
  const acknowledged = readAcknowledged(read)
  if (!acknowledged) return { cut: false }
  const head = chainHead(read)
  const base = {
    cut: true as const,
    acknowledgedSeq: Math.min(acknowledged.seq, 2 ** 31),
    localSeq: head.seq,
  }
  if (head.seq < acknowledged.seq) return { ...base, reason: 'SHORTER' }
  // Pruned past the acknowledged entry (a long time offline): the anchor is all there is to see.
  const anchor = read.get<{ seq: number }>('SELECT seq FROM audit_anchor WHERE id = 1')
  if (anchor && anchor.seq > acknowledged.seq) return { cut: false }
  if (chainHashAt(read, acknowledged.seq) !== acknowledged.hash) {
    return { ...base, reason: 'REWRITTEN' }
  }
  return { cut: false }
}
