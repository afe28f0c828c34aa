/**
 * The check every screen test ends with: saves a screenshot to
 * `test-results/screens/<name>-<width>x<height>.png` (to be looked at), fails when the screen
 * runs past its frame (a resident would have to scroll: lists are paged, an answer takes the
 * input's place) and runs axe-core, failing on any serious or critical violation.
 *
 * axe-core is injected once per page and run in it with `axe.run`. `@axe-core/playwright`'s
 * `analyze()` re-injects axe (~550 KB) on every call and then opens a blank page of its own to
 * merge frame results: 1.2–2.7 s a screen, against 0.1–0.2 s here (measured on the identity
 * screens; the kiosk is one document with no iframes, so there is nothing to merge).
 */
import axe from 'axe-core'
import { expect, type Page } from '@playwright/test'

export const SCREENS_DIR = 'test-results/screens'

export interface CheckScreenOptions {
  /** CSS selectors axe should skip (a third-party widget, say); keep this rare and explained. */
  exclude?: string[]
  /**
   * Why this screen may run past its frame, so that the resident scrolls it (a document shown at
   * its printed size, say). Every other screen must fit; keep this rare and explained.
   */
  scrolls?: string
}

/** A certificate's preview is the page it will print, at that size: the resident scrolls it. */
export const PREVIEW_SCROLLS: CheckScreenOptions = {
  scrolls: 'a certificate is previewed at its printed size',
}

type Violation = axe.Result

function describe(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
      return `[${v.impact}] ${v.id}: ${v.help}\n${nodes.join('\n')}`
    })
    .join('\n')
}

/** The page's axe violations (all rules axe runs by default; violations only are collected). */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<Violation[]> {
  // `evaluate` runs outside the page's CSP, which forbids inline and injected scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source)
  return page.evaluate(async (skip) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run
    const results = await run({ exclude: skip.map((s) => [s]) }, { resultTypes: ['violations'] })
    return results.violations
  }, exclude)
}

/** Screenshots the page and fails on serious or critical axe-core violations. */
export async function checkScreen(
  page: Page,
  name: string,
  options: CheckScreenOptions = {},
): Promise<void> {
  const size = page.viewportSize()
  const suffix = size ? `${size.width}x${size.height}` : 'unknown'
  await page.screenshot({ path: `${SCREENS_DIR}/${name}-${suffix}.png`, animations: 'disabled' })
  if (!options.scrolls) {
    const overflow = await frameOverflow(page)
    expect(overflow, `${name} runs ${overflow} px past its frame`).toBe(0)
  }
  const violations = await axeViolations(page, options.exclude)
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(blocking, `axe-core on ${name}:\n${describe(blocking)}`).toEqual([])
}

/**
 * How far the screen's content overflows its frame (0 when it fits): lists are paged so that a
 * resident never has to scroll, the hardest touch gesture for the residents elder mode is for.
 */
export async function frameOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const body = document.querySelector('.screen-frame__body')
    return body ? Math.max(0, body.scrollHeight - body.clientHeight) : 0 // attract has no frame
  })
}
