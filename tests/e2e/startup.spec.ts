/**
 * Renderer start-up (renderer/main.ts, docs/architecture.md "Renderer start-up"): attract is built
 * while the core's `terminal.info` answer is on its way, hidden, and shown only once the answer
 * is in, complete. Each frame of a start-up with a slow answer is sampled.
 */
import { expect, test } from './support/kiosk'

interface Frame {
  /** The shell is still hidden (`#app[data-starting]`). */
  hidden: boolean
  attract: boolean
  ready: boolean
  services: number
}

test('attract is built while terminal.info is on its way and shown only complete', async ({
  kiosk,
  page,
}) => {
  // Slower than attract takes to build, faster than the longest the shell waits for it.
  await page.route('**/api/terminal.info', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 250))
    await route.continue()
  })
  await page.addInitScript(() => {
    const frames: Frame[] = ((window as unknown as { __frames: Frame[] }).__frames = [])
    const sample = () => {
      const app = document.querySelector('#app')
      if (app)
        frames.push({
          hidden: app.hasAttribute('data-starting'),
          attract: document.querySelector('main.attract') !== null,
          ready: document.querySelector('main[data-ready]') !== null,
          services: document.querySelectorAll('.attract__service').length,
        })
      requestAnimationFrame(sample)
    }
    requestAnimationFrame(sample)
  })
  await kiosk.open()
  const frames = await page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames)
  // Built before the answer: the work of the first render did not wait for the core.
  expect(frames.some((f) => f.hidden && f.attract && !f.ready)).toBe(true)
  // Never shown incomplete: every visible frame of attract has the answer and its services.
  const shown = frames.filter((f) => !f.hidden && f.attract)
  expect(shown.length).toBeGreaterThan(0)
  for (const frame of shown) expect(frame).toMatchObject({ ready: true, services: 10 })
})
