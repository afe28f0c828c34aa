/**
 * One single-flight loop of the sync engine (pull, push or heartbeat): a trigger while a run is in
 * progress is coalesced into one more run after it, so runs never overlap; after each run the loop
 * plans its next one (the interval after a success, a back-off after a failure).
 */
import type { Logger } from '../log'
import { backoffDelay, type BackoffPolicy } from './backoff'
import type { SyncTimers } from './engine-types'

/** Timers that never keep the process alive. */
export const defaultTimers: SyncTimers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms)
    handle.unref()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** An error as `name: message`, for the log. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/** One single-flight loop with its own schedule and failure count. */
export interface Loop<R> {
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

/** What every loop of one engine shares. */
export interface LoopEnv {
  timers: SyncTimers
  log: Pick<Logger, 'error'>
  random: () => number
  policy: BackoffPolicy
  /** True while the engine is started and not stopped: only then are runs planned. */
  live: () => boolean
}

/**
 * Creates a loop running `body`; `after` names the wait before the next run (undefined: none).
 * A body that throws is a bug, not the network: it is logged and retried after a back-off.
 */
export function createLoop<R>(
  env: LoopEnv,
  name: string,
  body: () => Promise<R>,
  after: (report: R) => number | undefined,
): Loop<R> {
  const { timers, log, random, policy, live } = env
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
          if (next !== undefined && live()) loop.schedule(next)
          return report
        } catch (error) {
          log.error(`sync.${name}.crashed`, { error: errorText(error) })
          loop.failures++
          if (live()) loop.schedule(backoffDelay(loop.failures, random, policy))
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
export function nextDelay(
  env: Pick<LoopEnv, 'random' | 'policy'>,
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
  const wait = backoffDelay(loop.failures, env.random, env.policy)
  return retryAfter !== undefined ? Math.max(wait, retryAfter) : wait
}
