/**
 * Withdrawals into the bound wallet end to end, in Chromium against the web host: 陈美玲 sets up
 * a monthly rent plan within the cap (an amount above it refused on the keypad, in words), two
 * fast-forwarded instalments appear in her records as paid into 招商银行 ****0002, she changes and
 * stops the plan; 林晓峰 is refused rent with the reason; 郑秀英 in elder mode binds, then withdraws
 * on retirement and her account shows closed; the messages arrive at /demo/messages/{phone}.
 * Every new screen is screenshot in Chinese and English and checked with axe-core.
 *
 * A terminal of its own (support/fund-host.ts): a fresh centre per viewport project.
 */
import { type Page } from '@playwright/test'
import { type FundTerminal } from './support/fund-host'
import { bindWallet, fundTerminalTest, messagesTo, shotsInBothLanguages } from './support/fund-test'
import { DEMO_RESIDENTS, qa, signIn, smsCode, typeOnKeypad } from './support/identity'
import { expect, Kiosk } from './support/kiosk'
import { checkScreen } from './support/screen'

const test = fundTerminalTest({ bindSettleMs: 0 })

test.describe.configure({ mode: 'serial' })
test.setTimeout(240_000)

/** Screenshot, frame fit and axe in Chinese, then English, then back. */
const shots = (kiosk: Kiosk, name: string) => shotsInBothLanguages(kiosk, `withdraw-${name}`)

/** Elder mode (Chinese): screenshot, frame fit (the large type) and axe. */
const elderShot = (kiosk: Kiosk, name: string) => checkScreen(kiosk.page, `withdraw-elder-${name}`)

const tile = (page: Page, service: string) =>
  page.locator(`[data-testid="service-tile"][data-service="${service}"]`)

/** From home: the balance screen (signing `who` in), then 提取到数字钱包. */
async function openWithdraw(kiosk: Kiosk, who?: keyof typeof DEMO_RESIDENTS): Promise<void> {
  await tile(kiosk.page, 'fund.query').tap()
  await expect(kiosk.page.locator('main[data-screen]:not([data-screen="home"])')).toBeVisible()
  if (who && (await kiosk.screen('identity-choose').isVisible())) await signIn(kiosk, who)
  await expect(kiosk.screen('fund-balance')).toBeVisible()
  await kiosk.page.getByTestId('fund-withdraw').tap()
  await expect(kiosk.screen('fund-withdraw-choose')).toBeVisible()
  await expect(kiosk.page.getByTestId('withdraw-choose')).toBeVisible()
}

/** On the amount keypad: clears, then types whole yuan. */
async function typeAmount(kiosk: Kiosk, yuan: string): Promise<void> {
  const clear = kiosk.page.getByTestId('amount-clear')
  if (await clear.isEnabled()) await clear.tap()
  for (const digit of yuan) await kiosk.page.getByTestId(`amount-${digit}`).tap()
}

/** The SMS step: send, type the code, `shoot` the step (if given), confirm; waits for the result. */
async function confirmBySms(kiosk: Kiosk, shoot?: () => Promise<void>): Promise<void> {
  const { page } = kiosk
  await expect(kiosk.screen('fund-withdraw-confirm')).toBeVisible()
  await page.getByTestId('fund-sms-send').tap()
  await expect(page.getByTestId('fund-sms-sent')).toBeVisible()
  await typeOnKeypad(kiosk, await smsCode(kiosk))
  await shoot?.()
  await page.getByTestId('fund-submit').tap()
  await expect(kiosk.screen('fund-withdraw-result')).toBeVisible({ timeout: 20_000 })
}

async function messages(terminal: FundTerminal, phone: string): Promise<string[]> {
  return (await messagesTo(terminal, phone)).map((m) => m.text)
}

test('陈美玲: a monthly rent plan within the cap, two instalments, changed, stopped', async ({
  kiosk,
  terminal,
}) => {
  const { page } = kiosk
  await kiosk.start()
  await openWithdraw(kiosk, 'chen')
  await expect(page.getByTestId('withdraw-wallet')).toContainText('招商银行 ************0002')
  await shots(kiosk, '1-choose')

  await page.getByTestId('withdraw-rent-plan').tap()
  await expect(kiosk.screen('fund-withdraw-amount')).toBeVisible()
  await expect(page.getByTestId('withdraw-amount-cap')).toContainText('¥1,500.00')
  await typeAmount(kiosk, '1501')
  await expect(page.getByTestId('withdraw-amount-problem')).toContainText('超过上限 ¥1,500.00')
  await expect(page.getByTestId('withdraw-next')).toBeDisabled()
  await shots(kiosk, '2-amount-above-cap')
  await typeAmount(kiosk, '1500')
  await expect(page.getByTestId('withdraw-amount-problem')).toBeHidden()
  await page.getByTestId('withdraw-next').tap()

  await expect(kiosk.screen('fund-withdraw-review')).toBeVisible()
  await expect(page.getByTestId('withdraw-review-amount')).toHaveText('¥1,500.00')
  await expect(page.getByTestId('withdraw-review-schedule')).toContainText('每月 5 日')
  await shots(kiosk, '3-review')
  await page.getByTestId('withdraw-next').tap()
  await confirmBySms(kiosk, () => shots(kiosk, '4-confirm'))
  await expect(page.getByTestId('withdraw-result')).toHaveAttribute('data-status', 'accepted')
  await expect(page.getByTestId('withdraw-result-headline')).toContainText('每月 ¥1,500.00')
  const planNo = (await page.getByTestId('fund-application-no').innerText()).trim()
  expect(planNo).toMatch(/^ZF\d{14}$/)
  await shots(kiosk, '5-result-plan')

  // Two pay days come (demo fast-forward): two instalments paid into the wallet.
  await qa(kiosk, 'qa.centralRentPlansAdvance', {})
  await qa(kiosk, 'qa.centralRentPlansAdvance', {})
  // The status lookup says what has been paid (已到账).
  await page.getByTestId('fund-go-status').tap()
  await expect(kiosk.screen('fund-status')).toBeVisible()
  await typeOnKeypad(kiosk, '5626')
  await page.getByTestId('status-submit').tap()
  await expect(page.getByTestId('status-state')).toHaveText('已到账')
  await expect(page.getByTestId('status-payout')).toContainText('¥3,000.00')
  await expect(page.getByTestId('status-payout')).toContainText('招商银行 ************0002')
  await expect(page.getByTestId('status-answer')).toContainText('¥3,000.00 已转入您的数字钱包')
  await shots(kiosk, '6-status-paid')
  await page.getByTestId('nav-home').tap()
  await tile(page, 'fund.query').tap()
  await expect(kiosk.screen('fund-balance')).toBeVisible()
  await page.getByTestId('fund-records').tap()
  await expect(kiosk.screen('fund-records')).toBeVisible()
  const paid = page
    .getByTestId('record-summary')
    .filter({ hasText: '转入数字钱包 招商银行 ****0002' })
  await expect(paid).toHaveCount(2)
  await expect(page.getByTestId('records-table')).toContainText('部分提取')
  await shots(kiosk, '6-records-paid')
  const texts = await messages(terminal, DEMO_RESIDENTS.chen.phone)
  expect(
    texts.filter((t) => t.includes('租房提取 ¥1,500.00 已转入数字钱包 招商银行 ****0002')),
  ).toHaveLength(2)
  expect(texts.filter((t) => t.includes(`租房提取申请 ${planNo}`))).toHaveLength(1)

  // The running plan: change the amount, then stop it (each with a fresh code).
  await page.getByTestId('nav-home').tap()
  await openWithdraw(kiosk)
  await expect(page.getByTestId('withdraw-plan-amount')).toHaveText('¥1,500.00')
  await shots(kiosk, '7-plan-running')
  await page.getByTestId('withdraw-plan-change').tap()
  await typeAmount(kiosk, '1200')
  await page.getByTestId('withdraw-next').tap()
  await expect(page.getByTestId('withdraw-review-schedule')).toContainText('从下次转入起')
  await page.getByTestId('withdraw-next').tap()
  await confirmBySms(kiosk)
  await expect(page.getByTestId('withdraw-result-headline')).toContainText('每月 ¥1,200.00')
  await shots(kiosk, '8-result-change')

  await page.getByTestId('nav-home').tap()
  await openWithdraw(kiosk)
  await expect(page.getByTestId('withdraw-plan-amount')).toHaveText('¥1,200.00')
  await page.getByTestId('withdraw-plan-stop').tap()
  await expect(kiosk.screen('fund-withdraw-review')).toBeVisible()
  await shots(kiosk, '9-review-stop')
  await page.getByTestId('withdraw-next').tap()
  await confirmBySms(kiosk)
  await expect(page.getByTestId('withdraw-result-headline')).toContainText('按月提取已停止')
  await page.getByTestId('fund-go-status').tap()
  await expect(kiosk.screen('fund-status')).toBeVisible()
  await typeOnKeypad(kiosk, '5626')
  await page.getByTestId('status-submit').tap()
  await expect(page.getByTestId('status-result')).toHaveAttribute('data-status', 'accepted')
  await kiosk.finish()
  expect(
    (await messages(terminal, DEMO_RESIDENTS.chen.phone)).some((t) =>
      t.includes('按月提取计划变更'),
    ),
  ).toBe(true)
})

test('林晓峰 owns a home: rent is refused with the reason, and he has no wallet yet', async ({
  kiosk,
}) => {
  const { page } = kiosk
  await kiosk.start()
  await openWithdraw(kiosk, 'lin')
  await expect(page.getByTestId('withdraw-rent-refused')).toContainText('本市有自有住房')
  await expect(page.getByTestId('withdraw-no-wallet')).toBeVisible()
  await shots(kiosk, 'refused-lin')
  await kiosk.finish()
})

test('elder mode: 郑秀英 binds, withdraws on retirement, and her account shows closed', async ({
  kiosk,
  terminal,
}) => {
  const { page } = kiosk
  await kiosk.start()
  await kiosk.setElder(true)
  await openWithdraw(kiosk, 'zheng')
  await expect(page.getByTestId('withdraw-no-wallet')).toBeVisible()
  await elderShot(kiosk, '1-no-wallet')
  await page.getByTestId('withdraw-go-bind').tap()

  // The bind wizard, then back to the withdrawal.
  await bindWallet(kiosk, 'PSBC', '0403000000220023', null)
  await page.getByTestId('fund-back-to-withdraw').tap()

  await expect(kiosk.screen('fund-withdraw-choose')).toBeVisible()
  await expect(page.getByTestId('withdraw-wallet')).toContainText('邮储银行')
  await elderShot(kiosk, '2-choose')
  await page.getByTestId('withdraw-retire').tap()
  await expect(kiosk.screen('fund-withdraw-review')).toBeVisible()
  await expect(page.getByTestId('withdraw-review-kind')).toHaveText('退休提取')
  await elderShot(kiosk, '3-review')
  await page.getByTestId('withdraw-next').tap()
  // The SMS step in large type fits its frame, in both languages.
  await confirmBySms(kiosk, () => shotsInBothLanguages(kiosk, 'withdraw-elder-4-confirm'))
  await expect(page.getByTestId('withdraw-result-headline')).toContainText('公积金账户已销户')
  await expect(page.getByTestId('withdraw-result-paid')).toBeVisible()
  await shotsInBothLanguages(kiosk, 'withdraw-elder-5-result')

  await page.getByTestId('nav-home').tap()
  await tile(page, 'fund.query').tap()
  await expect(page.getByTestId('fund-account-status')).toHaveText('提取销户')
  await expect(page.getByTestId('fund-balance')).toContainText('¥0.00')
  await elderShot(kiosk, '6-closed')
  const texts = await messages(terminal, DEMO_RESIDENTS.zheng.phone)
  expect(texts.filter((t) => t.includes('退休提取申请'))).toHaveLength(1)
  expect(texts.filter((t) => t.includes('数字钱包绑定申请'))).toHaveLength(1)
  await kiosk.finish()
})
