/**
 * Exponential back-off with full jitter and a cap (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): the n-th consecutive failure waits a uniformly random time in [0, min(cap, base·2ⁿ⁻¹)].
 * Full jitter spreads the retries of a hall full of terminals after the centre comes back, instead
 * of having them all knock at the same second.
 */

/** Back-off settings, ms. */
export interface BackoffPolicy {
  /** The ceiling of the first retry's wait (default 1 s). */
  baseMs: number
  /** No wait exceeds this (default 60 s). */
  capMs: number
  /** The smallest wait, so that a jitter draw near 0 does not spin (default 100 ms). */
  floorMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000, floorMs: 100 }

/** The ceiling of the wait after `failures` consecutive failures (no jitter). */
export function backoffCeiling(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0
  // 2 ** 30 already exceeds any sensible cap; clamping the exponent avoids Infinity.
  const exponential = policy.baseMs * 2 ** Math.min(failures - 1, 30)
  return Math.min(policy.capMs, exponential)
}

/**
 * The wait before the next try after `failures` consecutive failures.
 * @param random a source of uniform numbers in [0, 1) (injected so tests pin the jitter)
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = backoffCeiling(failures, policy)
  if (ceiling === 0) return 0
  const draw = Math.min(Math.max(random(), 0), 1)
  return Math.max(policy.floorMs, Math.min(ceiling, Math.floor(draw * ceiling)))
}
