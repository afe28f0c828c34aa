/**
 * The check every screen test ends with: saves a screenshot to
 * `test-results/screens/<name>-<width>x<height>.png` (to be looked at) and runs axe-core,
 * failing on any serious or critical violation (UX.md "Languages and accessibility").
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export const SCREENS_DIR = 'test-results/screens'

export interface CheckScreenOptions {
  /** CSS selectors axe should skip (a third-party widget, say); keep this rare and explained. */
  exclude?: string[]
}

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number]

function describe(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
      return `[${v.impact}] ${v.id}: ${v.help}\n${nodes.join('\n')}`
    })
    .join('\n')
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
  let builder = new AxeBuilder({ page })
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector)
  const { violations } = await builder.analyze()
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(blocking, `axe-core on ${name}:\n${describe(blocking)}`).toEqual([])
}
