/**
 * The centre's notices, service hours and wallet guide against the web host: with the QA clock on
 * a Saturday afternoon the fund and tax tiles are closed and say when they open, help stays open,
 * and the staff override opens them; the expired demo notice is shown nowhere; the wallet guide
 * shows each operator's steps, hotline and QR code. Every screen in Chinese, English and elder
 * mode, with an axe-core check (both viewport projects: landscape and portrait).
 */
import type { Page } from '@playwright/test'
import { coreCall, qa, signIn } from './support/identity'
import { expect, test, type Kiosk } from './support/kiosk'
import { checkScreen } from './support/screen'
import { enterStaff, leaveStaff } from './support/staff'

/** Saturday 12 December 2026, 13:00 in Beijing: fund opens Monday 08:30, tax Monday 09:00. */
const SATURDAY_AFTERNOON = '2026-12-12T13:00:00+08:00'
const EXPIRED = 'maintenance-2025-11'

const tile = (page: Page, service: string) =>
  page.locator(`[data-testid="service-tile"][data-service="${service}"]`)

/**
 * Screenshot + axe in Chinese, English, and elder mode (Chinese), then back; `check` runs on each
 * of the three too.
 */
async function shots(
  kiosk: Kiosk,
  name: string,
  check: () => Promise<void> = async () => {},
): Promise<void> {
  await check()
  await checkScreen(kiosk.page, `notices-${name}`)
  await kiosk.switchLanguage('en')
  await check()
  await checkScreen(kiosk.page, `notices-${name}-en`)
  await kiosk.switchLanguage('zh-CN')
  if (await kiosk.page.getByRole('switch').isVisible()) {
    await kiosk.setElder(true)
    await check()
    await checkScreen(kiosk.page, `notices-${name}-elder`)
    await kiosk.setElder(false)
  }
}

/** The same screen in elder mode: the switch is on home, so go there, switch, come back. */
async function elderShot(kiosk: Kiosk, name: string, reopen: () => Promise<void>): Promise<void> {
  await kiosk.page.getByTestId('nav-home').tap()
  await kiosk.setElder(true)
  await reopen()
  await checkScreen(kiosk.page, `notices-${name}-elder`)
  await kiosk.page.getByTestId('nav-home').tap()
  await kiosk.setElder(false)
}

test.describe.configure({ mode: 'serial' })
test.setTimeout(120_000)

// The terminal is shared with other specs: the real clock comes back whatever happens.
test.afterEach(async ({ kiosk }) => {
  await coreCall(kiosk, 'qa.setClock', { at: null })
})

test('outside hours tiles are closed and say when they open; staff open them', async ({
  kiosk,
  page,
}) => {
  await qa(kiosk, 'qa.setClock', { at: SATURDAY_AFTERNOON })
  // Attract: the newest important notice, never the expired one.
  await page.reload()
  await expect(page.getByTestId('attract-notice')).toHaveAttribute('data-notice', 'holiday-hours')
  await checkScreen(page, 'notices-attract')
  await kiosk.switchLanguage('en')
  await expect(page.getByTestId('attract-notice')).toContainText('Spring Festival')
  await checkScreen(page, 'notices-attract-en')
  await kiosk.switchLanguage('zh-CN')

  await kiosk.start()
  const bind = tile(page, 'fund.bind')
  await expect(bind).toHaveAttribute('aria-disabled', 'true')
  await expect(bind.locator('[data-reason="CLOSED"]')).toContainText('周一 08:30 开放')
  await expect(tile(page, 'tax.records')).toContainText('周一 09:00 开放')
  for (const open of ['help.faq', 'wallet.guide', 'help.callStaff']) {
    await expect(tile(page, open)).toHaveAttribute('aria-disabled', 'false')
  }
  // A resident's touch (Playwright itself waits for an aria-disabled element to become enabled).
  await bind.tap({ force: true })
  await page.waitForTimeout(500)
  await expect(kiosk.screen('home')).toBeVisible()
  await kiosk.switchLanguage('en')
  await expect(bind).toContainText('Opens Mon 08:30')
  await kiosk.switchLanguage('zh-CN')
  // What stays open is said once, above the tiles, so that every tile (feedback and call staff
  // last) is still on screen, in both languages and in elder mode.
  await shots(kiosk, 'home-closed', async () => {
    await expect(page.getByTestId('home-hint')).toContainText(/随时可用|always open/)
    for (const each of await page.getByTestId('service-tile').all())
      await expect(each).toBeInViewport({ ratio: 1 })
  })

  // The notices list: title, date, body; the expired notice is not there.
  await page.getByTestId('notices-strip').tap()
  await expect(kiosk.screen('notices')).toBeVisible()
  await expect(page.getByTestId('notice')).toHaveCount(3)
  await expect(page.locator(`[data-notice="${EXPIRED}"]`)).toHaveCount(0)
  await expect(page.locator('[data-notice="holiday-hours"]')).toContainText('发布日期 2026-11-20')
  await shots(kiosk, 'list')
  await elderShot(kiosk, 'list', async () => {
    await page.getByTestId('notices-strip').tap()
    await expect(kiosk.screen('notices')).toBeVisible()
  })
  await kiosk.finish()

  // Staff open the closed services for the rest of the day, from the dashboard.
  await enterStaff(kiosk)
  await expect(page.getByTestId('staff-hours-closed')).toContainText('绑定钱包')
  await page.getByTestId('staff-open-hours').tap()
  await expect(page.getByTestId('staff-hours-override')).toContainText('12/12 23:59')
  await checkScreen(page, 'notices-staff-override')
  await kiosk.switchLanguage('en')
  await checkScreen(page, 'notices-staff-override-en')
  await kiosk.switchLanguage('zh-CN')
  await leaveStaff(kiosk)
  await kiosk.start()
  await expect(tile(page, 'fund.bind')).toHaveAttribute('aria-disabled', 'false')
  await expect(tile(page, 'tax.records')).toHaveAttribute('aria-disabled', 'false')
  await kiosk.finish()

  // And back to the hours: the tiles close again.
  await enterStaff(kiosk)
  await page.getByTestId('staff-close-hours').tap()
  await expect(page.getByTestId('staff-hours-closed')).toBeVisible()
  await leaveStaff(kiosk)
  await kiosk.start()
  await expect(tile(page, 'fund.bind')).toHaveAttribute('aria-disabled', 'true')
  await kiosk.finish()
})

test('the expired notice is shown nowhere; fund and tax screens show their own', async ({
  kiosk,
  page,
}) => {
  const { notices } = await qa(kiosk, 'terminal.notices', {})
  expect(notices.map((n) => n.key)).not.toContain(EXPIRED)
  expect(notices.length).toBeGreaterThanOrEqual(3)
  await kiosk.start()
  await tile(page, 'tax.certificate').tap()
  await expect(kiosk.screen('identity-choose')).toBeVisible()
  await signIn(kiosk, 'lin')
  await expect(kiosk.screen('tax-certificate-range')).toBeVisible()
  await expect(page.getByTestId('notices-tax')).toContainText('个人所得税年度汇算')
  await expect(page.getByTestId('notices-tax')).not.toContainText('数字钱包')
  await shots(kiosk, 'tax-certificate-notices')
  await page.getByTestId('nav-home').tap()
  await tile(page, 'fund.query').tap()
  await expect(kiosk.screen('fund-balance')).toBeVisible()
  await expect(page.getByTestId('notices-fund')).toContainText('公积金绑定数字钱包业务上线')
  await shots(kiosk, 'fund-balance')
  await kiosk.finish()
})

test('the wallet guide shows steps, hotline and a QR code for each operator', async ({
  kiosk,
  page,
}) => {
  await kiosk.start()
  await tile(page, 'wallet.guide').tap()
  await expect(kiosk.screen('wallet-guide')).toBeVisible()
  await expect(page.getByTestId('guide-warning')).toContainText('官方 App')
  await page.locator('[data-operator="BOC"]').tap()
  await expect(page.getByTestId('guide-steps').locator('li')).toHaveCount(4)
  await expect(page.getByTestId('guide-steps')).toContainText('16 位钱包编号')
  await expect(page.getByTestId('guide-steps')).toContainText('二类或三类')
  await expect(page.getByTestId('guide-hotline')).toContainText('95566')
  const qr = page.getByTestId('guide-qr')
  await expect(qr).toBeVisible()
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
  await shots(kiosk, 'wallet-guide')
  await elderShot(kiosk, 'wallet-guide', async () => {
    await tile(page, 'wallet.guide').tap()
    await expect(page.getByTestId('guide-steps')).toBeVisible()
  })
  await kiosk.finish()
})
