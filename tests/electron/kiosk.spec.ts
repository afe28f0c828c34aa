/**
 * The main flows in the real Electron app: the page talks to the core through the
 * preload bridge and `ipcMain`, not the web host. Sign-in by ID number + SMS, the wallet binding
 * flow up to its first choice, and printing a tax certificate on the simulated A4 printer.
 * Skipped, with the reason, where no Electron binary exists (support/electron-binary.ts).
 */
import { expect, RESIDENTS, test } from './support/app'

test('starts in kiosk mode with the DEMO badge and the bridge, nothing else exposed', async ({
  kiosk,
}) => {
  await expect(kiosk.page.getByTestId('demo-badge')).toBeVisible()
  const exposed = await kiosk.page.evaluate(() => ({
    kiosk: Object.keys((window as unknown as { kiosk: object }).kiosk).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }))
  expect(exposed).toEqual({ kiosk: ['call', 'on'], require: 'undefined', process: 'undefined' })
  expect(
    await kiosk.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length),
  ).toBe(1)
})

test('sign-in: ID number and SMS code through the bridge', async ({ kiosk }) => {
  await kiosk.signIn(RESIDENTS.lin)
  await kiosk.page.getByTestId('nav-finish').tap()
  await expect(kiosk.screen('attract')).toBeVisible()
})

test('bind: a signed-in resident reaches the wallet binding steps', async ({ kiosk }) => {
  await kiosk.start()
  await kiosk.page.locator('[data-testid="service-tile"][data-service="fund.bind"]').tap()
  await kiosk.signIn(RESIDENTS.chen)
  await expect(kiosk.page.locator('main[data-screen^="fund-bind-"]')).toBeVisible()
  await expect(kiosk.page.getByTestId('fund-account')).toBeVisible()
})

test('print: a tax certificate prints on the simulated A4 printer', async ({ kiosk }) => {
  await kiosk.start()
  await kiosk.page.locator('[data-testid="service-tile"][data-service="tax.certificate"]').tap()
  await kiosk.signIn(RESIDENTS.lin)
  await expect(kiosk.screen('tax-certificate-range')).toBeVisible()
  await kiosk.page.getByTestId('cert-issue').tap()
  await expect(kiosk.screen('tax-certificate-preview')).toBeVisible()
  await kiosk.page.getByTestId('cert-print').tap()
  await expect(kiosk.screen('tax-certificate-done')).toBeVisible({ timeout: 30_000 })
  await expect(kiosk.page.getByTestId('cert-result')).not.toContainText(/错误代码|Error code/)
})
