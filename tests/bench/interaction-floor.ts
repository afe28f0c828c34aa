/**
 * The rig's floor for a touch: the same taps, driven the same way (Playwright's `tap()` with the
 * bench's pace and CPU slow-down, in the same headless Chromium), on a page that is nothing but
 * one key and the line it types into — no framework, one text change per tap. Whatever Event
 * Timing reports for it is what this rig charges any page for a tap: the synthetic touch's
 * journey through the browser to the page (input delay) and the wait for the next frame
 * (presentation). Read against it, a kiosk key's figure says what the kiosk itself adds.
 *
 * Measured here first (2026-12-05, unthrottled, 30 taps): click 32 ms = delay 14.5 + processing
 * 0.1 + presentation 17.2, every tap; the same page clicked with the mouse instead: 16 ms
 * (delay 1.3). So a tap's figure on this rig never goes under 32 ms, whatever the page does.
 */
import type { Browser } from '@playwright/test'
import { percentile } from './browser-host'

export interface FloorFigures {
  /** Event Timing duration per tap (the longest event of its interaction; 16 when none). */
  durations: number[]
  /** Median split of those entries: input delay, processing, presentation (ms). */
  split: [number, number, number] | null
}

const PAGE = `<!doctype html><html lang="en"><meta charset="utf-8">
<style>
  body { margin: 0; font: 32px sans-serif; display: grid; place-items: center; height: 100vh }
  button { width: 200px; height: 120px; font: inherit; touch-action: manipulation }
</style>
<output id="line"></output><button id="key" type="button">1</button>
<script>
  window.__floor = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.interactionId) window.__floor.push({ id: e.interactionId, d: e.duration,
        delay: e.processingStart - e.startTime, proc: e.processingEnd - e.processingStart,
        pres: e.startTime + e.duration - e.processingEnd })
  }).observe({ type: 'event', durationThreshold: 16, buffered: true })
  const line = document.getElementById('line')
  document.getElementById('key').addEventListener('click', () => {
    line.textContent = (line.textContent + '1').slice(-18)
  })
</script>`

/** Taps the floor page `taps` times in a fresh context of `browser`, CPU slowed `rate` times. */
export async function measureTapFloor(
  browser: Browser,
  rate: number,
  viewport: { width: number; height: number },
  taps = 30,
): Promise<FloorFigures> {
  const context = await browser.newContext({ viewport, hasTouch: true })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate })
    await page.setContent(PAGE)
    await page.waitForTimeout(500)
    const key = page.locator('#key')
    for (let i = 0; i < taps; i++) await key.tap()
    await page.waitForTimeout(600)
    type Entry = { id: number; d: number; delay: number; proc: number; pres: number }
    const entries = await page.evaluate(() => (window as unknown as { __floor: Entry[] }).__floor)
    const worst = new Map<number, Entry>()
    for (const e of entries) {
      const seen = worst.get(e.id)
      if (!seen || e.d > seen.d) worst.set(e.id, e)
    }
    const measured = [...worst.values()]
    const durations = [
      ...measured.map((e) => e.d),
      ...Array<number>(Math.max(0, taps - measured.length)).fill(16),
    ]
    const mid = (pick: (e: Entry) => number) => percentile(measured.map(pick), 50)
    return {
      durations,
      split: measured.length ? [mid((e) => e.delay), mid((e) => e.proc), mid((e) => e.pres)] : null,
    }
  } finally {
    await context.close()
  }
}
