/**
 * The web host in a real browser: a page opened at localhost works as well as one at 127.0.0.1
 * (the guard accepts the Origin of the Host the page addressed). Other origins are refused in
 * tests/unit/web/host-guard.test.ts: Chromium's own local-network rules stop a fetch from a page
 * of another origin before it reaches the host, so a browser cannot show the host's refusal.
 */
import { expect, test } from '@playwright/test'
import { kioskHosts } from './support/hosts'

test('a page opened at localhost loads and starts a session', async ({ page }) => {
  const host = kioskHosts(test.info().parallelIndex).standard
  const url = new URL(host.url)
  await page.goto(`http://localhost:${url.port}/?token=${host.token}`)
  await expect(page.locator('main[data-screen="attract"][data-ready="true"]')).toBeVisible()
  await page.getByTestId('touch-to-start').tap()
  await expect(page.locator('main[data-screen="home"]')).toBeVisible()
  await page.getByTestId('nav-finish').click()
  await expect(page.locator('main[data-screen="attract"]')).toBeVisible()
})
