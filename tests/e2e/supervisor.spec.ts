/**
 * Supervisor mode against the web host: the gesture and the demo PIN
 * open the dashboard; five wrong PINs lock entry; out of service shows its message on attract and
 * blocks services (and is undone in the same test: the hosts are shared by every spec); a reprint
 * produces the same receipt again.
 */
import { coreCall, qa } from './support/identity'
import { expect, test } from './support/kiosk'
import { pinyin, tapKeys } from './support/keyboard'
import { checkScreen } from './support/screen'
import { enterStaff, leaveStaff, staffGesture, typePin } from './support/staff'

test('the gesture and the demo PIN open the dashboard; leaving returns to attract', async ({
  kiosk,
  page,
}) => {
  await enterStaff(kiosk)
  await expect(page.locator('.staff__subtitle')).toContainText('FZ-GJJ-T001')
  await expect(page.getByTestId('staff-connection')).toHaveText(/已联网|离线服务|正在连接/)
  await expect(page.getByTestId('staff-sessions')).toHaveText(/\d+/)
  await expect(page.getByTestId('call-staff')).toHaveCount(0)
  await page.getByTestId('staff-verifyAudit').tap()
  await expect(page.getByTestId('staff-outcome')).toContainText('审计日志完整')
  await checkScreen(page, 'supervisor-dashboard')
  await leaveStaff(kiosk)
})

test('a resident session in progress ends when staff take over', async ({ kiosk, page }) => {
  test.skip(test.info().project.name !== 'landscape', 'behaviour checked in landscape')
  await kiosk.start()
  await staffGesture(kiosk)
  await typePin(kiosk, '246810')
  await expect(kiosk.screen('supervisor')).toBeVisible()
  await expect(page.getByTestId('nav-finish')).toHaveCount(0)
  await leaveStaff(kiosk)
})

test('out of service shows the message on attract and blocks services, then back', async ({
  kiosk,
  page,
}) => {
  await enterStaff(kiosk)
  await page.getByTestId('staff-oos-message').selectOption('系统维护，请到 3 号窗口办理')
  await page.getByTestId('staff-outOfService').tap()
  await expect(page.getByTestId('staff-confirm')).toBeVisible()
  await checkScreen(page, 'supervisor-confirm')
  await page.getByTestId('staff-confirm-ok').tap()
  try {
    await expect(page.getByTestId('staff-service-state')).toContainText('系统维护')
    await leaveStaff(kiosk)
    const notice = page.locator('.attract__out-of-service')
    await expect(notice).toContainText('系统维护，请到 3 号窗口办理')
    await expect(page.getByTestId('touch-to-start')).toHaveCount(0)
    await checkScreen(page, 'attract-out-of-service')
    // The core refuses services too, not only the screen.
    const info = await qa(kiosk, 'terminal.info', {})
    expect(info.status.services.filter((s) => s.available)).toEqual([])
    await enterStaff(kiosk)
  } finally {
    await page.getByTestId('staff-inService').tap()
  }
  await expect(page.getByTestId('staff-service-state')).toHaveText(/正常服务/)
  await leaveStaff(kiosk)
  await expect(page.getByTestId('touch-to-start')).toBeVisible()
})

test('out of service with a message of staff’s own, typed on the keyboard', async ({
  kiosk,
  page,
}) => {
  test.skip(test.info().project.name !== 'landscape', 'behaviour checked in landscape')
  await enterStaff(kiosk)
  await page.getByTestId('staff-oos-message').selectOption({ label: '其他（自己输入）' })
  await pinyin(page, 'ting', '停')
  await pinyin(page, 'dian', '电')
  await page.locator('[data-skbtn="{lang}"]').tap()
  await tapKeys(page, '14')
  await expect(page.getByTestId('staff-oos-custom')).toHaveValue('停电14')
  await checkScreen(page, 'supervisor-oos-custom')
  await page.getByTestId('staff-outOfService').tap()
  await page.getByTestId('staff-confirm-ok').tap()
  try {
    await expect(page.getByTestId('staff-service-state')).toContainText('停电14')
    await leaveStaff(kiosk)
    await expect(page.locator('.attract__out-of-service')).toContainText('停电14')
    await enterStaff(kiosk)
  } finally {
    await page.getByTestId('staff-inService').tap()
  }
  await expect(page.getByTestId('staff-service-state')).toHaveText(/正常服务/)
  await leaveStaff(kiosk)
})

test('a reprint produces the same receipt again', async ({ kiosk, page }) => {
  test.skip(test.info().project.name !== 'landscape', 'behaviour checked in landscape')
  // A complaint with its receipt, then staff reprint it from the journal.
  await kiosk.start()
  await page.getByTestId('service-tile').filter({ hasText: '投诉反馈' }).tap()
  await page.getByTestId('feedback-category-praise').tap()
  await page.locator('[data-skbtn="h"]').tap()
  await page.locator('[data-skbtn="e"]').tap()
  await page.locator('[data-skbtn="n"]').tap()
  await page.locator('.hg-candidate-box-list-item', { hasText: '很' }).tap()
  await page.getByTestId('feedback-submit').tap()
  const ticketNo = (await page.getByTestId('feedback-ticket').textContent())!.trim()
  await page.getByTestId('feedback-print').tap()
  await expect(page.getByRole('status').filter({ hasText: '凭条已打印' })).toBeVisible()
  await kiosk.finish()

  await enterStaff(kiosk)
  const receipt = page.getByTestId('staff-receipt').filter({ hasText: ticketNo })
  await expect(receipt).toHaveCount(1)
  await receipt.getByTestId('staff-reprint').tap()
  await expect(page.getByTestId('staff-outcome')).toContainText('已送打印')
  await expect(page.getByTestId('staff-receipt').filter({ hasText: ticketNo })).toHaveCount(2)
  await leaveStaff(kiosk)

  // The two journal entries render to the same receipt (the SVG's filter id is random).
  const { token } = await qa(kiosk, 'supervisor.enter', { pin: '246810' })
  const { receipts } = await qa(kiosk, 'supervisor.receipts', { token, limit: 10 })
  const mine = receipts.filter((r) => r.reference === ticketNo)
  expect(mine).toHaveLength(2)
  const svgs = await Promise.all(
    mine.map(async (r) =>
      (await qa(kiosk, 'supervisor.receiptPreview', { token, receiptId: r.receiptId })).svg.replace(
        /receipt-[0-9a-f-]{36}/g,
        'receipt-id',
      ),
    ),
  )
  expect(svgs[1]).toBe(svgs[0])
  await coreCall(kiosk, 'supervisor.leave', { token })
})

test.describe('PIN lockout', () => {
  // The lock lasts 5 minutes on the host it happens on: use the short-idle host, which the
  // other supervisor tests do not need.
  test.use({ kioskHost: 'shortIdle' })

  test('five wrong PINs lock entry, and the right PIN does not help then', async ({
    kiosk,
    page,
  }) => {
    await staffGesture(kiosk)
    const error = page.getByTestId('staff-pin-error')
    // A second project run finds the lock already in place (same host): it shows at once.
    for (let i = 0; i < 5; i++) {
      await typePin(kiosk, '111111')
      await expect(error).toBeVisible()
      if ((await error.textContent())?.includes('已锁定')) break
      await expect(error).toContainText('密码不正确')
    }
    await expect(error).toContainText('已锁定')
    await checkScreen(page, 'supervisor-pin-locked')
    await typePin(kiosk, '246810')
    await expect(error).toContainText('已锁定')
    await expect(kiosk.screen('supervisor')).toHaveCount(0)
    await page.getByTestId('pin-cancel').tap()
  })
})
