/**
 * The resident journeys the interaction bench drives, end to end on the web host in demo mode, by
 * taps as the e2e suite makes them (its support helpers: sign-in by ID number + SMS code read from
 * the demo centre, the pinyin keyboard, the staff gesture). Every touch is recorded by the page's
 * probe (interaction-probe.ts); the journeys only have to reach each screen the way a resident
 * does. Each journey starts on attract and ends there.
 */
import type { Page } from '@playwright/test'
import { signIn, smsCode, typeOnKeypad } from '../e2e/support/identity'
import { pinyin, tapKeys } from '../e2e/support/keyboard'
import { expect, Kiosk } from '../e2e/support/kiosk'
import { enterStaff, leaveStaff } from '../e2e/support/staff'

const tile = (page: Page, service: string) =>
  page.locator(`[data-testid="service-tile"][data-service="${service}"]`)

/** From home: a service's tile; signs `who` in when the guard asks for identity. */
async function openService(kiosk: Kiosk, service: string, who?: string): Promise<void> {
  await tile(kiosk.page, service).tap()
  await expect(kiosk.page.locator('main[data-screen]:not([data-screen="home"])')).toBeVisible()
  if (who && (await kiosk.screen('identity-choose').isVisible())) await signIn(kiosk, who)
}

/** Home on the language and elder switches, a few times each. */
async function switches(kiosk: Kiosk): Promise<void> {
  await kiosk.start()
  for (let i = 0; i < 3; i++) {
    await kiosk.switchLanguage('en')
    await kiosk.switchLanguage('zh-CN')
  }
  for (let i = 0; i < 3; i++) {
    await kiosk.setElder(true)
    await kiosk.setElder(false)
  }
  await kiosk.finish()
}

/** 林晓峰: signs in, binds a wallet (every wizard step), then balance and a few record pages. */
async function bindAndRecords(kiosk: Kiosk): Promise<void> {
  const { page } = kiosk
  await kiosk.start()
  await openService(kiosk, 'fund.bind', 'lin')
  await expect(kiosk.screen('fund-bind-account')).toBeVisible()
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-operator')).toBeVisible()
  await page.getByTestId('operator-ICBC').tap()
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-wallet')).toBeVisible()
  await typeOnKeypad(kiosk, '0021000086432151')
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-agreement')).toBeVisible()
  await page.getByTestId('agreement-text').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect(page.getByTestId('agreement-accept')).toBeEnabled()
  await page.getByTestId('agreement-accept').tap()
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-confirm')).toBeVisible()
  await page.getByTestId('fund-sms-send').tap()
  await expect(page.getByTestId('fund-sms-sent')).toBeVisible()
  await typeOnKeypad(kiosk, await smsCode(kiosk))
  await page.getByTestId('fund-submit').tap()
  await expect(kiosk.screen('fund-bind-result')).toBeVisible({ timeout: 20_000 })

  await page.getByTestId('nav-home').tap()
  await openService(kiosk, 'fund.query')
  await expect(page.getByTestId('fund-balance')).toBeVisible()
  await page.getByTestId('fund-records').tap()
  await expect(kiosk.screen('fund-records')).toBeVisible()
  await page.getByTestId('preset-last3Years').tap()
  await expect(page.getByTestId('page-next')).toBeEnabled()
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('page-next').tap()
    await expect(page.getByTestId('page-info')).toContainText(`${i + 2}`)
  }
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('page-prev').tap()
    await expect(page.getByTestId('page-prev')).toBeVisible()
  }
  await kiosk.finish()
}

/** 陈美玲 (already bound): unbinds. */
async function unbind(kiosk: Kiosk): Promise<void> {
  const { page } = kiosk
  await kiosk.start()
  await openService(kiosk, 'fund.bind', 'chen')
  await page.getByTestId('fund-go-unbind').tap()
  await expect(kiosk.screen('fund-unbind-current')).toBeVisible()
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-unbind-confirm')).toBeVisible()
  await page.getByTestId('fund-sms-send').tap()
  await expect(page.getByTestId('fund-sms-sent')).toBeVisible()
  await typeOnKeypad(kiosk, await smsCode(kiosk))
  await page.getByTestId('fund-submit').tap()
  await expect(kiosk.screen('fund-unbind-result')).toBeVisible({ timeout: 20_000 })
  await kiosk.finish()
}

/** Taps a certificate year stepper until it shows `year`. */
async function setYear(kiosk: Kiosk, which: 'from' | 'to', year: number): Promise<void> {
  const value = kiosk.page.getByTestId(`cert-${which}-year`)
  for (let i = 0; i < 20; i++) {
    const shown = Number(/\d{4}/.exec(await value.innerText())![0])
    if (shown === year) return
    await kiosk.page.getByTestId(`cert-${which}-${shown > year ? 'earlier' : 'later'}`).tap()
  }
  throw new Error(`could not set the ${which} year to ${year}`)
}

/** 王建国: tax records by year and type with paging, a certificate previewed and printed, and
 * its code verified on the terminal's code keyboard. */
async function taxRecordsAndCertificate(kiosk: Kiosk): Promise<void> {
  const { page } = kiosk
  await kiosk.start()
  await openService(kiosk, 'tax.records', 'wang')
  await expect(page.getByTestId('tax-summary')).toBeVisible()
  for (const year of [2024, 2023]) {
    await page.getByTestId(`tax-year-${year}`).tap()
    await expect(page.getByTestId(`tax-year-${year}`)).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByTestId('tax-row').first()).toBeVisible()
  }
  // 2023 has more than one page; the pager is disabled while a page loads.
  const next = page.getByTestId('tax-page-next')
  await expect(next).toBeEnabled()
  await next.tap()
  await expect(page.getByTestId('tax-page')).toContainText('2')
  await expect(page.getByTestId('tax-page-previous')).toBeEnabled()
  await page.getByTestId('tax-page-previous').tap()
  await expect(next).toBeEnabled()
  await page.getByTestId('tax-type-10114').tap()
  await expect(page.getByTestId('tax-type-10114')).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('tax-type-all').tap()
  await expect(page.getByTestId('tax-type-all')).toHaveAttribute('aria-pressed', 'true')

  await page.getByTestId('nav-home').tap()
  await tile(page, 'tax.certificate').tap()
  await expect(kiosk.screen('tax-certificate-range')).toBeVisible()
  await setYear(kiosk, 'from', 2019)
  await setYear(kiosk, 'to', 2024)
  await page.getByTestId('cert-issue').tap()
  await expect(kiosk.screen('tax-certificate-preview')).toBeVisible()
  await page.getByTestId('cert-print').tap()
  await expect(kiosk.screen('tax-certificate-done')).toBeVisible({ timeout: 30_000 })
  const code = (await page.getByTestId('cert-done-code').locator('strong').innerText()).trim()

  await page.getByTestId('nav-home').tap()
  await page.getByTestId('home-verify-certificate').tap()
  await expect(kiosk.screen('verify')).toBeVisible()
  for (const char of code.replaceAll('-', '')) await page.getByTestId(`code-key-${char}`).tap()
  await page.getByTestId('verify-check').tap()
  await expect(page.getByTestId('verify-result')).toBeVisible()
  await kiosk.finish()
}

/** FAQ by category, then feedback typed in Chinese with pinyin, and a phone number. */
async function help(kiosk: Kiosk): Promise<void> {
  const { page } = kiosk
  await kiosk.start()
  await kiosk.tiles().filter({ hasText: '常见问题' }).tap()
  await expect(kiosk.screen('help-faq')).toBeVisible()
  await page.getByTestId('faq-filter-tax').tap()
  await page.getByTestId('faq-q-check-tax-records').tap()
  await expect(page.getByTestId('faq-answer')).toBeVisible()
  await page.getByTestId('nav-home').tap()
  await kiosk.tiles().filter({ hasText: '投诉反馈' }).tap()
  await expect(kiosk.screen('help-feedback')).toBeVisible()
  await page.getByTestId('feedback-category-complaint').tap()
  for (const [syllable, character] of [
    ['deng', '等'],
    ['le', '了'],
    ['hen', '很'],
    ['jiu', '久'],
  ] as const)
    await pinyin(page, syllable, character)
  await page.locator('[data-skbtn="{lang}"]').tap()
  await tapKeys(page, 'ok')
  await expect(page.getByTestId('feedback-text')).toHaveValue('等了很久ok')
  await page.getByTestId('feedback-phone').tap()
  for (const digit of '13800591234') await page.getByTestId(`phone-${digit}`).tap()
  await page.getByTestId('feedback-submit').tap()
  await expect(page.getByTestId('feedback-ticket')).toBeVisible()
  await kiosk.finish()
}

/** Staff: the gesture, the PIN, the dashboard, a sync, and back. */
async function staff(kiosk: Kiosk): Promise<void> {
  await enterStaff(kiosk)
  await kiosk.page.getByTestId('staff-syncNow').tap()
  await expect(kiosk.page.getByTestId('staff-outcome')).toBeVisible()
  await leaveStaff(kiosk)
}

/** The journeys in the order the bench drives them. */
export const JOURNEYS: { name: string; run: (kiosk: Kiosk) => Promise<void> }[] = [
  { name: 'switches', run: switches },
  { name: 'bind and records', run: bindAndRecords },
  { name: 'unbind', run: unbind },
  { name: 'tax records, certificate, verification', run: taxRecordsAndCertificate },
  { name: 'FAQ and feedback', run: help },
  { name: 'staff dashboard', run: staff },
]
