/**
 * The SMS resend countdown both the identity flow and the fund confirmation show: whole seconds
 * to a deadline, a timer only while counting, nothing left behind when the scope ends.
 */
import { effectScope } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  useSmsCountdown,
  type UseSmsCountdownOptions,
} from '../../renderer/composables/use-sms-countdown'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-12-05T01:00:00.000Z'))
})
afterEach(() => vi.useRealTimers())

/** The countdown in a scope of its own, as a component or a store would hold it. */
function inScope(options?: UseSmsCountdownOptions) {
  const scope = effectScope()
  const countdown = scope.run(() => useSmsCountdown(options))!
  return { scope, countdown }
}

describe('useSmsCountdown', () => {
  it('counts down a second at a time from where it started, then stops its timer', () => {
    const { countdown } = inScope()
    expect(countdown.remaining.value).toBe(0)
    expect(countdown.counting.value).toBe(false)
    expect(vi.getTimerCount()).toBe(0)

    countdown.start(60)
    expect(countdown.remaining.value).toBe(60)
    expect(countdown.counting.value).toBe(true)
    vi.advanceTimersByTime(999)
    expect(countdown.remaining.value).toBe(60)
    vi.advanceTimersByTime(1)
    expect(countdown.remaining.value).toBe(59)
    vi.advanceTimersByTime(9_000)
    expect(countdown.remaining.value).toBe(50)
    vi.advanceTimersByTime(50_000)
    expect(countdown.remaining.value).toBe(0)
    expect(countdown.counting.value).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('follows the clock when ticks come late, never running longer than the wait', () => {
    const { countdown } = inScope()
    countdown.start(60)
    // The page was busy for 10 s: the clock moved, no tick ran.
    vi.setSystemTime(Date.now() + 10_000)
    vi.advanceTimersByTime(1_000)
    expect(countdown.remaining.value).toBe(49)
  })

  it('starts again from the new wait when started while counting', () => {
    const { countdown } = inScope()
    countdown.start(60)
    vi.advanceTimersByTime(30_000)
    countdown.start(60)
    expect(countdown.remaining.value).toBe(60)
    vi.advanceTimersByTime(1_000)
    expect(countdown.remaining.value).toBe(59)
    expect(vi.getTimerCount()).toBe(1)
  })

  it('rounds a part second up and counts it as a whole one', () => {
    const { countdown } = inScope()
    countdown.start(1.5)
    expect(countdown.remaining.value).toBe(2)
    vi.advanceTimersByTime(1_000)
    expect(countdown.remaining.value).toBe(1)
    vi.advanceTimersByTime(1_000)
    expect(countdown.remaining.value).toBe(0)
  })

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'treats a wait of %s as none: nothing to count, no timer',
    (seconds) => {
      const { countdown } = inScope()
      countdown.start(30)
      countdown.start(seconds)
      expect(countdown.remaining.value).toBe(0)
      expect(countdown.counting.value).toBe(false)
      expect(vi.getTimerCount()).toBe(0)
    },
  )

  it('stop() ends the wait at once', () => {
    const { countdown } = inScope()
    countdown.start(60)
    countdown.stop()
    expect(countdown.remaining.value).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(5_000)
    expect(countdown.remaining.value).toBe(0)
  })

  it('leaves no timer behind when its scope ends mid-count', () => {
    const { scope, countdown } = inScope()
    countdown.start(60)
    expect(vi.getTimerCount()).toBe(1)
    scope.stop()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(5_000)
    expect(countdown.remaining.value).toBe(60)
  })

  it('takes its tick and clock from the options', () => {
    let clock = 0
    const { countdown } = inScope({ interval: 250, now: () => clock })
    countdown.start(2)
    clock = 1_200
    vi.advanceTimersByTime(250)
    expect(countdown.remaining.value).toBe(1)
    clock = 2_000
    vi.advanceTimersByTime(250)
    expect(countdown.remaining.value).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('hands out a read-only count', () => {
    const { countdown } = inScope()
    countdown.start(10)
    // @ts-expect-error remaining is read-only
    countdown.remaining.value = 3
    expect(countdown.remaining.value).toBe(10)
  })
})
