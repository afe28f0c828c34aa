/**
 * One heartbeat: what the terminal tells the centre about itself (version, uptime, outbox depth,
 * devices, free disk, the audit chain's head), and the centre's verdict on the audit chain.
 */
import type { CentralClient, CentralClientResult } from '../central'
import type { CentralEndpointName, HeartbeatRequest } from '../../../shared/central'
import type { Logger } from '../log'
import type { Outbox, Store } from '../store'
import type { TerminalStatusTracker } from '../terminal/status'
import { applyAuditVerdict, auditChainReport } from './audit-report'
import type { HeartbeatReport, SyncEngineConfig } from './engine-types'
import { readCursor } from './reference-cache'

/** What a heartbeat needs from its engine. */
export interface HeartbeatContext {
  client: CentralClient
  store: Store
  outbox: Outbox
  status: Pick<TerminalStatusTracker, 'addIssue' | 'snapshot'>
  log: Pick<Logger, 'info' | 'warn' | 'error'>
  clock: () => Date
  config: SyncEngineConfig
  startedAt: Date
  signal: AbortSignal
  freeDiskBytes: () => Promise<number | undefined>
  rejectedCount: () => number
  lastSyncAt: () => string | null
  noteResult(result: CentralClientResult<CentralEndpointName>): void
}

/** Sends one heartbeat; never throws for the network (the report says what happened). */
export async function sendHeartbeat(ctx: HeartbeatContext): Promise<HeartbeatReport> {
  const { client, store, outbox, status, log, clock, config, startedAt, signal } = ctx
  if (signal.aborted) return { outcome: 'stopped' }
  let free: number | undefined
  try {
    free = await ctx.freeDiskBytes()
  } catch {
    free = undefined // an unreadable disk is reported by the store, not here
  }
  const now = clock()
  const devices = status
    .snapshot()
    .devices.slice(0, 16)
    .map((d) => ({
      kind: d.kind.slice(0, 32),
      state: d.state.slice(0, 32),
      status: d.code.slice(0, 32),
    }))
  const cursor = readCursor(store)
  const lastSyncAt = ctx.lastSyncAt()
  const request: HeartbeatRequest = {
    appVersion: config.version.slice(0, 64),
    startedAt: startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
    mode: config.demo ? 'demo' : 'production',
    outboxPending: outbox.depth(),
    outboxRejected: ctx.rejectedCount(),
    devices,
    ...(lastSyncAt ? { lastSyncAt } : {}),
    ...(cursor !== undefined && cursor.length <= 256 ? { referenceCursor: cursor } : {}),
    ...(free !== undefined && Number.isSafeInteger(free) && free >= 0
      ? { freeDiskBytes: free }
      : {}),
    audit: auditChainReport(store),
  }
  const result = await client.call('terminalHeartbeat', request, { signal })
  ctx.noteResult(result)
  if (result.ok) {
    if (result.value.audit) {
      await applyAuditVerdict(result.value.audit, { store, status, log, clock })
    }
    return { outcome: 'sent', nextHeartbeatSeconds: result.value.nextHeartbeatSeconds }
  }
  if (result.status === 0 && result.error.code === 'TRANSPORT_ABORTED') {
    return { outcome: 'stopped' }
  }
  return { outcome: 'retry', failure: { status: result.status, code: result.error.code } }
}
