/**
 * Certificates a third party can verify, end to end: 林晓峰 prints his 个人住房公积金缴存证明 and
 * 王建国 an income-tax-only 《个人所得税纳税记录》 through a real CUPS (a private cupsd, its raw
 * queue keeping the bytes; the kiosk runs as its own web host with `KIOSK_A4_PRINTER=cups:raw`);
 * the PDFs' text (pdftotext) holds the facts, the full name and the ID number 6+4, and only
 * income-tax rows; each printed code verifies through the one verification service on home and a
 * changed one does not. Screens: deposit certificate, verification of it, the tax range step with
 * the tax scope and months, in Chinese, English and elder mode, landscape and portrait.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { buildDemoSeed } from '../../electron/central/seed'
import { chineseCapitalAmount, formatFen } from '../../shared/domain/money'
import { cupsUnavailableReason, startCups, type CupsServer } from '../fixtures/cups'
import { kioskHosts, type KioskHost } from './support/hosts'
import { signIn } from './support/identity'
import { Kiosk, expect, test } from './support/kiosk'
import { checkScreen, PREVIEW_SCROLLS } from './support/screen'

const run = promisify(execFile)
const seed = buildDemoSeed().residents
const LIN = seed.find((r) => r.idNumber === '350102198506123417')!
const WANG = seed.find((r) => r.idNumber === '350104197809301135')!

/** From home: the balance screen (signing in as `who`), then the deposit certificate preview. */
async function previewDeposit(kiosk: Kiosk, who: 'lin' | null): Promise<void> {
  if (!(await kiosk.screen('home').isVisible())) await kiosk.page.getByTestId('nav-home').tap()
  await kiosk.page.locator('[data-service="fund.query"]').tap()
  if (who) {
    await expect(kiosk.screen('identity-choose')).toBeVisible()
    await signIn(kiosk, who)
  }
  await expect(kiosk.screen('fund-balance')).toBeVisible()
  await kiosk.page.getByTestId('fund-deposit-certificate').tap()
  await expect(kiosk.screen('fund-deposit-certificate-preview')).toBeVisible()
  await expect(kiosk.page.getByTestId('certificate-paper')).toContainText('个人住房公积金缴存证明')
}

/** Prints the previewed deposit certificate; returns its code as shown afterwards. */
async function printDeposit(kiosk: Kiosk): Promise<string> {
  await kiosk.page.getByTestId('deposit-print').tap()
  await expect(kiosk.screen('fund-deposit-certificate-done')).toBeVisible({ timeout: 30_000 })
  await expect(kiosk.page.getByTestId('deposit-result')).not.toContainText(/错误代码|Error code/)
  return (await kiosk.page.getByTestId('deposit-done-code').locator('strong').innerText()).trim()
}

/** Opens 验证 from home and checks `code` typed on the on-screen keyboard. */
async function verifyOnTerminal(kiosk: Kiosk, code: string): Promise<void> {
  if (!(await kiosk.screen('verify').isVisible())) {
    if (!(await kiosk.screen('home').isVisible())) await kiosk.page.getByTestId('nav-home').tap()
    await kiosk.page.getByTestId('home-verify-certificate').tap()
  }
  await expect(kiosk.screen('verify')).toBeVisible()
  if (await kiosk.page.getByTestId('verify-again').isVisible())
    await kiosk.page.getByTestId('verify-again').tap()
  if (await kiosk.page.getByTestId('code-key-clear').isEnabled())
    await kiosk.page.getByTestId('code-key-clear').tap()
  for (const char of code.replaceAll('-', ''))
    await kiosk.page.getByTestId(`code-key-${char}`).tap()
  await kiosk.page.getByTestId('verify-check').tap()
  await expect(kiosk.page.getByTestId('verify-result')).toBeVisible()
}

/** The code with one character changed (to another character codes use). */
function changed(code: string): string {
  const bare = code.replaceAll('-', '')
  return bare.slice(0, 7) + (bare[7] === 'K' ? 'M' : 'K') + bare.slice(8)
}

/** On the tax certificate's range step: income tax only, `from`–`to` within one year. */
async function chooseIncomeTaxMonths(
  kiosk: Kiosk,
  year: number,
  fromMonth: number,
  toMonth: number,
): Promise<void> {
  const { page } = kiosk
  await expect(kiosk.screen('tax-certificate-range')).toBeVisible()
  await page.getByTestId('cert-scope-iit').tap()
  for (const which of ['from', 'to'] as const) {
    const value = page.getByTestId(`cert-${which}-year`)
    for (let i = 0; i < 20; i++) {
      const shown = Number((await value.innerText()).match(/\d{4}/)![0])
      if (shown === year) break
      await page.getByTestId(`cert-${which}-${shown > year ? 'earlier' : 'later'}`).tap()
    }
    const target = which === 'from' ? fromMonth : toMonth
    const month = page.getByTestId(`cert-${which}-month`)
    for (let i = 0; i < 12; i++) {
      const shown = Number((await month.innerText()).match(/\d+/)![0])
      if (shown === target) break
      await page.getByTestId(`cert-${which}-month-${shown > target ? 'earlier' : 'later'}`).tap()
    }
  }
}

test.describe('certificates through CUPS', () => {
  const skip = cupsUnavailableReason()
  let cups: CupsServer | null = null
  let host: ChildProcess | null = null

  test.afterEach(async () => {
    host?.kill('SIGTERM')
    host = null
    await cups?.stop()
    cups = null
  })

  test('a printed 缴存证明 and an income-tax-only 纳税记录 verify through the one service; changed codes do not', async ({
    page,
  }, testInfo) => {
    test.skip(!!skip, skip)
    test.skip(testInfo.project.name !== 'landscape', 'one printing run is enough')
    test.setTimeout(180_000)
    cups = await startCups()
    const { standard } = kioskHosts(testInfo.parallelIndex)
    const cupsHost: KioskHost = {
      ...standard,
      port: standard.port + 3,
      url: `http://127.0.0.1:${standard.port + 3}`,
      token: `e2e-token-${standard.port + 3}-0123456789abcdef0123456789abcdef`,
    }
    host = spawn('node', [`${process.env.KIOSK_OUT_DIR ?? 'out'}/main/web.js`], {
      env: {
        ...process.env,
        KIOSK_WEB_PORT: String(cupsHost.port),
        KIOSK_WEB_TOKEN: cupsHost.token,
        KIOSK_DATA_DIR: mkdtempSync(join(tmpdir(), 'kiosk-e2e-cert-')),
        KIOSK_CENTRAL_PORT: '0',
        KIOSK_QA: '1',
        KIOSK_CENTRAL_SMS_PER_HOUR: '1000',
        KIOSK_A4_PRINTER: 'cups:raw',
        KIOSK_CUPS_SERVER: cups.server,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${cupsHost.url}/`)).status
          } catch {
            return 0
          }
        },
        { timeout: 60_000 },
      )
      .toBe(200)
    const kiosk = new Kiosk(page, cupsHost)
    await kiosk.open()
    await kiosk.start()
    await expect(page.locator('[data-service="fund.query"]')).toHaveAttribute(
      'aria-disabled',
      'false',
      { timeout: 30_000 },
    )
    const pdfText = async (jobsBefore: number, name: string) => {
      const pdf = join(cups!.dir, `${name}.pdf`)
      writeFileSync(pdf, await cups!.rawSink.waitForJob(jobsBefore + 1, 30_000))
      return (await run('pdftotext', ['-layout', pdf, '-'])).stdout
    }

    // 林晓峰's deposit certificate, printed through CUPS.
    await previewDeposit(kiosk, 'lin')
    const account = LIN.fundAccount!
    let jobsBefore = cups.rawSink.jobs.length
    const depositCode = await printDeposit(kiosk)
    expect(depositCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/)
    const deposit = await pdfText(jobsBefore, 'deposit')
    for (const expected of [
      '个人住房公积金缴存证明',
      '林晓峰',
      '350102********3417',
      account.employerName,
      account.openedDate,
      formatFen(account.depositBase),
      formatFen(account.balance),
      chineseCapitalAmount(account.balance),
      '连续缴存月数',
      depositCode,
    ])
      expect(deposit, expected).toContain(expected)
    expect(deposit).not.toContain(LIN.idNumber)
    await kiosk.finish()

    // 王建国's 《个人所得税纳税记录》 for 2023-03 to 2023-08: income tax rows only.
    await kiosk.start()
    await page.locator('[data-service="tax.certificate"]').tap()
    await expect(kiosk.screen('identity-choose')).toBeVisible()
    await signIn(kiosk, 'wang')
    await chooseIncomeTaxMonths(kiosk, 2023, 3, 8)
    await expect(page.getByTestId('cert-kind')).toContainText('个人所得税纳税记录')
    await page.getByTestId('cert-issue').tap()
    await expect(kiosk.screen('tax-certificate-preview')).toBeVisible()
    const rows = WANG.taxRecords.filter((r) => r.period >= '2023-03' && r.period <= '2023-08')
    const iit = rows.filter((r) => r.taxType === '10106')
    expect(rows.length).toBeGreaterThan(iit.length)
    await expect(page.getByTestId('certificate-row')).toHaveCount(iit.length)
    jobsBefore = cups.rawSink.jobs.length
    await page.getByTestId('cert-print').tap()
    await expect(kiosk.screen('tax-certificate-done')).toBeVisible({ timeout: 30_000 })
    const taxCode = (await page.getByTestId('cert-done-code').locator('strong').innerText()).trim()
    const tax = await pdfText(jobsBefore, 'iit')
    expect(tax).toContain('中华人民共和国个人所得税纳税记录')
    expect(tax).toContain('王建国')
    expect(tax).toContain('2023-03 至 2023-08')
    for (const other of ['房产税', '印花税', '车船税']) expect(tax).not.toContain(other)
    const lines = tax.split('\n')
    for (const row of iit)
      expect(
        lines.find((l) => l.trimStart().startsWith(row.period) && l.includes(row.voucherNo)),
        `row ${row.id} with its 税票号码`,
      ).toBeTruthy()
    await kiosk.finish()

    // A bank clerk at the terminal, nobody signed in: one service verifies both.
    await kiosk.start()
    await verifyOnTerminal(kiosk, depositCode)
    const result = page.getByTestId('verify-result')
    await expect(result).toHaveAttribute('data-valid', 'true')
    await expect(result).toHaveAttribute('data-kind', 'fundDeposit')
    await expect(page.getByTestId('verify-holder')).toHaveText('林晓峰')
    await expect(page.getByTestId('verify-id-number')).toHaveText('350102********3417')
    await expect(page.getByTestId('verify-balance')).toHaveText(formatFen(account.balance))
    await verifyOnTerminal(kiosk, changed(depositCode))
    await expect(result).toHaveAttribute('data-valid', 'false')
    await expect(result).toContainText('没有开具记录')
    await verifyOnTerminal(kiosk, taxCode)
    await expect(result).toHaveAttribute('data-valid', 'true')
    await expect(page.getByTestId('verify-kind')).toHaveText('《个人所得税纳税记录》')
    await expect(page.getByTestId('verify-holder')).toHaveText('王建国')
  })
})

test.describe('certificate screens', () => {
  test('deposit certificate, its verification and the tax range step in Chinese, English and elder mode', async ({
    kiosk,
  }) => {
    test.setTimeout(120_000)
    const { page } = kiosk
    await kiosk.start()
    await previewDeposit(kiosk, 'lin')
    await checkScreen(page, 'deposit-certificate-preview-zh', PREVIEW_SCROLLS)
    const code = await printDeposit(kiosk)
    await checkScreen(page, 'deposit-certificate-done-zh')
    await page.getByTestId('nav-home').tap()
    await page.locator('[data-service="tax.certificate"]').tap()
    await chooseIncomeTaxMonths(kiosk, 2025, 7, 12)
    await checkScreen(page, 'tax-certificate-range-iit-zh')
    await verifyOnTerminal(kiosk, code)
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-kind', 'fundDeposit')
    await checkScreen(page, 'verify-deposit-valid-zh')
    await page.getByTestId('verify-again').tap()
    await page.getByTestId('verify-mode-camera').tap()
    await expect(page.getByTestId('status-qr')).toBeVisible()
    await checkScreen(page, 'verify-camera-zh')

    await kiosk.switchLanguage('en')
    await previewDeposit(kiosk, null)
    await checkScreen(page, 'deposit-certificate-preview-en', PREVIEW_SCROLLS)
    await page.getByTestId('nav-home').tap()
    await page.locator('[data-service="tax.certificate"]').tap()
    await chooseIncomeTaxMonths(kiosk, 2025, 7, 12)
    await checkScreen(page, 'tax-certificate-range-iit-en')
    await verifyOnTerminal(kiosk, code)
    await expect(page.getByTestId('verify-result')).toContainText('genuine')
    await checkScreen(page, 'verify-deposit-valid-en')

    await kiosk.switchLanguage('zh-CN')
    await page.getByTestId('nav-home').tap()
    await kiosk.setElder(true)
    await previewDeposit(kiosk, null)
    await checkScreen(page, 'deposit-certificate-preview-elder', PREVIEW_SCROLLS)
    await page.getByTestId('nav-home').tap()
    await page.locator('[data-service="tax.certificate"]').tap()
    await chooseIncomeTaxMonths(kiosk, 2025, 7, 12)
    // The range step and the verified facts fit the frame in elder mode (checkScreen).
    await checkScreen(page, 'tax-certificate-range-iit-elder')
    await verifyOnTerminal(kiosk, code)
    await checkScreen(page, 'verify-deposit-valid-elder')
  })
})
