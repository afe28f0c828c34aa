/**
 * 办理进度查询 from home, without signing in: 林晓峰 binds a wallet and ends the visit; then anyone
 * at the terminal looks the application up from the home tile, by the typed number and the ID's
 * last 4, and by showing the receipt's QR code to the camera. A wrong last 4 and an unknown number
 * get the very same answer. Screens in both languages, elder mode and both viewports, with axe.
 *
 * The spec runs a terminal of its own (support/fund-host.ts: fresh seed per viewport project).
 * The camera is Chromium's fake capture device showing the receipt's QR code (`GJJ-APP:<number>`,
 * what the printed receipt carries; support/qr-camera.ts). The code depends on the number the
 * bind got, so that browser is launched after the bind.
 */
import type { Page } from '@playwright/test'
import { bindWallet, fundTerminalTest } from './support/fund-test'
import { clearKeypad, DEMO_RESIDENTS, qa, signIn, smsCode, typeOnKeypad } from './support/identity'
import { expect, Kiosk } from './support/kiosk'
import { launchWithQrCamera } from './support/qr-camera'
import { axeViolations, checkScreen, SCREENS_DIR } from './support/screen'

const LIN_LAST4 = DEMO_RESIDENTS.lin.idNumber.slice(-4)
const CHEN_LAST4 = DEMO_RESIDENTS.chen.idNumber.slice(-4)

const test = fundTerminalTest({ bindSettleMs: 1000, cleanPage: false })
test.setTimeout(180_000)

/** Binds 林晓峰's wallet (the fund spec's walk, without its screenshots); the receipt's number. */
async function linBinds(kiosk: Kiosk): Promise<string> {
  const { page } = kiosk
  await kiosk.start()
  await page.locator('[data-testid="service-tile"][data-service="fund.bind"]').tap()
  await expect(kiosk.screen('identity-choose')).toBeVisible() // the service asks who it is for
  await signIn(kiosk, 'lin')
  await bindWallet(kiosk, 'ICBC', '0021000086432151', null)
  const localNo = (await page.getByTestId('fund-local-no').innerText()).trim()
  expect(localNo).toMatch(/^Q\d{12}$/)
  await kiosk.finish()
  return localNo
}

/** From attract: the home tile, no sign-in; `shoot` takes home with the tile first. */
async function openLookup(kiosk: Kiosk, shoot = false): Promise<void> {
  await kiosk.start()
  if (shoot) await shots(kiosk.page, kiosk, 'home-tile')
  await kiosk.page.locator('[data-testid="service-tile"][data-service="fund.status"]').tap()
  await expect(kiosk.screen('fund-status')).toBeVisible()
  await expect(kiosk.page.getByTestId('identity-badge')).toHaveCount(0) // nobody signed in
}

/** An answer takes the input's place: "look up another" brings the input back, as it was. */
async function backToInput(page: Page): Promise<void> {
  const again = page.getByTestId('status-again')
  if (!(await again.isVisible())) return
  await again.tap()
  await expect(page.getByTestId('status-result')).toHaveCount(0)
  await expect(page.getByTestId('status-number')).toBeVisible()
}

/** Types a Q… number and a last 4, asks, and returns what the screen answered in words. */
async function lookUp(page: Page, kiosk: Kiosk, number: string, last4: string): Promise<string> {
  await backToInput(page)
  await page.getByTestId('status-number').tap()
  await clearKeypad(kiosk)
  await typeOnKeypad(kiosk, number.slice(1))
  await page.getByTestId('status-last4').tap()
  await clearKeypad(kiosk)
  await typeOnKeypad(kiosk, last4)
  await page.getByTestId('status-submit').tap()
  const answer = page.locator('[data-testid="status-result"], [data-testid="fund-error"]')
  await expect(answer).toBeVisible()
  return answer.innerText()
}

/**
 * Opens the camera with the page's timers held (the page's clock installed before it loaded), so
 * that the preview is seen and photographed before the scan, a frame every 200 ms, reads the QR
 * and takes the preview away: on a busy machine the test may look later than that. Then time runs
 * again (axe needs timers too) and the screen is checked with axe.
 */
async function showCamera(page: Page, name: string): Promise<void> {
  await page.clock.pauseAt(Date.now() + 1000)
  await page.getByTestId('status-mode-camera').tap()
  await expect(page.getByTestId('status-qr-video')).toBeVisible()
  const { width, height } = page.viewportSize()!
  await page.screenshot({ path: `${SCREENS_DIR}/${name}-${width}x${height}.png` })
  await page.clock.resume()
  const blocking = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  )
  expect(blocking.map((v) => v.id)).toEqual([])
}

async function shots(page: Page, kiosk: Kiosk, name: string): Promise<void> {
  await checkScreen(page, `status-lookup-${name}`)
  await kiosk.switchLanguage('en')
  await checkScreen(page, `status-lookup-${name}-en`)
  await kiosk.switchLanguage('zh-CN')
}

test('from home: typed number + last 4; wrong last 4 and unknown number answer the same; the receipt QR to the camera', async ({
  kiosk,
  terminal,
}) => {
  const { page } = kiosk
  const localNo = await linBinds(kiosk)

  // Answers come late, as on a loaded machine: the previous answer must be gone meanwhile, or it
  // would be read as the answer to the new lookup.
  await page.route('**/api/fund.applicationStatus', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400))
    await route.continue()
  })
  await openLookup(kiosk, true)
  await expect(page.getByTestId('status-mode-keypad')).toHaveAttribute('aria-checked', 'true')
  await shots(page, kiosk, 'home-entry')
  const found = await lookUp(page, kiosk, localNo, LIN_LAST4)
  expect(found).toContain('中心已')
  await expect(page.getByTestId('status-answer')).toBeVisible()
  await expect(page.getByTestId('status-application-no')).toHaveText(/^BD\d{14}$/)
  // The answer takes the input's place and fits the frame (checkScreen); "look up another" brings
  // the input back as it was typed.
  await expect(page.getByTestId('status-number')).toHaveCount(0)
  await shots(page, kiosk, 'answer')
  await page.getByTestId('status-again').tap()
  await expect(page.getByTestId('status-number')).toContainText(localNo)
  await expect(page.getByTestId('status-last4')).toContainText(LIN_LAST4)

  const wrongLast4 = await lookUp(page, kiosk, localNo, '0000')
  const unknown = await lookUp(page, kiosk, 'Q999999999999', LIN_LAST4)
  expect(wrongLast4).toContain('APPLICATION_NOT_FOUND')
  expect(unknown).toBe(wrongLast4)
  await shots(page, kiosk, 'not-found')

  await page.getByTestId('nav-home').tap()
  await kiosk.setElder(true) // the switch is on home
  await page.locator('[data-testid="service-tile"][data-service="fund.status"]').tap()
  await lookUp(page, kiosk, localNo, LIN_LAST4)
  await checkScreen(page, 'status-lookup-elder-answer')
  await kiosk.finish()

  // The receipt's QR shown to the camera, in a browser whose camera plays it.
  const viewport = page.viewportSize()!
  const browser = await launchWithQrCamera(`GJJ-APP:${localNo}`)
  try {
    const context = await browser.newContext({
      viewport,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      reducedMotion: 'reduce',
    })
    const camPage = await context.newPage()
    await camPage.clock.install() // see showCamera
    const cam = new Kiosk(camPage, terminal.host)
    await cam.open()
    await openLookup(cam)
    await showCamera(camPage, 'status-lookup-camera')
    await expect(camPage.getByTestId('status-scanned')).toContainText(localNo, { timeout: 20_000 })
    // Read once, the preview goes and the camera is released.
    await expect(camPage.getByTestId('status-qr')).toHaveCount(0)
    await expect(camPage.getByTestId('status-number')).toContainText(localNo)
    await shots(camPage, cam, 'scanned')
    await typeOnKeypad(cam, LIN_LAST4)
    await camPage.getByTestId('status-submit').tap()
    await expect(camPage.getByTestId('status-result')).toBeVisible()
    await expect(camPage.getByTestId('status-application-no')).toHaveText(/^BD\d{14}$/)
    await cam.finish()
    await cam.start()
    await cam.setElder(true)
    await camPage.locator('[data-testid="service-tile"][data-service="fund.status"]').tap()
    await showCamera(camPage, 'status-lookup-elder-camera')
    await expect(camPage.getByTestId('status-scanned')).toBeVisible({ timeout: 20_000 })
    await cam.finish()
    // The camera is released when the scan ends: no live track is left in the page.
    const live = await camPage.evaluate(() =>
      [...document.querySelectorAll('video')].some((v) => v.srcObject !== null),
    )
    expect(live).toBe(false)
  } finally {
    await browser.close()
  }
})

/** Opens the list of papers (in the keypad's place) and picks `kind`'s. */
async function chooseKind(kiosk: Kiosk, kind: string): Promise<void> {
  await backToInput(kiosk.page)
  await kiosk.page.getByTestId('status-kind').tap()
  await kiosk.page.getByTestId(`status-kind-${kind}`).tap()
  await expect(kiosk.page.getByTestId('status-kinds')).toHaveCount(0)
  await expect(kiosk.page.getByTestId('status-kind')).toHaveAttribute('aria-expanded', 'false')
}

/**
 * Types `typed` (digits, then a ticket's code) as a number of the paper `kind`, then the last 4,
 * asks, and returns the answer's words.
 */
async function lookUpTyped(kiosk: Kiosk, kind: string, typed: string, last4: string) {
  const { page } = kiosk
  await chooseKind(kiosk, kind)
  await page.getByTestId('status-number').tap()
  await clearKeypad(kiosk)
  await typeOnKeypad(kiosk, typed)
  await expect(page.getByTestId('status-last4')).toHaveClass(/fund-field--active/)
  await clearKeypad(kiosk)
  await typeOnKeypad(kiosk, last4)
  await page.getByTestId('status-submit').tap()
  const answer = page.locator('[data-testid="status-result"], [data-testid="fund-error"]')
  await expect(answer).toBeVisible()
  return answer.innerText()
}

test('typed from the text message or the paper: a rent withdrawal (ZF…), a feedback ticket (FK…-……) and the feedback’s centre number', async ({
  kiosk,
}) => {
  const { page } = kiosk
  // 陈美玲 (a wallet already bound) asks for a monthly rent plan: the centre's number is ZF….
  await kiosk.start()
  await page.locator('[data-testid="service-tile"][data-service="fund.query"]').tap()
  await expect(kiosk.screen('identity-choose')).toBeVisible()
  await signIn(kiosk, 'chen')
  await expect(kiosk.screen('fund-balance')).toBeVisible()
  await page.getByTestId('fund-withdraw').tap()
  await page.getByTestId('withdraw-rent-plan').tap()
  for (const digit of '1000') await page.getByTestId(`amount-${digit}`).tap()
  await page.getByTestId('withdraw-next').tap()
  await expect(kiosk.screen('fund-withdraw-review')).toBeVisible()
  await page.getByTestId('withdraw-next').tap()
  await page.getByTestId('fund-sms-send').tap()
  await expect(page.getByTestId('fund-sms-sent')).toBeVisible()
  await typeOnKeypad(kiosk, await smsCode(kiosk))
  await page.getByTestId('fund-submit').tap()
  await expect(kiosk.screen('fund-withdraw-result')).toBeVisible({ timeout: 20_000 })
  const rentNo = (await page.getByTestId('fund-application-no').innerText()).trim()
  expect(rentNo).toMatch(/^ZF\d{14}$/)
  await kiosk.finish()

  // Feedback left without signing in, with a call-back phone: the receipt's ticket number.
  await kiosk.start()
  const phone = '13812345678'
  const { ticketNo } = await qa(kiosk, 'help.feedback', {
    category: 'other',
    text: '查询进度的测试反馈',
    contactPhone: phone,
  })
  expect(ticketNo).toMatch(/^FK\d{8}-[A-HJ-NP-Z2-9]{6}$/)
  await expect
    .poll(async () => {
      const { applications } = await qa(kiosk, 'qa.centralApplications', { kind: 'feedback' })
      return applications.find((a) => a.payload.ticketNo === ticketNo)?.applicationNo ?? ''
    })
    .toMatch(/^FK\d{14}$/)
  const { applications } = await qa(kiosk, 'qa.centralApplications', { kind: 'feedback' })
  const feedbackNo = applications.find((a) => a.payload.ticketNo === ticketNo)!.applicationNo
  await kiosk.finish()

  await openLookup(kiosk)
  const rent = await lookUpTyped(kiosk, 'withdrawRent', rentNo.slice(2), CHEN_LAST4)
  expect(rent).toContain('租房提取')
  await expect(page.getByTestId('status-application-no')).toHaveText(rentNo)

  // The ticket: the date's digits on the digit keypad, then its code on the code keypad.
  await backToInput(page)
  await page.getByTestId('status-kind').tap()
  await expect(page.getByTestId('status-kind-ticket')).toBeVisible()
  await shots(page, kiosk, 'kinds')
  await page.getByTestId('status-kind-ticket').tap()
  await page.getByTestId('status-number').tap()
  await clearKeypad(kiosk)
  await typeOnKeypad(kiosk, ticketNo.slice(2, 10))
  await expect(page.getByTestId('key-K')).toBeVisible()
  await expect(page.getByTestId('status-number')).toContainText(`${ticketNo.slice(0, 10)}-`)
  await shots(page, kiosk, 'ticket-code')
  const ticket = await lookUpTyped(kiosk, 'ticket', ticketNo.slice(2).replace('-', ''), '5678')
  expect(ticket).toContain('投诉反馈')
  await expect(page.getByTestId('status-result')).toHaveAttribute('data-status', 'accepted')

  // The same feedback by the number the centre's text message gives it.
  const sms = await lookUpTyped(kiosk, 'feedback', feedbackNo.slice(2), '5678')
  expect(sms).toContain('投诉反馈')
  await expect(page.getByTestId('status-application-no')).toHaveText(feedbackNo)

  // Elder mode: every choice and the whole keypad still in the frame, without scrolling.
  await page.getByTestId('nav-home').tap()
  await kiosk.setElder(true)
  await page.locator('[data-testid="service-tile"][data-service="fund.status"]').tap()
  await expect(page.getByTestId('key-backspace')).toBeInViewport({ ratio: 1 })
  await shots(page, kiosk, 'elder-digits')
  await page.getByTestId('status-kind').tap()
  await expect(page.getByTestId('status-kind-feedback')).toBeInViewport({ ratio: 1 })
  await shots(page, kiosk, 'elder-kinds')
  await page.getByTestId('status-kind-ticket').tap()
  await typeOnKeypad(kiosk, ticketNo.slice(2, 10))
  await expect(page.getByTestId('key-backspace')).toBeInViewport({ ratio: 1 })
  await shots(page, kiosk, 'elder-ticket-code')
  await kiosk.finish()
})
