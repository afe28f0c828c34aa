/**
 * The fixture every screen test starts from: `kiosk` opens the terminal page with its token
 * (as the web host prints it), waits until attract is ready, and offers the steps the shell
 * provides (start a session, switch language, elder mode, finish). Pick the host with
 * `test.use({ kioskHost: 'shortIdle' })`.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { kioskHosts, type KioskHost, type KioskHostName } from './hosts'

/** Visible CJK characters (ideographs and full-width punctuation). */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/

export class Kiosk {
  constructor(
    readonly page: Page,
    readonly host: KioskHost,
  ) {}

  /** The screen currently shown (`data-screen` of the main element). */
  screen(name: string): Locator {
    return this.page.locator(`main[data-screen="${name}"]`)
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.host.url}/?token=${this.host.token}`)
    await expect(this.page.locator('main[data-screen="attract"][data-ready="true"]')).toBeVisible()
  }

  /** First touch on attract; resolves on home. */
  async start(): Promise<void> {
    await this.page.getByTestId('touch-to-start').tap()
    await expect(this.screen('home')).toBeVisible()
  }

  tiles(): Locator {
    return this.page.getByTestId('service-tile')
  }

  async switchLanguage(to: 'zh-CN' | 'en'): Promise<void> {
    await this.page.getByTestId('language-switch').click()
    await expect(this.page.locator('html')).toHaveAttribute('lang', to)
  }

  async setElder(on: boolean): Promise<void> {
    const toggle = this.page.getByRole('switch')
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click()
    await expect(toggle).toHaveAttribute('aria-checked', String(on))
  }

  async finish(): Promise<void> {
    await this.page.getByTestId('nav-finish').click()
    await expect(this.screen('attract')).toBeVisible()
  }

  /**
   * The page's visible text without the language switch's own label: each language is named
   * in itself ("中文" in the English UI), marked with `lang` so it is an explicit exception.
   */
  async visibleTextOutsideEndonyms(): Promise<string> {
    return this.page.evaluate(() => {
      let text = document.body.innerText
      for (const el of document.querySelectorAll<HTMLElement>(
        '[data-testid="language-switch"] [lang]',
      ))
        text = text.replace(el.innerText, '')
      return text
    })
  }
}

export const test = base.extend<{ kioskHost: KioskHostName; kiosk: Kiosk }>({
  kioskHost: ['standard', { option: true }],
  kiosk: async ({ page, kioskHost }, use, testInfo) => {
    // Script errors and CSP violations (reported as console errors) fail the test.
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
    })
    const kiosk = new Kiosk(page, kioskHosts(testInfo.parallelIndex)[kioskHost])
    await kiosk.open()
    await use(kiosk)
    expect(problems, problems.join('\n')).toEqual([])
  },
})

export { expect }
