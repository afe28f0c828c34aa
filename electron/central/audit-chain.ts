/**
 * The centre's watch on each terminal's audit hash chain (the audit log cannot be cut quietly: docs/audit.md). A
 * heartbeat carries the chain's head and the links since the head the centre last acknowledged;
 * the centre holds that one head per terminal and checks that what arrives continues it:
 *
 * - a `gap`: sequence numbers were skipped, or a link does not name the one before it as its
 *   predecessor (entries were removed before the centre saw them);
 * - a `rewind`: the head is behind the acknowledged one, or an entry at or before it now has
 *   another hash (the newest entries were removed, or history was rewritten or restored).
 *
 * A finding is kept (the newest {@link MAX_FLAGS} per terminal), reported to the caller for the
 * log, and answered to the terminal, which shows it to staff. The centre then takes the chain as
 * reported as its new base, so one cut is flagged once rather than on every heartbeat.
 */
import type { AuditChainReport, AuditChainVerdict } from '../../shared/central'
import { dict } from './dict'

/** The hash an empty chain's first entry links to (electron/core/store/audit.ts). */
const GENESIS_HASH = '0'.repeat(64)
/** Findings kept per terminal. */
export const MAX_FLAGS = 50

/** Why a report was flagged; a code, never data. */
export type AuditChainReason =
  | 'SEQ_SKIPPED'
  | 'LINK_BROKEN'
  | 'PREV_DIFFERS'
  | 'HEAD_BEHIND'
  | 'HEAD_DIFFERS'
  | 'HEAD_WITHOUT_LINKS'

/** One finding, as kept and logged. */
export interface AuditChainFlag {
  at: string
  kind: 'gap' | 'rewind'
  reason: AuditChainReason
  /** The head the centre held before this heartbeat (0: none yet). */
  heldSeq: number
  /** The sequence number at which the report broke. */
  atSeq: number
}

/** What the centre keeps per terminal. */
export interface AuditChainRecord {
  seq: number
  hash: string
  /** When a heartbeat last moved or confirmed it. */
  at: string
  flags: AuditChainFlag[]
}

interface Head {
  seq: number
  hash: string
}

type Finding = Pick<AuditChainFlag, 'kind' | 'reason' | 'atSeq'>

/**
 * Checks a report against the head the centre holds (none on first contact: the report is taken
 * as it is, apart from its own links). Pure; returns the finding, if any, and the head to hold.
 */
export function checkAuditChain(
  held: Head | undefined,
  report: AuditChainReport,
): { finding: Finding | null; next: Head } {
  let current: Head | undefined = held
  let fresh = 0
  let finding: Finding | null = null
  for (const link of report.links) {
    if (held && link.seq <= held.seq) {
      // Older than what was acknowledged: only the acknowledged entry itself can be compared.
      if (link.seq === held.seq && link.hash !== held.hash) {
        finding ??= { kind: 'rewind', reason: 'HEAD_DIFFERS', atSeq: link.seq }
      }
      continue
    }
    if (current && link.seq !== current.seq + 1) {
      finding ??= { kind: 'gap', reason: 'SEQ_SKIPPED', atSeq: current.seq + 1 }
    } else if (current && link.prevHash !== current.hash) {
      finding ??=
        current === held
          ? { kind: 'rewind', reason: 'PREV_DIFFERS', atSeq: held.seq }
          : { kind: 'gap', reason: 'LINK_BROKEN', atSeq: link.seq }
    } else if (!current && link.seq === 1 && link.prevHash !== GENESIS_HASH) {
      finding ??= { kind: 'gap', reason: 'LINK_BROKEN', atSeq: 1 }
    }
    current = { seq: link.seq, hash: link.hash }
    fresh++
  }
  const head = report.head
  if (held && head.seq < held.seq) {
    finding ??= { kind: 'rewind', reason: 'HEAD_BEHIND', atSeq: head.seq }
  } else if (held && head.seq === held.seq && head.hash !== held.hash) {
    finding ??= { kind: 'rewind', reason: 'HEAD_DIFFERS', atSeq: head.seq }
  } else if (current && head.seq === current.seq && head.hash !== current.hash) {
    finding ??= { kind: 'gap', reason: 'LINK_BROKEN', atSeq: head.seq }
  } else if (held && head.seq > held.seq && fresh === 0) {
    // The head moved on but no link shows how it got there.
    finding ??= { kind: 'gap', reason: 'HEAD_WITHOUT_LINKS', atSeq: held.seq + 1 }
  }
  if (head.seq < (current?.seq ?? 0)) {
    finding ??= { kind: 'rewind', reason: 'HEAD_BEHIND', atSeq: head.seq }
  }
  if (finding) {
    // Rebase on what the terminal reported: its newest link if it sent any, else its head.
    const last = report.links.at(-1)
    const next = last && last.seq <= head.seq ? { seq: last.seq, hash: last.hash } : head
    return { finding, next: { seq: next.seq, hash: next.hash } }
  }
  const next = fresh > 0 ? current! : (held ?? head)
  return { finding: null, next: { seq: next.seq, hash: next.hash } }
}

/**
 * Applies one heartbeat's report to the centre's state (`auditChains`, created on first use) and
 * returns the verdict for the answer. `onFlag` hears each finding (the server logs it).
 */
export function observeAuditChain(
  state: { auditChains?: Record<string, AuditChainRecord> },
  terminalId: string,
  report: AuditChainReport,
  now: Date,
  onFlag: (terminalId: string, flag: AuditChainFlag) => void,
): AuditChainVerdict {
  // Keyed by an authenticated terminal id; prototype-free all the same (a loaded file is plain).
  if (!state.auditChains || Object.getPrototypeOf(state.auditChains) !== null) {
    state.auditChains = dict(state.auditChains ?? {})
  }
  const record = state.auditChains[terminalId]
  const held = record ? { seq: record.seq, hash: record.hash } : undefined
  const { finding, next } = checkAuditChain(held, report)
  const at = now.toISOString()
  const flags = record?.flags ?? []
  if (finding) {
    const flag: AuditChainFlag = { at, heldSeq: held?.seq ?? 0, ...finding }
    flags.push(flag)
    flags.splice(0, Math.max(0, flags.length - MAX_FLAGS))
    onFlag(terminalId, flag)
  }
  state.auditChains[terminalId] = { seq: next.seq, hash: next.hash, at, flags }
  return { status: finding?.kind ?? 'ok', acknowledged: next }
}

/** The default for `onFlag`: one JSON line on stderr for the centre's log collector. */
export function logAuditChainFlag(terminalId: string, flag: AuditChainFlag): void {
  process.stderr.write(`${JSON.stringify({ event: 'audit_chain.flagged', terminalId, ...flag })}\n`)
}
