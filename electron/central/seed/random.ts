/**
 * The demo data's fixed PRNG seed and as-of date, the PRNG itself and the UTC calendar arithmetic
 * the generators share. Nothing here reads the clock or Math.random, so every build is identical.
 */

/** The PRNG seed of the demo data. Changing it changes every generated amount. */
export const DEMO_SEED = 20_260_101
/** Records and tax rows are generated up to this date, whatever the clock says. */
export const SEED_AS_OF = '2026-10-31'

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; good enough for demo data. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** An integer in [min, max] from the PRNG. */
export function intBetween(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1))
}

/** `YYYY-MM`. */
export function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`
}
/** `YYYY-MM-DD`. */
export function ymd(year: number, month: number, day: number): string {
  return `${ym(year, month)}-${String(day).padStart(2, '0')}`
}
/** Months from `from` to `to` inclusive, as [year, month] pairs. */
export function monthsBetween(from: string, to: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    out.push([y, m])
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}
/** The month after, as a [year, month] pair. */
export function nextMonth(year: number, month: number): [number, number] {
  return month === 12 ? [year + 1, 1] : [year, month + 1]
}
