/**
 * The engine's published state and its connection rule: `online` once the centre answers anything
 * (2xx or a 4xx of its own); `offline` after `offlineAfter` consecutive transport failures, 5xx or
 * 429 (a single lost packet does not flip the whole terminal to degraded mode), at once if the state
 * was still `unknown`, and on a 401 that survived the client's re-signature (key or clock wrong).
 */
import { centreAnswered, classifyResult, type CentralClientResult } from '../central'
import type { CentralEndpointName } from '../../../shared/central'
import type { Logger } from '../log'
import type { TerminalStatusTracker } from '../terminal/status'
import type { SyncState } from './engine-types'
import { errorText } from './loop'

/** The state holder of one engine. */
export interface SyncStatePublisher {
  current(): SyncState
  /** Applies a patch; listeners and the status bar hear of real changes only. */
  publish(patch: Partial<SyncState>): void
  /** Folds one call's result into the connection state. */
  noteResult(result: CentralClientResult<CentralEndpointName>): void
  onChange(listener: (state: SyncState) => void): () => void
}

/** Creates the publisher; `centreBack` runs when the centre answers again after being away. */
export function createSyncState(deps: {
  initial: SyncState
  status: Pick<TerminalStatusTracker, 'update' | 'addIssue'>
  log: Pick<Logger, 'error'>
  clock: () => Date
  offlineAfter: number
  centreBack: () => void
}): SyncStatePublisher {
  const { status, log, clock, offlineAfter } = deps
  let current = deps.initial
  const listeners = new Set<(state: SyncState) => void>()

  function publish(patch: Partial<SyncState>): void {
    const next = { ...current, ...patch }
    if (JSON.stringify(next) === JSON.stringify(current)) return
    const statusChanged =
      next.connection !== current.connection ||
      next.lastSyncAt !== current.lastSyncAt ||
      next.dataUpdatedAt !== current.dataUpdatedAt
    current = next
    if (statusChanged) {
      status.update({
        connection: next.connection,
        lastSyncAt: next.lastSyncAt,
        dataUpdatedAt: next.dataUpdatedAt,
      })
    }
    for (const listener of [...listeners]) {
      try {
        listener(next)
      } catch (error) {
        log.error('sync.listener_failed', { error: errorText(error) })
      }
    }
  }

  let authIssueRaised = false
  function noteResult(result: CentralClientResult<CentralEndpointName>): void {
    if (!result.ok && result.status === 0 && result.error.code === 'TRANSPORT_ABORTED') return
    const kind = classifyResult(result)
    if (kind === 'auth') {
      if (!authIssueRaised) {
        authIssueRaised = true
        status.addIssue('CENTRAL_AUTH_FAILED', clock())
        log.error('sync.auth_failed', { code: result.ok ? '' : result.error.code })
      }
      publish({
        connection: 'offline',
        failureStreak: current.failureStreak + 1,
        lastError: `401 ${result.ok ? '' : result.error.code}`,
      })
      return
    }
    if (centreAnswered(result)) {
      authIssueRaised = false
      const wasOffline = current.connection !== 'online'
      publish({
        connection: 'online',
        failureStreak: 0,
        lastSyncAt: result.ok ? clock().toISOString() : current.lastSyncAt,
      })
      // The centre is back: whatever waits behind a back-off may go now.
      if (wasOffline) deps.centreBack()
      return
    }
    const streak = current.failureStreak + 1
    publish({
      failureStreak: streak,
      lastError: result.ok ? null : `${result.status} ${result.error.code}`,
      connection:
        current.connection === 'unknown' || streak >= offlineAfter ? 'offline' : current.connection,
    })
  }

  return {
    current: () => current,
    publish,
    noteResult,
    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
