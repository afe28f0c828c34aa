/**
 * The sync engine (docs/architecture.md): keeps the terminal's reference data
 * fresh, pushes the outbox, sends heartbeats, and tells the status bar whether the centre is
 * reachable and how fresh the data is.
 *
 * Three loops (pull, push, heartbeat), each single-flight: a trigger while a run is in progress is
 * coalesced into one more run after it, so runs never overlap. After a success a loop waits its
 * interval; after a failure it waits an exponential back-off with full jitter and a cap
 * (backoff.ts), or the centre's `retryAfterSeconds` when it is longer. All timers are `unref`'d so
 * the engine never keeps a process alive; every run catches its own errors (no unhandled
 * rejections); `stop()` aborts the calls in flight and waits for the runs to end.
 *
 * Connection state: `online` once the centre answers anything (2xx or a 4xx of its own);
 * `offline` after `offlineAfterFailures` consecutive transport failures, 5xx or 429 (a single lost
 * packet does not flip the whole terminal to degraded mode), at once if the state was still
 * `unknown`, and on a 401 that survived the client's re-signature (the key or clock is wrong).
 */
import { statfs } from 'node:fs/promises'
import {
  centreAnswered,
  classifyResult,
  type CentralClient,
  type CentralClientResult,
} from '../central'
import type { ConnectionState } from '../../../shared/api'
import type { CentralEndpointName, HeartbeatRequest, ReferenceKind } from '../../../shared/central'
import { MAX_BATCH_ITEMS } from '../../../shared/central'
import type { Logger } from '../log'
import type { Outbox, OutboxItem, Store } from '../store'
import type { TerminalStatusTracker } from '../terminal/status'
import { createAnswerWaiters } from './answer-waiters'
import { applyAuditVerdict, auditChainReport } from './audit-report'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff'
import { pushOutbox, type PushReport } from './outbox-push'
import {
  enabledWalletOperators,
  planReferenceApply,
  readCursor,
  readReferenceItems,
  readSyncState,
  ReferenceDataError,
  SYNC_STATE_KEYS,
  type CachedReferenceItem,
} from './reference-cache'

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
  /** Items per push request (default and maximum {@link MAX_BATCH_ITEMS}). */
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

const defaultTimers: SyncTimers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms)
    handle.unref()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/** One single-flight loop with its own schedule and failure count. */
interface Loop<R> {
  /** Runs now, or once more after the run in progress. */
  trigger(): Promise<R>
  /** Plans the next run in `ms` (replacing a planned one). */
  schedule(ms: number): void
  cancel(): void
  running(): Promise<unknown> | null
  failures: number
  /** True while a back-off (not a regular interval) is planned. */
  backingOff: boolean
}

/**
 * Creates the engine. Nothing runs until {@link SyncEngine.start} (or a manual sync).
 *
 * @example
 * const engine = createSyncEngine({ client, store, outbox, status, log, clock: config.clock,
 *   config: { terminalId: config.terminalId, version: config.version, demo: config.demo } })
 * engine.start()
 * await outbox.enqueue(item); void engine.pushNow()
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { client, store, outbox, status, log, clock } = deps
  const config = deps.config
  const random = deps.random ?? Math.random
  const timers = deps.timers ?? defaultTimers
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...config.backoff }
  const pullIntervalMs = config.pullIntervalMs ?? 30_000
  const pushIntervalMs = config.pushIntervalMs ?? 30_000
  const offlineAfter = Math.max(1, config.offlineAfterFailures ?? 2)
  const startedAt = config.startedAt ?? clock()
  const freeDiskBytes =
    deps.freeDiskBytes ??
    (async () => {
      const stats = await statfs(store.dataDir)
      return Number(stats.bavail) * Number(stats.bsize)
    })

  let started = false
  let stopped = false
  const abort = new AbortController()
  let heartbeatIntervalMs = config.heartbeatIntervalMs ?? 60_000
  const listeners = new Set<(state: SyncState) => void>()
  const answers = createAnswerWaiters(outbox, timers)

  const rejectedCount = (): number =>
    store.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM outbox WHERE state IN ('rejected', 'conflict')",
    )?.n ?? 0

  let current: SyncState = {
    connection: 'unknown',
    lastSyncAt: null,
    dataUpdatedAt: readSyncState(store, SYNC_STATE_KEYS.updatedAt) ?? null,
    lastPullAt: readSyncState(store, SYNC_STATE_KEYS.pulledAt) ?? null,
    outboxPending: outbox.depth(),
    outboxRejected: rejectedCount(),
    failureStreak: 0,
    lastError: null,
    running: false,
  }
  // After a restart the cache is as fresh as the last pull that filled it.
  current.lastSyncAt = current.lastPullAt

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
  /** Folds one call's result into the connection state. */
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
      if (wasOffline && started && !stopped) kickBackedOffLoops()
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

  function createLoop<R>(
    name: string,
    body: () => Promise<R>,
    after: (report: R) => number | undefined,
  ): Loop<R> {
    let timer: unknown
    let inFlight: Promise<R> | null = null
    let queued: Promise<R> | null = null
    const loop: Loop<R> = {
      failures: 0,
      backingOff: false,
      trigger() {
        if (inFlight) {
          queued ??= inFlight
            .catch(() => undefined)
            .then(() => {
              queued = null
              return loop.trigger()
            })
          return queued
        }
        loop.cancel()
        const run = (async () => {
          try {
            const report = await body()
            const next = after(report)
            if (next !== undefined && started && !stopped) loop.schedule(next)
            return report
          } catch (error) {
            // A bug, not the network: log it and try again after a back-off.
            log.error(`sync.${name}.crashed`, { error: errorText(error) })
            loop.failures++
            if (started && !stopped) loop.schedule(backoffDelay(loop.failures, random, policy))
            throw error
          }
        })()
        inFlight = run
        void run
          .finally(() => {
            if (inFlight === run) inFlight = null
          })
          .catch(() => undefined)
        return run
      },
      schedule(ms) {
        loop.cancel()
        timer = timers.setTimeout(() => {
          timer = undefined
          loop.backingOff = false
          loop.trigger().catch(() => undefined)
        }, ms)
      },
      cancel() {
        if (timer !== undefined) timers.clearTimeout(timer)
        timer = undefined
      },
      running: () => inFlight,
    }
    return loop
  }

  /** The wait after a run: the interval on success, else back-off (or Retry-After if longer). */
  function nextDelay(
    loop: Loop<unknown>,
    ok: boolean,
    intervalMs: number,
    retryAfter?: number,
  ): number {
    if (ok) {
      loop.failures = 0
      loop.backingOff = false
      return intervalMs
    }
    loop.failures++
    loop.backingOff = true
    const wait = backoffDelay(loop.failures, random, policy)
    return retryAfter !== undefined ? Math.max(wait, retryAfter) : wait
  }

  // ---- pull -----------------------------------------------------------------------------------

  async function pull(): Promise<PullReport> {
    if (abort.signal.aborted) return { outcome: 'stopped' }
    const cursor = readCursor(store)
    const result = await client.call(
      'referenceData',
      cursor === undefined ? {} : { since: cursor },
      { signal: abort.signal },
    )
    noteResult(result)
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
    publish({
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

  const pullLoop: Loop<PullReport> = createLoop('pull', pull, (report) =>
    report.outcome === 'stopped'
      ? undefined
      : nextDelay(
          pullLoop,
          report.outcome === 'applied' || report.outcome === 'unchanged',
          pullIntervalMs,
        ),
  )

  // ---- push -----------------------------------------------------------------------------------

  async function push(): Promise<PushReport> {
    const report = await pushOutbox({
      client,
      outbox,
      terminalId: config.terminalId,
      clock,
      batchSize: config.batchSize ?? MAX_BATCH_ITEMS,
      onResult: noteResult,
      warn: (event, fields) => log.warn(event, fields),
      signal: abort.signal,
    })
    if (report.outcome === 'store-failed') status.addIssue('SYNC_STORE_WRITE_FAILED', clock())
    if (report.badReceipts > 0) status.addIssue('SYNC_BAD_RECEIPT', clock())
    if (report.accepted + report.rejected + report.conflicts > 0) {
      log.info('sync.push.done', {
        accepted: report.accepted,
        rejected: report.rejected,
        conflicts: report.conflicts,
        repeats: report.repeats,
        remaining: report.remaining,
      })
    }
    publish({ outboxPending: report.remaining, outboxRejected: rejectedCount() })
    answers.settle()
    return report
  }

  const pushLoop: Loop<PushReport> = createLoop('push', push, (report) =>
    report.outcome === 'stopped'
      ? undefined
      : nextDelay(
          pushLoop,
          report.outcome === 'drained',
          pushIntervalMs,
          report.failure?.retryAfterMs,
        ),
  )

  // ---- heartbeat ------------------------------------------------------------------------------

  async function heartbeat(): Promise<HeartbeatReport> {
    if (abort.signal.aborted) return { outcome: 'stopped' }
    let free: number | undefined
    try {
      free = await freeDiskBytes()
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
    const request: HeartbeatRequest = {
      appVersion: config.version.slice(0, 64),
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
      mode: config.demo ? 'demo' : 'production',
      outboxPending: outbox.depth(),
      outboxRejected: rejectedCount(),
      devices,
      ...(current.lastSyncAt ? { lastSyncAt: current.lastSyncAt } : {}),
      ...(cursor !== undefined && cursor.length <= 256 ? { referenceCursor: cursor } : {}),
      ...(free !== undefined && Number.isSafeInteger(free) && free >= 0
        ? { freeDiskBytes: free }
        : {}),
      audit: auditChainReport(store),
    }
    const result = await client.call('terminalHeartbeat', request, { signal: abort.signal })
    noteResult(result)
    if (result.ok) {
      if (result.value.audit) {
        await applyAuditVerdict(result.value.audit, { store, status, log, clock })
      }
      // The centre says when it wants the next one; keep it within sane bounds.
      heartbeatIntervalMs = Math.min(3600, Math.max(5, result.value.nextHeartbeatSeconds)) * 1000
      return { outcome: 'sent', nextHeartbeatSeconds: result.value.nextHeartbeatSeconds }
    }
    if (result.status === 0 && result.error.code === 'TRANSPORT_ABORTED') {
      return { outcome: 'stopped' }
    }
    return { outcome: 'retry', failure: { status: result.status, code: result.error.code } }
  }

  const heartbeatLoop: Loop<HeartbeatReport> = createLoop('heartbeat', heartbeat, (report) =>
    report.outcome === 'stopped'
      ? undefined
      : nextDelay(heartbeatLoop, report.outcome === 'sent', heartbeatIntervalMs),
  )

  const loops = [pullLoop, pushLoop, heartbeatLoop] as Loop<unknown>[]

  function kickBackedOffLoops(): void {
    for (const loop of [pullLoop, pushLoop] as Loop<unknown>[]) {
      if (loop.backingOff && !loop.running()) {
        loop.backingOff = false
        loop.trigger().catch(() => undefined)
      }
    }
  }

  function setRunning(): void {
    publish({ running: loops.some((l) => l.running() !== null) })
  }

  /** Wraps a trigger so `running` is published and failures become a report, never a throw. */
  async function runReporting<R>(loop: Loop<R>, failed: R): Promise<R> {
    const run = loop.trigger()
    setRunning()
    try {
      return await run
    } catch {
      return failed
    } finally {
      setRunning()
    }
  }

  async function pushNow(): Promise<PushReport | { outcome: 'deferred'; remaining: number }> {
    if (pushLoop.backingOff || stopped) {
      return { outcome: 'deferred' as const, remaining: outbox.depth() }
    }
    return runReporting(pushLoop, crashedPush())
  }

  const crashedPush = (): PushReport => ({
    requests: 0,
    accepted: 0,
    rejected: 0,
    conflicts: 0,
    repeats: 0,
    badReceipts: 0,
    outcome: 'store-failed',
    remaining: outbox.depth(),
  })

  return {
    start() {
      if (started || stopped) return
      started = true
      status.update({
        connection: current.connection,
        lastSyncAt: current.lastSyncAt,
        dataUpdatedAt: current.dataUpdatedAt,
      })
      for (const loop of loops) loop.trigger().catch(() => undefined)
    },

    async stop() {
      stopped = true
      abort.abort()
      for (const loop of loops) loop.cancel()
      await Promise.all(loops.map((loop) => loop.running()?.catch(() => undefined)))
      for (const loop of loops) loop.cancel() // a run that ended meanwhile may have planned one
      publish({ running: false })
    },

    async syncNow() {
      for (const loop of loops) {
        loop.failures = 0
        loop.backingOff = false
      }
      const pullReport = await runReporting<PullReport>(pullLoop, { outcome: 'retry' })
      const pushReport = await runReporting(pushLoop, crashedPush())
      const heartbeatReport = await runReporting<HeartbeatReport>(heartbeatLoop, {
        outcome: 'retry',
      })
      return {
        at: clock().toISOString(),
        pull: pullReport,
        push: pushReport,
        heartbeat: heartbeatReport,
        state: { ...current },
      }
    },

    pushNow,

    pushAndAwait: (key, timeoutMs) => answers.wait(key, timeoutMs, pushNow),

    pullNow: () => runReporting<PullReport>(pullLoop, { outcome: 'retry' }),

    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    state: () => ({ ...current }),

    referenceItems: (kind) => readReferenceItems(store, kind),

    walletOperators: () => enabledWalletOperators(store),
  }
}
