/**
 * The sync engine (docs/architecture.md): keeps the terminal's reference data
 * fresh, pushes the outbox, sends heartbeats, and tells the status bar whether the centre is
 * reachable and how fresh the data is.
 *
 * Three loops (pull, push, heartbeat; loop.ts), each single-flight. After a success a loop waits its
 * interval; after a failure it waits an exponential back-off with full jitter and a cap
 * (backoff.ts), or the centre's `retryAfterSeconds` when it is longer. All timers are `unref`'d so
 * the engine never keeps a process alive; every run catches its own errors (no unhandled
 * rejections); `stop()` aborts the calls in flight and waits for the runs to end. The connection
 * rule is in sync-state.ts, one pull in reference-pull.ts, one heartbeat in heartbeat.ts.
 */
import { statfs } from 'node:fs/promises'
import { MAX_BATCH_ITEMS } from '../../../shared/central'
import { createAnswerWaiters } from './answer-waiters'
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff'
import type { HeartbeatReport, PullReport, SyncEngine, SyncEngineDeps } from './engine-types'
import { sendHeartbeat } from './heartbeat'
import { createLoop, defaultTimers, nextDelay, type Loop, type LoopEnv } from './loop'
import { emptyPushReport, pushOutbox, type PushReport } from './outbox-push'
import {
  enabledWalletOperators,
  readReferenceItems,
  readSyncState,
  SYNC_STATE_KEYS,
} from './reference-cache'
import { pullReferenceData } from './reference-pull'
import { createSyncState } from './sync-state'

export * from './engine-types'

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
  const timers = deps.timers ?? defaultTimers
  const pullIntervalMs = config.pullIntervalMs ?? 30_000
  const pushIntervalMs = config.pushIntervalMs ?? 30_000
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
  const answers = createAnswerWaiters(outbox, timers)
  const env: LoopEnv = {
    timers,
    log,
    random: deps.random ?? Math.random,
    policy: { ...DEFAULT_BACKOFF, ...config.backoff } satisfies BackoffPolicy,
    live: () => started && !stopped,
  }

  const rejectedCount = (): number =>
    store.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM outbox WHERE state IN ('rejected', 'conflict')",
    )?.n ?? 0

  const lastPullAt = readSyncState(store, SYNC_STATE_KEYS.pulledAt) ?? null
  const state = createSyncState({
    initial: {
      connection: 'unknown',
      // After a restart the cache is as fresh as the last pull that filled it.
      lastSyncAt: lastPullAt,
      dataUpdatedAt: readSyncState(store, SYNC_STATE_KEYS.updatedAt) ?? null,
      lastPullAt,
      outboxPending: outbox.depth(),
      outboxRejected: rejectedCount(),
      failureStreak: 0,
      lastError: null,
      running: false,
    },
    status,
    log,
    clock,
    offlineAfter: Math.max(1, config.offlineAfterFailures ?? 2),
    centreBack: () => {
      if (env.live()) kickBackedOffLoops()
    },
  })
  const { publish, noteResult } = state

  const pullLoop: Loop<PullReport> = createLoop(
    env,
    'pull',
    () =>
      pullReferenceData({
        client,
        store,
        status,
        log,
        clock,
        signal: abort.signal,
        noteResult,
        publish,
      }),
    (report) =>
      report.outcome === 'stopped'
        ? undefined
        : nextDelay(
            env,
            pullLoop,
            report.outcome === 'applied' || report.outcome === 'unchanged',
            pullIntervalMs,
          ),
  )

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

  const pushLoop: Loop<PushReport> = createLoop(env, 'push', push, (report) =>
    report.outcome === 'stopped'
      ? undefined
      : nextDelay(
          env,
          pushLoop,
          report.outcome === 'drained',
          pushIntervalMs,
          report.failure?.retryAfterMs,
        ),
  )

  async function heartbeat(): Promise<HeartbeatReport> {
    const report = await sendHeartbeat({
      client,
      store,
      outbox,
      status,
      log,
      clock,
      config,
      startedAt,
      signal: abort.signal,
      freeDiskBytes,
      rejectedCount,
      lastSyncAt: () => state.current().lastSyncAt,
      noteResult,
    })
    // The centre says when it wants the next one; keep it within sane bounds.
    if (report.nextHeartbeatSeconds !== undefined) {
      heartbeatIntervalMs = Math.min(3600, Math.max(5, report.nextHeartbeatSeconds)) * 1000
    }
    return report
  }

  const heartbeatLoop: Loop<HeartbeatReport> = createLoop(env, 'heartbeat', heartbeat, (report) =>
    report.outcome === 'stopped'
      ? undefined
      : nextDelay(env, heartbeatLoop, report.outcome === 'sent', heartbeatIntervalMs),
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

  const crashedPush = (): PushReport => emptyPushReport('store-failed', outbox.depth())

  return {
    start() {
      if (started || stopped) return
      started = true
      status.update({
        connection: state.current().connection,
        lastSyncAt: state.current().lastSyncAt,
        dataUpdatedAt: state.current().dataUpdatedAt,
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
        state: { ...state.current() },
      }
    },

    pushNow,

    pushAndAwait: (key, timeoutMs) => answers.wait(key, timeoutMs, pushNow),

    pullNow: () => runReporting<PullReport>(pullLoop, { outcome: 'retry' }),

    onChange: state.onChange,

    state: () => ({ ...state.current() }),

    referenceItems: (kind) => readReferenceItems(store, kind),

    walletOperators: () => enabledWalletOperators(store),
  }
}
