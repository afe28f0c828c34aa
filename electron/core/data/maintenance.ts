/**
 * Housekeeping of the local store, so a terminal that runs for months keeps a small database
 * (docs/architecture.md, "Data": retention on audit and journal). It runs only
 * between residents: a fold holds the event loop for as long as `export()` takes, which a resident
 * in the middle of a step should not feel.
 */
import type { Logger } from '../log'
import { describeError } from '../log'
import type { TerminalData } from './terminal-data'

const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionPolicy {
  /** Answered outbox items (pending ones are never removed). */
  outboxAnsweredDays: number
  /** Audit entries; the chain stays verifiable from its anchor. */
  auditDays: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { outboxAnsweredDays: 30, auditDays: 180 }

export interface MaintenanceReport {
  receiptsPruned: number
  outboxPruned: number
  auditPruned: number
  folded: boolean
}

/** One pass: prune by retention, then fold the journal into the snapshot. */
export async function runMaintenance(
  data: TerminalData,
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): Promise<MaintenanceReport> {
  const receiptsPruned = await data.receipts.prune()
  const outboxPruned = await data.outbox.pruneAnswered(
    now.getTime() - policy.outboxAnsweredDays * DAY_MS,
  )
  const auditPruned = await data.audit.prune(now.getTime() - policy.auditDays * DAY_MS)
  await data.store.fold()
  return { receiptsPruned, outboxPruned, auditPruned, folded: true }
}

/**
 * Runs maintenance every `intervalMs` while no resident session is open. Returns the stop
 * function. Errors are logged; the next pass tries again.
 */
export function scheduleMaintenance(deps: {
  data: TerminalData
  sessionActive: () => boolean
  clock: () => Date
  log: Logger
  intervalMs?: number
}): () => void {
  let running = false
  const timer = setInterval(
    async () => {
      if (running || deps.sessionActive()) return
      running = true
      try {
        const report = await runMaintenance(deps.data, deps.clock())
        deps.log.info('store.maintenance', { ...report })
      } catch (err) {
        deps.log.warn('store.maintenance_failed', { err: describeError(err) })
      } finally {
        running = false
      }
    },
    deps.intervalMs ?? 15 * 60 * 1000,
  )
  timer.unref?.()
  return () => clearInterval(timer)
}
