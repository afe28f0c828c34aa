/**
 * The Playwright `test` of the specs that need a terminal with a centre of their own (fund,
 * withdrawals, phone change, status lookup): one terminal per worker (startFundTerminal), a kiosk
 * page per test that fails the test on any page error or console error, and the demo messages the
 * centre kept for a phone.
 */
import { test as base } from '@playwright/test'
import { DemoMessagesResponse, demoMessagesPath } from '../../../shared/central'
import { startFundTerminal, type FundTerminal } from './fund-host'
import { smsCode, typeOnKeypad } from './identity'
import { expect, Kiosk } from './kiosk'
import { checkScreen } from './screen'

export interface FundTestOptions {
  /** How long the centre keeps a bind pending (0: settles at once). */
  bindSettleMs: number
  /** Fail a test on the page's errors (default true). */
  cleanPage?: boolean
}

/** `test` with a worker-scoped `terminal` and a `kiosk` opened on it. */
export function fundTerminalTest(options: FundTestOptions) {
  return base.extend<{ kiosk: Kiosk }, { terminal: FundTerminal }>({
    terminal: [
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        const terminal = await startFundTerminal({ bindSettleMs: options.bindSettleMs })
        await use(terminal)
        await terminal.close()
      },
      { scope: 'worker' },
    ],
    kiosk: async ({ page, terminal }, use) => {
      const problems: string[] = []
      if (options.cleanPage !== false) {
        page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
        page.on('console', (msg) => {
          if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
        })
      }
      const kiosk = new Kiosk(page, terminal.host)
      await kiosk.open()
      await use(kiosk)
      expect(problems, problems.join('\n')).toEqual([])
    },
  })
}

/** The messages the terminal's centre kept for `phone`, newest first. */
export async function messagesTo(terminal: FundTerminal, phone: string) {
  const res = await fetch(terminal.centralUrl + demoMessagesPath(phone))
  return DemoMessagesResponse.parse(await res.json()).messages
}

/**
 * Screenshot, frame fit and axe (checkScreen) in Chinese, then the same screen in English
 * (`<name>-en`: English strings are longer, so a screen that fits in Chinese may not), then back.
 */
export async function shotsInBothLanguages(kiosk: Kiosk, name: string): Promise<void> {
  await checkScreen(kiosk.page, name)
  await kiosk.switchLanguage('en')
  await checkScreen(kiosk.page, `${name}-en`)
  await kiosk.switchLanguage('zh-CN')
}

/**
 * Walks the bind wizard from the account step to the result, checking each step as it goes;
 * `snap` is called on each step (screenshots), `beforeSubmit` just before the code is sent.
 */
export async function bindWallet(
  kiosk: Kiosk,
  operator: string,
  walletId: string,
  snap: ((step: string) => Promise<void>) | null,
  beforeSubmit?: () => Promise<void>,
): Promise<void> {
  const { page } = kiosk
  await expect(kiosk.screen('fund-bind-account')).toBeVisible()
  await expect(page.getByTestId('fund-account')).toBeVisible()
  await snap?.('1-account')
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-operator')).toBeVisible()
  await page.getByTestId(`operator-${operator}`).tap()
  await snap?.('2-operator')
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-wallet')).toBeVisible()
  await typeOnKeypad(kiosk, walletId)
  await expect(page.getByTestId('wallet-id')).toHaveText(walletId)
  await snap?.('3-wallet')
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-agreement')).toBeVisible()
  const accept = page.getByTestId('agreement-accept')
  const text = page.getByTestId('agreement-text')
  if ((await text.evaluate((el) => el.scrollHeight > el.clientHeight + 4)) === true) {
    await expect(accept).toBeDisabled()
  }
  await text.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect(accept).toBeEnabled()
  await accept.check()
  await snap?.('4-agreement')
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-confirm')).toBeVisible()
  await page.getByTestId('fund-sms-send').tap()
  await expect(page.getByTestId('fund-sms-sent')).toBeVisible()
  await typeOnKeypad(kiosk, await smsCode(kiosk))
  await snap?.('5-confirm')
  await beforeSubmit?.()
  await page.getByTestId('fund-submit').tap()
  await expect(kiosk.screen('fund-bind-result')).toBeVisible({ timeout: 20_000 })
}
