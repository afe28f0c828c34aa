/**
 * The wait before an SMS code may be sent again (or before a code runs out): whole seconds left,
 * shown on the resend button. It counts down to a deadline rather than subtracting one per tick,
 * so a late tick (a busy page, a throttled timer) never makes the wait longer than the core's,
 * and its timer runs only while there is something to count; it stops when the scope ends.
 */
import { useIntervalFn } from '@vueuse/core'
import { computed, readonly, ref, type ComputedRef, type Ref } from 'vue'

export interface UseSmsCountdownOptions {
  /**
   * How often `remaining` is recomputed while counting, in milliseconds.
   * @default 1000
   */
  interval?: number
  /**
   * The clock, in milliseconds since the epoch.
   * @default Date.now
   */
  now?: () => number
}

export interface UseSmsCountdownReturn {
  /** Whole seconds left, rounded up: 60 right after `start(60)`, 0 once over or stopped. */
  remaining: Readonly<Ref<number>>
  /** `remaining` is above 0. */
  counting: ComputedRef<boolean>
  /**
   * Starts counting down from `seconds`, or again from `seconds` if already counting.
   * Anything but a positive finite number stops it instead.
   */
  start: (seconds: number) => void
  /** Stops counting; `remaining` is 0. */
  stop: () => void
}

/** A countdown in whole seconds for an SMS code's resend wait or validity (call in a scope). */
export function useSmsCountdown(options: UseSmsCountdownOptions = {}): UseSmsCountdownReturn {
  const { interval = 1000, now = Date.now } = options
  const remaining = ref(0)
  let deadline = 0

  const ticker = useIntervalFn(update, interval, { immediate: false })

  function update(): void {
    remaining.value = Math.max(0, Math.ceil((deadline - now()) / 1000))
    if (remaining.value === 0) ticker.pause()
  }

  function start(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds <= 0) return stop()
    deadline = now() + seconds * 1000
    update()
    ticker.resume()
  }

  function stop(): void {
    ticker.pause()
    deadline = 0
    remaining.value = 0
  }

  return {
    remaining: readonly(remaining),
    counting: computed(() => remaining.value > 0),
    start,
    stop,
  }
}
