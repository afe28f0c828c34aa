/**
 * The Playwright `test` of the specs that need a terminal with a centre of their own (fund,
 * withdrawals, phone change, status lookup): one terminal per worker (startFundTerminal), a kiosk
 * page per test that fails the test on any page error or console error, and the demo messages the
 * centre kept for a phone.
 */
import { test as base } from '@playwright/test'
import { DemoMessagesResponse, demoMessagesPath } from '../../../shared/central'
import { startFundTerminal, type FundTerminal } from './fund-host'
import { expect, Kiosk } from './kiosk'
import { checkScreen, frameOverflow } from './screen'

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

/** Screenshot + axe in Chinese, then the same screen in English (`<name>-en`), then back. */
export async function shotsInBothLanguages(kiosk: Kiosk, name: string): Promise<void> {
  await checkScreen(kiosk.page, name)
  await kiosk.switchLanguage('en')
  await checkScreen(kiosk.page, `${name}-en`)
  await kiosk.switchLanguage('zh-CN')
}

/**
 * `shotsInBothLanguages`, and in each language the screen fits its frame without scrolling
 * (English strings are longer, so a screen that fits in Chinese may not in English).
 */
export async function fitsInBothLanguages(kiosk: Kiosk, name: string): Promise<void> {
  expect(await frameOverflow(kiosk.page), `${name} overflows its frame`).toBe(0)
  await checkScreen(kiosk.page, name)
  await kiosk.switchLanguage('en')
  expect(await frameOverflow(kiosk.page), `${name}-en overflows its frame`).toBe(0)
  await checkScreen(kiosk.page, `${name}-en`)
  await kiosk.switchLanguage('zh-CN')
}
