/**
 * The sync engine's public shapes: its tunables and dependencies, what each loop reports, the state
 * it publishes, and the engine itself (sync-engine.ts builds it).
 */
import type { ConnectionState } from '../../../shared/api'
import type { ReferenceKind } from '../../../shared/central'
import type { CentralClient } from '../central'
import type { Logger } from '../log'
import type { Outbox, OutboxItem, Store } from '../store'
import type { TerminalStatusTracker } from '../terminal/status'
import type { BackoffPolicy } from './backoff'
import type { PushReport } from './outbox-push'
import type { CachedReferenceItem } from './reference-cache'

/** Timer functions (injected so tests drive time). */
export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Tunables; every one has a default. */
export interface SyncEngineConfig {
  terminalId: string
  /** App version, sent with heartbeats. */
  version: string
  demo: boolean
  /** When the terminal started (uptime in heartbeats); default: when the engine was created. */
  startedAt?: Date
  /** Pull interval after a successful pull (default 30 s). */
  pullIntervalMs?: number
  /** Push interval when nothing triggers it (default 30 s; `pushNow()` pushes at once). */
  pushIntervalMs?: number
  /** Heartbeat interval until the centre names one (default 60 s). */
  heartbeatIntervalMs?: number
  /** Items per push request (default and maximum `MAX_BATCH_ITEMS`). */
  batchSize?: number
  backoff?: Partial<BackoffPolicy>
  /** Consecutive failed calls before the state turns `offline` (default 2). */
  offlineAfterFailures?: number
}

/** Dependencies of {@link createSyncEngine}. */
export interface SyncEngineDeps {
  client: CentralClient
  store: Store
  outbox: Outbox
  status: Pick<TerminalStatusTracker, 'update' | 'addIssue' | 'snapshot'>
  log: Pick<Logger, 'info' | 'warn' | 'error'>
  clock: () => Date
  config: SyncEngineConfig
  /** Uniform [0, 1) for jitter (default Math.random). */
  random?: () => number
  timers?: SyncTimers
  /** Free bytes on the data disk for heartbeats (default: `fs.statfs` of the store's folder). */
  freeDiskBytes?: () => Promise<number | undefined>
}

/** What a pull did. */
export interface PullReport {
  outcome: 'applied' | 'unchanged' | 'retry' | 'invalid' | 'store-failed' | 'stopped'
  reset?: boolean
  upserts?: number
  deletes?: number
  failure?: { status: number; code: string }
}

/** What a heartbeat did. */
export interface HeartbeatReport {
  outcome: 'sent' | 'retry' | 'stopped'
  nextHeartbeatSeconds?: number
  failure?: { status: number; code: string }
}

/** What "sync now" did, for the supervisor screen. */
export interface SyncReport {
  at: string
  pull: PullReport
  push: PushReport
  heartbeat: HeartbeatReport
  state: SyncState
}

/** The engine's published state (also mirrored into the status tracker). */
export interface SyncState {
  connection: ConnectionState
  /** ISO time of the last successful exchange with the centre (pull, push or heartbeat). */
  lastSyncAt: string | null
  /** ISO time the cached reference data last changed. */
  dataUpdatedAt: string | null
  /** ISO time of the last successful pull (the cache was confirmed current). */
  lastPullAt: string | null
  outboxPending: number
  /** Items the centre refused (rejected or conflict), waiting for staff. */
  outboxRejected: number
  /** Consecutive failed calls (any loop). */
  failureStreak: number
  /** The last failure, as `status code` (never a message with data in it). */
  lastError: string | null
  running: boolean
}

/** The engine. */
export interface SyncEngine {
  /** Starts the loops (first pull, push and heartbeat at once). Idempotent. */
  start(): void
  /** Stops the loops, aborts calls in flight, waits for running work to end. */
  stop(): Promise<void>
  /** Staff's "sync now": forgets back-off, then pulls, pushes and heartbeats in turn. */
  syncNow(): Promise<SyncReport>
  /**
   * Pushes now (call it after an enqueue). While the push loop is backing off after a failure the
   * push waits for its turn (the report says `deferred`), so a burst of submissions cannot
   * hammer a centre that is down.
   */
  pushNow(): Promise<PushReport | { outcome: 'deferred'; remaining: number }>
  /**
   * Pushes now and resolves with outbox item `idempotencyKey` once the centre answered it, or as
   * it stands when the centre cannot be reached, the push is backing off, or `timeoutMs` passed.
   * Told by the push loop, not polled.
   */
  pushAndAwait(idempotencyKey: string, timeoutMs: number): Promise<OutboxItem | undefined>
  /** Pulls reference data now (after a store recovery, or from a supervisor action). */
  pullNow(): Promise<PullReport>
  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (state: SyncState) => void): () => void
  state(): SyncState
  /** Cached reference items of one kind (served offline). */
  referenceItems<K extends ReferenceKind>(kind: K): CachedReferenceItem<K>[]
  /** Enabled wallet operators in display order. */
  walletOperators(): CachedReferenceItem<'walletOperator'>[]
}
