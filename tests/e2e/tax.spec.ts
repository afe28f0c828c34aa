/**
 * Tax services end to end: 王建国 lists his records for several
 * years with totals the test computes from the seed; prints a 《纳税记录》 for 2019–2024 and a
 * 完税证明 for 2017–2018 through a real CUPS (a private cupsd, its raw queue keeping the bytes; the
 * kiosk runs as its own web host with `KIOSK_A4_PRINTER=cups:raw`), whose PDFs hold the right rows
 * and totals; each printed code verifies on the terminal and a modified one does not. Screens:
 * records, preview and verification in Chinese, English and elder mode.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { buildDemoSeed } from '../../electron/central/seed'
import { chineseCapitalAmount, formatFen } from '../../shared/domain/money'
import { CERTIFICATE_QR_PREFIX } from '../../shared/domain/tax'
import { cupsUnavailableReason, startCups, type CupsServer } from '../fixtures/cups'
import { kioskHosts, type KioskHost } from './support/hosts'
import { signIn } from './support/identity'
import { Kiosk, expect, test } from './support/kiosk'
import { launchWithQrCamera } from './support/qr-camera'
import { checkScreen, PREVIEW_SCROLLS } from './support/screen'

const run = promisify(execFile)

const WANG = '350104197809301135'
/** Rows a page (renderer/stores/tax.ts: TAX_PAGE_SIZE, ELDER_TAX_PAGE_SIZE). */
const PER_PAGE = 8
const ELDER_PER_PAGE = 4
const wangRows = buildDemoSeed().residents.find((r) => r.idNumber === WANG)!.taxRecords
const rowsBetween = (from: string, to: string) =>
  wangRows.filter((r) => r.period >= from && r.period <= to)
const totalsOf = (rows: typeof wangRows) => ({
  income: rows.reduce((s, r) => s + r.income, 0),
  taxPaid: rows.reduce((s, r) => s + r.taxPaid, 0),
})

/** Taps a year stepper until it shows `year`. */
async function setYear(kiosk: Kiosk, which: 'from' | 'to', year: number): Promise<void> {
  const value = kiosk.page.getByTestId(`cert-${which}-year`)
  for (let i = 0; i < 20; i++) {
    const shown = Number((await value.innerText()).match(/\d{4}/)![0])
    if (shown === year) return
    await kiosk.page.getByTestId(`cert-${which}-${shown > year ? 'earlier' : 'later'}`).tap()
  }
  throw new Error(`could not set ${which} year to ${year}`)
}

/** From anywhere in a signed-in session: the certificate wizard's first step. */
async function openCertificate(kiosk: Kiosk): Promise<void> {
  if (!(await kiosk.screen('home').isVisible())) await kiosk.page.getByTestId('nav-home').tap()
  await kiosk.page.locator('[data-service="tax.certificate"]').tap()
}

/** Chooses the years, issues, and waits for the preview. */
async function previewCertificate(kiosk: Kiosk, fromYear: number, toYear: number): Promise<void> {
  await expect(kiosk.screen('tax-certificate-range')).toBeVisible()
  await setYear(kiosk, 'from', Math.min(fromYear, toYear))
  await setYear(kiosk, 'to', toYear)
  await setYear(kiosk, 'from', fromYear)
  await kiosk.page.getByTestId('cert-issue').tap()
  await expect(kiosk.screen('tax-certificate-preview')).toBeVisible()
}

/** Prints the previewed certificate; returns its verification code as shown afterwards. */
async function printCertificate(kiosk: Kiosk): Promise<string> {
  await kiosk.page.getByTestId('cert-print').tap()
  await expect(kiosk.screen('tax-certificate-done')).toBeVisible({ timeout: 30_000 })
  await expect(kiosk.page.getByTestId('cert-result')).not.toContainText(/错误代码|Error code/)
  return (await kiosk.page.getByTestId('cert-done-code').locator('strong').innerText()).trim()
}

/** Opens verification from home and checks `code` typed on the on-screen keyboard. */
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
function tampered(code: string): string {
  const bare = code.replaceAll('-', '')
  const changed = bare[7] === 'K' ? 'M' : 'K'
  return bare.slice(0, 7) + changed + bare.slice(8)
}

test.describe('tax records', () => {
  test('王建国 lists several years with totals from the seed, pages, and an empty year', async ({
    kiosk,
  }) => {
    const { page } = kiosk
    await kiosk.start()
    await page.locator('[data-service="tax.records"]').tap()
    // The guard opens the identity flow (a lazily loaded screen) and comes back afterwards.
    await expect(kiosk.screen('identity-choose')).toBeVisible()
    await signIn(kiosk, 'wang')
    await expect(kiosk.screen('tax-records')).toBeVisible()
    await expect(page.getByTestId('tax-summary')).toBeVisible()

    for (const year of [2018, 2019, 2023, 2025]) {
      const rows = rowsBetween(`${year}-01`, `${year}-12`)
      const totals = totalsOf(rows)
      await page.getByTestId(`tax-year-${year}`).tap()
      await expect(page.getByTestId('tax-paid-total')).toHaveText(formatFen(totals.taxPaid))
      await expect(page.getByTestId('tax-income-total')).toHaveText(formatFen(totals.income))
      await expect(page.getByTestId('tax-count')).toContainText(String(rows.length))
      await expect(page.getByTestId('tax-row')).toHaveCount(Math.min(PER_PAGE, rows.length))
      // Newest period first.
      await expect(page.getByTestId('tax-row').first()).toContainText(rows.at(-1)!.period)
    }

    // Paging through 2023: every row once, the last page holds the oldest.
    const rows2023 = rowsBetween('2023-01', '2023-12')
    await page.getByTestId('tax-year-2023').tap()
    const pages = Math.ceil(rows2023.length / PER_PAGE)
    await expect(page.getByTestId('tax-page')).toContainText(`${pages}`)
    for (let p = 1; p < pages; p++) await page.getByTestId('tax-page-next').tap()
    await expect(page.getByTestId('tax-row')).toHaveCount(rows2023.length - (pages - 1) * PER_PAGE)
    await expect(page.getByTestId('tax-row').last()).toContainText(rows2023[0]!.period)

    // A tax type filter: totals over that type only.
    const vehicle = rows2023.filter((r) => r.taxType === '10114')
    await page.getByTestId('tax-type-10114').tap()
    await expect(page.getByTestId('tax-paid-total')).toHaveText(
      formatFen(totalsOf(vehicle).taxPaid),
    )
    await page.getByTestId('tax-type-all').tap()

    // A year without records (his rows end in 2025-12) says so in words.
    await page.getByTestId('tax-year-2026').tap()
    await expect(page.getByTestId('tax-empty')).toContainText('2026 年没有纳税记录')

    await page.getByTestId('tax-year-2024').tap()
    await expect(page.getByTestId('tax-row')).toHaveCount(PER_PAGE)
    // A full page of records fits without scrolling, in English and elder mode too (checkScreen).
    await checkScreen(page, 'tax-records-zh')
    await kiosk.switchLanguage('en')
    await expect(page.getByTestId('tax-summary')).toContainText('Total tax paid')
    await checkScreen(page, 'tax-records-en')
    await kiosk.switchLanguage('zh-CN')
    await page.getByTestId('nav-home').tap()
    await kiosk.setElder(true)
    await page.locator('[data-service="tax.records"]').tap()
    await expect(page.getByTestId('tax-summary')).toBeVisible()
    await page.getByTestId('tax-year-2024').tap()
    await expect(page.getByTestId('tax-row')).toHaveCount(ELDER_PER_PAGE)
    await checkScreen(page, 'tax-records-elder')
  })
})

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

  test('prints a 《纳税记录》 2019–2024 and a 完税证明 2017–2018; the codes verify, a changed one does not', async ({
    page,
  }, testInfo) => {
    test.skip(!!skip, skip)
    test.skip(testInfo.project.name !== 'landscape', 'one printing run is enough')
    test.setTimeout(180_000)
    cups = await startCups()
    const { standard } = kioskHosts(testInfo.parallelIndex)
    const cupsHost: KioskHost = {
      ...standard,
      port: standard.port + 2,
      url: `http://127.0.0.1:${standard.port + 2}`,
      token: `e2e-token-${standard.port + 2}-0123456789abcdef0123456789abcdef`,
    }
    host = spawn('node', [`${process.env.KIOSK_OUT_DIR ?? 'out'}/main/web.js`], {
      env: {
        ...process.env,
        KIOSK_WEB_PORT: String(cupsHost.port),
        KIOSK_WEB_TOKEN: cupsHost.token,
        KIOSK_DATA_DIR: mkdtempSync(join(tmpdir(), 'kiosk-e2e-tax-')),
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
    // The tile is available once the core has heard from the CUPS queue.
    const tile = page.locator('[data-service="tax.certificate"]')
    await expect(tile).toHaveAttribute('aria-disabled', 'false', { timeout: 30_000 })
    await tile.tap()
    // The guard opens the identity flow (a lazily loaded screen) and comes back afterwards.
    await expect(kiosk.screen('identity-choose')).toBeVisible()
    await signIn(kiosk, 'wang')

    const printed: Array<{ code: string; from: string; to: string; title: string }> = []
    for (const [fromYear, toYear, title] of [
      [2019, 2024, '中华人民共和国纳税记录'],
      [2017, 2018, '中华人民共和国税收完税证明'],
    ] as const) {
      if (printed.length) await page.getByTestId('cert-another').tap()
      await previewCertificate(kiosk, fromYear, toYear)
      const from = `${fromYear}-01`
      const to = `${toYear}-12`
      const rows = rowsBetween(from, to)
      const totals = totalsOf(rows)
      const paper = page.getByTestId('certificate-paper')
      await expect(paper).toContainText(title)
      await expect(page.getByTestId('certificate-row')).toHaveCount(rows.length)
      await expect(page.getByTestId('certificate-total').first()).toHaveText(
        formatFen(totals.taxPaid),
      )
      await expect(page.getByTestId('certificate-capital')).toContainText(
        chineseCapitalAmount(totals.taxPaid),
      )
      const jobsBefore = cups.rawSink.jobs.length
      const code = await printCertificate(kiosk)
      expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/)
      printed.push({ code, from, to, title })

      // What CUPS delivered to the printer: the PDF text has every row and the totals.
      const pdf = join(cups.dir, `tax-${fromYear}-${toYear}.pdf`)
      writeFileSync(pdf, await cups.rawSink.waitForJob(jobsBefore + 1, 30_000))
      const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout
      const lines = text.split('\n')
      expect(text).toContain(title)
      expect(text).toContain('350104********1135')
      expect(text).not.toContain(WANG)
      expect(text).toContain(code)
      expect(text).toContain(formatFen(totals.taxPaid))
      expect(text).toContain(formatFen(totals.income))
      expect(text).toContain(chineseCapitalAmount(totals.taxPaid))
      for (const row of rows) {
        const line = lines.find(
          (l) =>
            l.trimStart().startsWith(row.period) &&
            l.includes(formatFen(row.income)) &&
            l.includes(formatFen(row.taxPaid)) &&
            l.includes(row.paidInDate),
        )
        expect(line, `row ${row.id} ${row.period} in the printed PDF`).toBeTruthy()
      }
    }

    // A landlord at the terminal: each printed code is genuine, a changed one is not.
    for (const cert of printed) {
      const totals = totalsOf(rowsBetween(cert.from, cert.to))
      await verifyOnTerminal(kiosk, cert.code)
      await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true')
      await expect(page.getByTestId('verify-tax-total')).toHaveText(formatFen(totals.taxPaid))
      await expect(page.getByTestId('verify-income-total')).toHaveText(formatFen(totals.income))
      await verifyOnTerminal(kiosk, tampered(cert.code))
      await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'false')
    }
  })
})

test.describe('certificate screens', () => {
  test('preview and verification in Chinese, English and elder mode', async ({ kiosk }) => {
    test.setTimeout(120_000)
    const { page } = kiosk
    await kiosk.start()
    await page.locator('[data-service="tax.certificate"]').tap()
    // The guard opens the identity flow (a lazily loaded screen) and comes back afterwards.
    await expect(kiosk.screen('identity-choose')).toBeVisible()
    await signIn(kiosk, 'wang')

    // Chinese: preview, printed on the (simulated) A4 printer, then both verification answers.
    await previewCertificate(kiosk, 2019, 2024)
    await checkScreen(page, 'tax-certificate-preview-zh', PREVIEW_SCROLLS)
    const code = await printCertificate(kiosk)
    await checkScreen(page, 'tax-certificate-done-zh')
    await page.getByTestId('nav-home').tap()
    await page.getByTestId('home-verify-certificate').tap()
    for (const char of code.replaceAll('-', '').slice(0, 9))
      await page.getByTestId(`code-key-${char}`).tap()
    await checkScreen(page, 'tax-verify-entry-zh')
    await verifyOnTerminal(kiosk, code)
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true')
    await checkScreen(page, 'tax-verify-valid-zh')
    await verifyOnTerminal(kiosk, tampered(code))
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'false')
    await checkScreen(page, 'tax-verify-invalid-zh')

    // English.
    await kiosk.switchLanguage('en')
    await openCertificate(kiosk)
    await previewCertificate(kiosk, 2017, 2018)
    await expect(page.getByTestId('step-indicator')).toContainText('2')
    await checkScreen(page, 'tax-certificate-preview-en', PREVIEW_SCROLLS)
    await page.getByTestId('nav-home').tap()
    await verifyOnTerminal(kiosk, code)
    await expect(page.getByTestId('verify-result')).toContainText('genuine')
    await checkScreen(page, 'tax-verify-valid-en')
    await verifyOnTerminal(kiosk, tampered(code))
    await checkScreen(page, 'tax-verify-invalid-en')

    // Elder mode (Chinese).
    await kiosk.switchLanguage('zh-CN')
    await page.getByTestId('nav-home').tap()
    await kiosk.setElder(true)
    await openCertificate(kiosk)
    await previewCertificate(kiosk, 2019, 2024)
    await checkScreen(page, 'tax-certificate-preview-elder', PREVIEW_SCROLLS)
    await page.getByTestId('nav-home').tap()
    await page.getByTestId('home-verify-certificate').tap()
    await expect(kiosk.screen('verify')).toBeVisible()
    // Every key, delete and clear included, in the frame in large type (checkScreen).
    await checkScreen(page, 'tax-verify-entry-elder')
    await verifyOnTerminal(kiosk, code)
    await checkScreen(page, 'tax-verify-valid-elder')
    await page.getByTestId('nav-home').tap()
    await kiosk.setElder(false)
    await kiosk.finish()

    // A landlord holds the printed certificate's QR code up to the terminal's camera.
    if (test.info().project.name !== 'landscape') return // the camera's path: once is enough
    const browser = await launchWithQrCamera(`${CERTIFICATE_QR_PREFIX}${code.replaceAll('-', '')}`)
    try {
      const context = await browser.newContext({
        viewport: page.viewportSize()!,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
      const cam = new Kiosk(await context.newPage(), kiosk.host)
      await cam.open()
      await cam.start()
      await cam.page.getByTestId('home-verify-certificate').tap()
      await expect(cam.screen('verify')).toBeVisible()
      await cam.page.getByTestId('verify-mode-camera').tap()
      await expect(cam.page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true', {
        timeout: 20_000,
      })
      await expect(cam.page.getByTestId('verify-tax-total')).toBeVisible()
      // Read once, the camera is released: no live track is left in the page.
      const live = await cam.page.evaluate(() =>
        [...document.querySelectorAll('video')].some((v) => v.srcObject !== null),
      )
      expect(live).toBe(false)
      await cam.finish()
    } finally {
      await browser.close()
    }
  })

  test('verification needs no sign-in', async ({ kiosk }) => {
    await kiosk.start()
    await kiosk.page.getByTestId('home-verify-certificate').tap()
    await expect(kiosk.screen('verify')).toBeVisible()
    await verifyOnTerminal(kiosk, 'ABCD-EFGH-JKLM-NPQR')
    await expect(kiosk.page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'false')
    await expect(kiosk.page.getByTestId('identity-badge')).toHaveCount(0)
  })
})
