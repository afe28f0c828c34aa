/**
 * The audit chain's part of the heartbeat (docs/audit.md, "Nobody cuts it quietly"): the terminal tells
 * the centre its chain head and the links since the head the centre last acknowledged; the centre
 * answers whether they continue it, and which head it now holds. The terminal keeps that head
 * (store/audit-acknowledged.ts) to notice at its next start that newest entries were removed, and
 * shows a gap or rewind the centre found as a dashboard issue.
 */
import {
  MAX_AUDIT_LINKS,
  type AuditChainReport,
  type AuditChainVerdict,
} from '../../../shared/central'
import {
  acknowledgeStatement,
  chainHashAt,
  chainHead,
  chainLinks,
  readAcknowledged,
  type Store,
} from '../store'
import type { TerminalStatusTracker } from '../terminal/status'
import type { Logger } from '../log'

/** The report for the next heartbeat. */
export function auditChainReport(store: Store): AuditChainReport {
  const acknowledged = readAcknowledged(store)
  const head = chainHead(store)
  // An unreadable or impossible acknowledgement: show the chain from its start again.
  const after = acknowledged && acknowledged.seq <= head.seq ? acknowledged.seq : 0
  return { head, links: chainLinks(store, after, MAX_AUDIT_LINKS) }
}

/** Issue codes for what the centre found. */
export const AUDIT_VERDICT_ISSUES = {
  gap: 'AUDIT_CHAIN_GAP',
  rewind: 'AUDIT_CHAIN_REWIND',
} as const

/**
 * Takes the centre's verdict: a finding becomes a status issue and a log line; the acknowledged
 * head is kept if this chain really has that entry (an acknowledgement of something the terminal
 * never wrote is logged and ignored, so it cannot mask a later cut).
 */
export async function applyAuditVerdict(
  verdict: AuditChainVerdict,
  deps: {
    store: Store
    status: Pick<TerminalStatusTracker, 'addIssue'>
    log: Pick<Logger, 'warn' | 'error'>
    clock: () => Date
  },
): Promise<void> {
  const { store, status, log } = deps
  if (verdict.status !== 'ok') {
    log.warn('audit.chain_flagged_by_centre', {
      status: verdict.status,
      acknowledgedSeq: verdict.acknowledged.seq,
    })
    status.addIssue(AUDIT_VERDICT_ISSUES[verdict.status], deps.clock())
  }
  const { seq, hash } = verdict.acknowledged
  const kept = readAcknowledged(store)
  if (kept?.seq === seq && kept.hash === hash) return
  if (chainHashAt(store, seq) !== hash) {
    log.warn('audit.acknowledged_unknown_entry', { seq })
    return
  }
  try {
    await store.write([acknowledgeStatement({ seq, hash })])
  } catch (error) {
    log.error('audit.acknowledge_failed', {
      code: (error as { code?: string }).code ?? 'unknown',
    })
  }
}
