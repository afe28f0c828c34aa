/**
 * Waiting for the centre's answer to one outbox item without polling: a submission pushes at once
 * and is told when a push run has answered its item (the push loop settles the waiters after every
 * run), when the push cannot reach the centre, or when its time is up — whichever comes first.
 */
import type { Outbox, OutboxItem } from '../store'

/** The answer of a push as far as a waiter cares: did the run get through to the centre? */
export interface PushOutcome {
  outcome: string
}

/** Timers the waiters use (the engine's, so tests and the unref'd defaults apply). */
export interface WaiterTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** True once the centre answered the item (accepted, rejected or a conflict). */
export const isAnswered = (item: OutboxItem | undefined): boolean =>
  item !== undefined && item.state !== 'queued' && item.state !== 'sent'

/** The waiters of one engine. */
export interface AnswerWaiters {
  /**
   * Resolves with item `key` once it is answered, when a push did not drain the outbox (the
   * centre is away or the loop backs off), or after `timeoutMs`: the item as it stands then.
   * `push` runs the engine's push; it is called at most twice (the first call may only join a run
   * that started before the item was enqueued).
   */
  wait(
    key: string,
    timeoutMs: number,
    push: () => Promise<PushOutcome>,
  ): Promise<OutboxItem | undefined>
  /** Tells the waiters a push run ended: those whose item is answered resolve. */
  settle(): void
}

/** Creates the waiters over `outbox`. */
export function createAnswerWaiters(outbox: Outbox, timers: WaiterTimers): AnswerWaiters {
  const waiting = new Map<symbol, { key: string; done: () => void }>()

  return {
    wait(key, timeoutMs, push) {
      if (isAnswered(outbox.get(key))) return Promise.resolve(outbox.get(key))
      return new Promise((resolve) => {
        const id = Symbol(key)
        let finished = false
        const done = () => {
          if (finished) return
          finished = true
          timers.clearTimeout(timer)
          waiting.delete(id)
          resolve(outbox.get(key))
        }
        const timer = timers.setTimeout(done, Math.max(0, timeoutMs))
        waiting.set(id, { key, done })
        void (async () => {
          for (let run = 0; run < 2 && !finished; run++) {
            const report = await push().catch(() => ({ outcome: 'failed' }))
            // The centre cannot be reached (or the engine is backing off): no point in waiting.
            if (isAnswered(outbox.get(key)) || report.outcome !== 'drained') return done()
          }
          done()
        })()
      })
    },
    settle() {
      for (const { key, done } of [...waiting.values()]) {
        if (isAnswered(outbox.get(key))) done()
      }
    },
  }
}
