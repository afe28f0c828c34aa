/**
 * How often one terminal may look application statuses up: the lookup needs no sign-in, only a
 * number and 4 characters the applicant knows, so the number of guesses is what protects it. The
 * centre counts every lookup that reaches it; the terminal counts those it answers from its own
 * outbox (a number of its own still waiting), so neither path is unlimited.
 */

/** Lookups one terminal may make per window. */
export const STATUS_LOOKUPS_PER_WINDOW = 30
/** The window: one minute (what the refusal tells the resident to wait at most). */
export const STATUS_LOOKUP_WINDOW_MS = 60_000

/** A fixed-window counter per key, in memory (a restart forgets it). */
export interface LookupLimiter {
  /** Counts one lookup; refused with the seconds to wait once the window's allowance is used. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number }
}

export function createLookupLimiter(
  limit = STATUS_LOOKUPS_PER_WINDOW,
  windowMs = STATUS_LOOKUP_WINDOW_MS,
): LookupLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    take(key, nowMs) {
      let window = windows.get(key)
      // A new window once the old one is over (or the clock went back): one entry per key, reused.
      if (!window || nowMs - window.start >= windowMs || nowMs < window.start) {
        window = { start: nowMs, count: 0 }
        windows.set(key, window)
      }
      if (window.count >= limit) {
        const wait = Math.ceil((window.start + windowMs - nowMs) / 1000)
        return { ok: false, retryAfterSeconds: Math.max(1, wait) }
      }
      window.count++
      return { ok: true }
    },
  }
}
