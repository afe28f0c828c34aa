/**
 * One pull of the centre's reference data: ask from the stored cursor, check the answer, and keep
 * its rows and the new cursor in one write, or nothing of it.
 */
import type { CentralClient, CentralClientResult } from '../central'
import type { CentralEndpointName } from '../../../shared/central'
import type { Logger } from '../log'
import type { Store } from '../store'
import type { TerminalStatusTracker } from '../terminal/status'
import type { PullReport, SyncState } from './engine-types'
import { errorText } from './loop'
import { planReferenceApply, readCursor, ReferenceDataError } from './reference-cache'

/** What a pull needs from its engine. */
export interface PullContext {
  client: CentralClient
  store: Store
  status: Pick<TerminalStatusTracker, 'addIssue'>
  log: Pick<Logger, 'info' | 'warn' | 'error'>
  clock: () => Date
  signal: AbortSignal
  noteResult(result: CentralClientResult<CentralEndpointName>): void
  publish(patch: Partial<SyncState>): void
}

/** Pulls once; never throws for the network or bad data (the report says what happened). */
export async function pullReferenceData(ctx: PullContext): Promise<PullReport> {
  const { client, store, status, log, clock, signal } = ctx
  if (signal.aborted) return { outcome: 'stopped' }
  const cursor = readCursor(store)
  const result = await client.call('referenceData', cursor === undefined ? {} : { since: cursor }, {
    signal,
  })
  ctx.noteResult(result)
  if (!result.ok) {
    if (result.status === 0 && result.error.code === 'TRANSPORT_ABORTED') {
      return { outcome: 'stopped' }
    }
    log.warn('sync.pull.failed', { status: result.status, code: result.error.code })
    return { outcome: 'retry', failure: { status: result.status, code: result.error.code } }
  }
  const at = clock()
  let plan
  try {
    plan = planReferenceApply(result.value, cursor, at)
  } catch (error) {
    if (!(error instanceof ReferenceDataError)) throw error
    // Nothing of it is applied; the next pull asks again from the same cursor.
    log.warn('sync.pull.invalid', { reason: error.message })
    return { outcome: 'invalid' }
  }
  try {
    // Rows and cursor in ONE write: either all of this answer is kept or none of it.
    // Reference data can be pulled again, so the write need not wait for fdatasync.
    await store.write(plan.statements, { sync: false })
  } catch (error) {
    log.error('sync.pull.store_failed', { error: errorText(error) })
    status.addIssue('SYNC_STORE_WRITE_FAILED', clock())
    return { outcome: 'store-failed' }
  }
  const changed = plan.reset || plan.upserts > 0 || plan.deletes > 0
  if (changed) {
    log.info('sync.pull.applied', {
      reset: plan.reset,
      upserts: plan.upserts,
      deletes: plan.deletes,
    })
  }
  ctx.publish({
    lastPullAt: at.toISOString(),
    ...(changed ? { dataUpdatedAt: at.toISOString() } : {}),
  })
  return {
    outcome: changed ? 'applied' : 'unchanged',
    reset: plan.reset,
    upserts: plan.upserts,
    deletes: plan.deletes,
  }
}
