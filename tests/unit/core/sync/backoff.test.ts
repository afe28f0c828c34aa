import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from '../../../../electron/core/sync'

describe('back-off', () => {
  it('doubles from 1 s and is capped at 60 s', () => {
    const ceilings = Array.from({ length: 10 }, (_, i) => backoffCeiling(i + 1))
    expect(ceilings).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000,
    ])
    expect(backoffCeiling(0)).toBe(0)
    expect(backoffCeiling(10_000)).toBe(60_000) // no overflow to Infinity
  })

  it('full jitter: a draw of r waits r × ceiling, within [floor, ceiling]', () => {
    expect(backoffDelay(3, () => 0.5)).toBe(2000)
    expect(backoffDelay(3, () => 0)).toBe(DEFAULT_BACKOFF.floorMs)
    expect(backoffDelay(3, () => 0.999999)).toBeLessThanOrEqual(4000)
    expect(backoffDelay(50, () => 0.999999)).toBeLessThanOrEqual(60_000)
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, r) => {
          const wait = backoffDelay(failures, () => r)
          return (
            wait >= DEFAULT_BACKOFF.floorMs && wait <= Math.min(60_000, 1000 * 2 ** (failures - 1))
          )
        },
      ),
    )
  })

  it('honours a custom policy', () => {
    const policy = { baseMs: 10, capMs: 50, floorMs: 1 }
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 0.999999999, policy))).toEqual([
      9, 19, 39, 49, 49,
    ])
  })
})
