/**
 * The screen check itself (tests/e2e/support/screen.ts) must be able to fail: a page with a
 * nameless button and an image without alt text is refused, and an excluded region is skipped.
 */
import { expect, test } from '@playwright/test'
import { axeViolations, checkScreen } from './support/screen'

const BROKEN = `<!doctype html><html lang="en"><head><title>broken</title></head><body>
  <main><h1>Broken screen</h1>
    <div class="widget"><button type="button"></button></div>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  </main></body></html>`

test.beforeEach(() => {
  test.skip(test.info().project.name !== 'landscape', 'the checker, not a screen: once is enough')
})

test('a nameless button and an image without alt text fail the screen check', async ({ page }) => {
  await page.setContent(BROKEN)
  const ids = (await axeViolations(page)).map((v) => v.id)
  expect(ids).toEqual(expect.arrayContaining(['button-name', 'image-alt']))
  await expect(checkScreen(page, 'screen-check-broken')).rejects.toThrow(/button-name/)
})

test('an excluded region is not checked; the rest still is', async ({ page }) => {
  await page.setContent(BROKEN)
  const ids = (await axeViolations(page, ['.widget'])).map((v) => v.id)
  expect(ids).not.toContain('button-name')
  expect(ids).toContain('image-alt')
})
