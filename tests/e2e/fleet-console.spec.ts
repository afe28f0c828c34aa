/**
 * The hall console in Chromium against a real fleet service and a real kiosk reporting to it: a
 * resident's call shows on the console within 2 s, "I'm going" shows on the kiosk, out of service
 * from the console reaches the kiosk's attract within one heartbeat, and the usage counts the
 * session just made. Screenshots and axe on the console.
 */
import { expect, test, type Page } from '@playwright/test'
import { startFleetHall, type FleetHall } from './support/fleet-host'
import { kioskHosts } from './support/hosts'
import { Kiosk } from './support/kiosk'
import { checkScreen } from './support/screen'

test.describe.configure({ mode: 'serial' })

let hall: FleetHall | undefined

test.afterAll(async () => {
  await hall?.close()
})

async function signIn(page: Page, consoleUrl: string): Promise<void> {
  await page.goto(consoleUrl)
  await page.getByLabel('用户名').fill('demo-staff')
  await page.getByLabel('密码').fill('wrong-password')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByTestId('sign-in-error')).toHaveText('用户名或密码不正确。')
  await page.getByLabel('密码').fill('fleet-demo-1357')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByTestId('terminal').first()).toBeVisible()
}

test('a call reaches the console, "I\'m going" the kiosk, out of service the attract screen', async ({
  page,
  browser,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'landscape', 'one run is enough: the console is a desk page')
  test.setTimeout(180_000)
  hall = await startFleetHall(kioskHosts(testInfo.parallelIndex).standard)
  const kiosk = new Kiosk(page, hall.kiosk)
  await kiosk.open()

  // The console in a context of its own (no cookie shared with the kiosk page).
  const desk = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
  })
  const consolePage = await desk.newPage()
  await signIn(consolePage, hall.consoleUrl)
  await expect(consolePage.locator('[data-terminal="FZ-GJJ-T003"]')).toContainText(
    '凭条打印机纸量不足',
  )
  // The kiosk reports (its version shows); what its devices say is its own business here.
  const terminal = consolePage.locator('[data-terminal="FZ-GJJ-T001"]')
  await expect(terminal).toContainText('版本 0.1.0')
  await expect(terminal.getByTestId('terminal-state')).not.toHaveText(/离线|从未联系/)
  // Another hall's terminals are not this account's to see.
  await expect(consolePage.locator('[data-terminal="FZ-CS-T001"]')).toHaveCount(0)

  await kiosk.start()
  await kiosk.tiles().filter({ hasText: '投诉反馈' }).tap()
  // The call names the screen it came from: the feedback screen must be there first (its code
  // may still be loading on a busy machine; the call then said "home").
  await expect(kiosk.screen('help-feedback')).toBeVisible()
  const calledAt = Date.now()
  await page.getByTestId('call-staff').tap()
  await expect(page.getByTestId('call-staff-done')).toContainText('已通知工作人员')
  const call = consolePage.getByTestId('call').first()
  await expect(call).toContainText('help-feedback', { timeout: 2000 })
  expect(Date.now() - calledAt).toBeLessThan(2000)
  await expect(call.getByTestId('call-waited')).toContainText('已等 0 分')
  await checkScreen(consolePage, 'fleet-console-call')

  await call.getByTestId('call-going').click()
  await expect(call).toContainText('正在赶去')
  await expect(page.getByTestId('call-staff-done')).toContainText('工作人员正在赶来', {
    timeout: 5000,
  })
  await checkScreen(page, 'fleet-kiosk-staff-coming')
  await call.getByTestId('call-handled').click()
  await expect(consolePage.getByTestId('call')).toHaveCount(0)
  await page.getByTestId('call-staff-close').tap()
  await kiosk.finish()

  await consolePage.getByLabel('暂停原因（显示在终端屏幕上）').fill('网络维护，请到 3 号窗口办理')
  await terminal.getByTestId('terminal-out-of-service').click()
  await expect(terminal.getByTestId('terminal-pending')).toContainText('暂停服务')
  const sentAt = Date.now()
  await expect(page.locator('.attract__out-of-service')).toContainText(
    '网络维护，请到 3 号窗口办理',
    {
      timeout: 16_000,
    },
  )
  expect(Date.now() - sentAt).toBeLessThan(16_000)
  await expect(terminal.getByTestId('terminal-state')).toHaveText(
    '暂停服务：网络维护，请到 3 号窗口办理',
    {
      timeout: 16_000,
    },
  )
  await checkScreen(page, 'fleet-kiosk-out-of-service')

  // The session just made is counted (usage reloads after each command).
  await expect(
    consolePage.locator('[data-testid="usage-table"] tr[data-service="session"] td').first(),
  ).toHaveText('1', { timeout: 10_000 })
  await checkScreen(consolePage, 'fleet-console-hall')
  await terminal.getByTestId('terminal-resume').click()
  await expect(page.locator('.attract__out-of-service')).toHaveCount(0, { timeout: 16_000 })

  await consolePage.getByRole('button', { name: 'English' }).click()
  await expect(consolePage.locator('html')).toHaveAttribute('lang', 'en')
  await expect(terminal.getByTestId('terminal-state')).not.toHaveText(/暂停|Out of service/)
  await expect(terminal).toContainText('Version 0.1.0')
  await checkScreen(consolePage, 'fleet-console-en')
  await consolePage.getByTestId('sign-out').click()
  await expect(consolePage.getByTestId('sign-in')).toBeVisible()
  await checkScreen(consolePage, 'fleet-console-sign-in')
  // Signed out, the API answers nothing.
  expect(
    (await consolePage.request.get(`${hall.consoleUrl}../console/api/overview`)).status(),
  ).toBe(401)
  await desk.close()
})
