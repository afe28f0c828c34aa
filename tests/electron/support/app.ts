/**
 * The fixture of the Electron suite: launches the built app (`<out>/main/index.js`) with
 * Playwright's `_electron`, in demo + QA mode with a fresh data folder and the bundled central
 * service on a free port, and hands out its kiosk window. Every test is skipped, with the reason,
 * where no Electron binary exists.
 *
 * QA actions go through the same bridge the page uses (`window.kiosk.call`), as the QA panel does.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  _electron,
  test as base,
  expect,
  type ElectronApplication,
  type Locator,
  type Page,
} from '@playwright/test'
import type {
  KioskBridge,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../../shared/api/contract'
import type { Result } from '../../../shared/api/result'
import { findElectronBinary, skipLine } from './electron-binary'

const ROOT = resolve(__dirname, '../../..')
const OUT = process.env.KIOSK_OUT_DIR ?? 'out'
const binary = findElectronBinary()

export class KioskApp {
  constructor(
    readonly app: ElectronApplication,
    readonly page: Page,
  ) {}

  screen(name: string): Locator {
    return this.page.locator(`main[data-screen="${name}"]`)
  }

  /** Calls the core through the preload bridge; fails the test unless it answered ok. */
  async qa<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = (await this.page.evaluate(
      ([m, i]) => (window as unknown as { kiosk: KioskBridge }).kiosk.call(m as never, i as never),
      [method, input] as const,
    )) as Result<MethodOutput<M>>
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`)
    return result.value
  }

  async start(): Promise<void> {
    await this.page.getByTestId('touch-to-start').tap()
    await expect(this.screen('home')).toBeVisible()
  }

  /** Types on the on-screen keypad, one tap per character. */
  async type(text: string): Promise<void> {
    for (const char of text) await this.page.getByTestId(`key-${char.toUpperCase()}`).tap()
  }

  /** Signs a demo resident in by ID number + SMS code (read from the demo inbox). */
  async signIn(idNumber: string): Promise<void> {
    if (await this.screen('attract').isVisible()) await this.start()
    if (!(await this.screen('identity-choose').isVisible())) {
      await this.page.getByTestId('identity-sign-in').tap()
    }
    await this.page.getByTestId('way-id-number').tap()
    await expect(this.screen('identity-id-number')).toBeVisible()
    await this.type(idNumber)
    await this.page.getByTestId('id-number-submit').tap()
    await expect(this.screen('identity-sms')).toBeVisible()
    const { code } = await this.qa('qa.smsInbox', { idNumber })
    if (!code) throw new Error('no SMS code in the demo inbox')
    await this.type(code)
    await this.page.getByTestId('sms-submit').tap()
    await expect(this.page.getByTestId('identity-badge')).toContainText(idNumber.slice(-4), {
      timeout: 15_000,
    })
  }
}

export const test = base.extend<{ kiosk: KioskApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from it
  kiosk: async ({}, use, testInfo) => {
    testInfo.skip(!binary.path, skipLine(binary.reason ?? ''))
    const app = await _electron.launch({
      executablePath: binary.path!,
      args: [
        join(ROOT, OUT, 'main', 'index.js'),
        // Containers and CI run as root, where Chromium's OS sandbox cannot start.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      cwd: ROOT,
      env: {
        ...process.env,
        KIOSK_DATA_DIR: mkdtempSync(join(tmpdir(), 'kiosk-electron-')),
        KIOSK_CONFIG_FILE: join(tmpdir(), 'kiosk-electron-no-config.json'),
        KIOSK_CENTRAL_PORT: '0',
        KIOSK_QA: '1',
        KIOSK_CENTRAL_SMS_PER_HOUR: '1000',
      },
    })
    try {
      const page = await app.firstWindow()
      await expect(page.locator('main[data-screen="attract"][data-ready="true"]')).toBeVisible({
        timeout: 30_000,
      })
      await use(new KioskApp(app, page))
    } finally {
      await app.close()
    }
  },
})

export { expect }

/** Demo residents the flows use. */
export const RESIDENTS = {
  lin: '350102198506123417',
  chen: '350103199202145626',
} as const
