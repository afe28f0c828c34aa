/**
 * Help against the web host: the FAQ by category without typing; a
 * complaint typed partly in Chinese on the on-screen keyboard reaches the central service exactly
 * once, also when submitted while the centre is down; call staff from any screen appears on the
 * supervisor dashboard with its context.
 */
import { qa } from './support/identity'
import { expect, test, type Kiosk } from './support/kiosk'
import { pinyin } from './support/keyboard'
import { checkScreen, frameOverflow } from './support/screen'
import { enterStaff, leaveStaff } from './support/staff'

async function openTile(kiosk: Kiosk, title: string): Promise<void> {
  await kiosk.tiles().filter({ hasText: title }).tap()
}

async function typeComplaint(kiosk: Kiosk): Promise<string> {
  const { page } = kiosk
  await openTile(kiosk, '投诉反馈')
  await expect(kiosk.screen('help-feedback')).toBeVisible()
  await page.getByTestId('feedback-category-complaint').tap()
  await pinyin(page, 'deng', '等')
  await pinyin(page, 'le', '了')
  await pinyin(page, 'hen', '很')
  await pinyin(page, 'jiu', '久')
  await page.locator('[data-skbtn="{lang}"]').tap()
  for (const letter of 'ok') await page.locator(`[data-skbtn="${letter}"]`).tap()
  await expect(page.getByTestId('feedback-text')).toHaveValue('等了很久ok')
  return '等了很久ok'
}

async function centralFeedback(kiosk: Kiosk, ticketNo: string) {
  const { applications } = await qa(kiosk, 'qa.centralApplications', { kind: 'feedback' })
  return applications.filter((a) => a.payload.ticketNo === ticketNo)
}

test('FAQ: categories by tap, a page of questions at a time, answers in both languages', async ({
  kiosk,
  page,
}) => {
  await kiosk.start()
  await openTile(kiosk, '常见问题')
  await expect(kiosk.screen('help-faq')).toBeVisible()
  await expect(page.getByTestId('faq-q-sms-not-received')).toBeVisible()
  await checkScreen(page, 'help-faq')
  // Every question is reached by paging, and no page (nor the answer beside or under it) needs
  // scrolling, in either language.
  for (const language of ['zh-CN', 'en'] as const) {
    if (language === 'en') await kiosk.switchLanguage('en')
    const previous = page.getByTestId('faq-previous')
    while ((await previous.isVisible()) && (await previous.isEnabled())) await previous.tap()
    const seen = new Set<string>()
    for (;;) {
      const questions = page.locator('[data-testid^="faq-q-"]')
      for (const id of await questions.evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-testid')!),
      ))
        seen.add(id)
      // The page's last question opened (a tap on an open one would close it).
      if ((await questions.last().getAttribute('aria-expanded')) !== 'true')
        await questions.last().tap()
      await expect(page.getByTestId('faq-answer')).toBeVisible()
      expect(await frameOverflow(page), `a page and an answer fit (${language})`).toBe(0)
      const next = page.getByTestId('faq-next')
      if (!(await next.isVisible()) || (await next.isDisabled())) break
      await next.tap()
    }
    const total = Number((await page.locator('.faq__count').innerText()).match(/\d+/)![0])
    expect(seen.size).toBe(total)
  }
  await kiosk.switchLanguage('zh-CN')
  await page.getByTestId('faq-filter-tax').tap()
  await expect(page.getByTestId('faq-q-sms-not-received')).toHaveCount(0)
  await page.getByTestId('faq-q-check-tax-records').tap()
  await expect(page.getByTestId('faq-answer')).toContainText('纳税记录')
  await checkScreen(page, 'help-faq-answer')
  await kiosk.switchLanguage('en')
  await expect(page.getByTestId('faq-answer')).toContainText('tax')
  await checkScreen(page, 'help-faq-en')
  await kiosk.switchLanguage('zh-CN')
})

test('a complaint typed partly in Chinese reaches the centre exactly once', async ({
  kiosk,
  page,
}) => {
  await kiosk.start()
  await typeComplaint(kiosk)
  await checkScreen(page, 'help-feedback-write', { exclude: ['.simple-keyboard'] })
  await page.getByTestId('feedback-phone').tap()
  for (const digit of '13800591234') await page.getByTestId(`phone-${digit}`).tap()
  // The number is complete: the keypad takes no twelfth digit.
  await expect(page.getByTestId('phone-5')).toBeDisabled()
  await expect(page.getByTestId('feedback-keyboard')).toBeHidden()
  await checkScreen(page, 'help-feedback-phone')
  // Back to the text and again to the phone: one shown at a time, nothing typed is lost.
  await page.getByTestId('feedback-text').tap()
  await expect(page.getByTestId('feedback-keyboard')).toBeVisible()
  await expect(page.getByTestId('phone-1')).toBeHidden()
  await expect(page.getByTestId('feedback-text')).toHaveValue('等了很久ok')
  await page.getByTestId('feedback-phone').tap()
  await expect(page.getByTestId('feedback-phone')).toHaveValue('13800591234')
  await expect(page.getByTestId('feedback-keyboard')).toBeHidden()
  await page.getByTestId('feedback-submit').tap()
  const ticket = page.getByTestId('feedback-ticket')
  await expect(ticket).toHaveText(/^FK\d{8}-[A-Z2-9]{6}$/)
  const ticketNo = (await ticket.textContent())!.trim()
  // A call-back phone was left: the reply will come as a text message.
  await expect(page.getByTestId('sms-notice')).toBeVisible()
  await checkScreen(page, 'help-feedback-done')
  await expect.poll(async () => (await centralFeedback(kiosk, ticketNo)).length).toBe(1)
  const [received] = await centralFeedback(kiosk, ticketNo)
  expect(received!.payload).toMatchObject({
    category: 'complaint',
    text: '等了很久ok',
    contactMasked: '138****1234',
  })
  await kiosk.finish()
})

test('submitted while the centre is down: a ticket at once, delivered once later', async ({
  kiosk,
  page,
}) => {
  await kiosk.start()
  await qa(kiosk, 'qa.centralOutage', { on: true })
  let ticketNo = ''
  try {
    await typeComplaint(kiosk)
    await page.getByTestId('feedback-submit').tap()
    const ticket = page.getByTestId('feedback-ticket')
    await expect(ticket).toHaveText(/^FK/)
    ticketNo = (await ticket.textContent())!.trim()
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline', {
      timeout: 20_000,
    })
    await expect(page.getByTestId('feedback-offline')).toBeVisible()
    await checkScreen(page, 'help-feedback-offline')
    expect(await centralFeedback(kiosk, ticketNo)).toHaveLength(0)
    await kiosk.finish()
  } finally {
    await qa(kiosk, 'qa.centralOutage', { on: false })
  }
  // Staff retry the outbox (the engine would also retry by itself after its back-off).
  await enterStaff(kiosk)
  await page.getByTestId('staff-retryOutbox').tap()
  await expect(page.getByTestId('staff-outcome')).toBeVisible()
  await expect.poll(async () => (await centralFeedback(kiosk, ticketNo)).length).toBe(1)
  await page.getByTestId('staff-syncNow').tap()
  await expect(page.getByTestId('staff-outcome')).toContainText('同步完成')
  expect(await centralFeedback(kiosk, ticketNo)).toHaveLength(1)
  await leaveStaff(kiosk)
})

test('call staff from any screen appears on the dashboard with its context', async ({
  kiosk,
  page,
}) => {
  await kiosk.start()
  await openTile(kiosk, '投诉反馈')
  await page.getByTestId('feedback-category-other').tap()
  await page.getByTestId('call-staff').tap()
  await expect(page.getByTestId('call-staff-done')).toContainText('已通知工作人员')
  await checkScreen(page, 'help-call-staff')
  await page.getByTestId('call-staff-close').tap()
  await kiosk.finish()

  await enterStaff(kiosk)
  const call = page.getByTestId('staff-call').filter({ hasText: 'help-feedback' })
  await expect(call.first()).toContainText('步骤 2/3')
  await checkScreen(page, 'supervisor-dashboard-call')
  await call.first().getByRole('button').tap()
  await leaveStaff(kiosk)
  const { applications } = await qa(kiosk, 'qa.centralApplications', { kind: 'callStaff' })
  expect(applications.some((a) => a.payload.screen === 'help-feedback')).toBe(true)
})
