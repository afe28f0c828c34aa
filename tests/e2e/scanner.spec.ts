/**
 * A hand-held scanner on the verification screen, in real Chromium: a scanner types a printed
 * certificate's QR payload at its own speed (a key every few ms) and Enter, and the document is
 * verified; the same keys at a person's speed are not a scan; a scan of another code is answered
 * in words and keeps what was typed. The certificate is a real one, issued by the bundled centre.
 */
import type { Page } from '@playwright/test'
import { qa, signIn } from './support/identity'
import { type Kiosk, expect, test } from './support/kiosk'
import { checkScreen } from './support/screen'

/** Starts recording keydown times in the page (event time, as the scanner composable reads it). */
async function recordKeyTimes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { keyTimes: number[] }
    w.keyTimes = []
    window.addEventListener('keydown', (e) => w.keyTimes.push(e.timeStamp), { capture: true })
  })
}

/** The longest gap between recorded keys, in ms, and forgets them. */
async function longestGap(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { keyTimes: number[] }
    const gaps = w.keyTimes.slice(1).map((t, i) => t - w.keyTimes[i]!)
    w.keyTimes = []
    return Math.max(...gaps)
  })
}

/** A scanner reading `text`: a key every ~5 ms, then its Enter. */
async function scan(kiosk: Kiosk, text: string): Promise<void> {
  await kiosk.page.keyboard.type(`${text}\n`, { delay: 5 })
}

test('a scanned certificate QR verifies; the same keys typed by a person do not', async ({
  kiosk,
}) => {
  const { page } = kiosk
  await kiosk.start()
  await signIn(kiosk, 'wang')
  const issued = await qa(kiosk, 'tax.certificate', { fromPeriod: '2019-01', toPeriod: '2024-12' })
  const { qrPayload, documentNo, verificationCode } = issued.document
  expect(qrPayload).toContain(verificationCode.replaceAll('-', ''))
  // The certificate's owner leaves; a landlord checks it at the terminal, without signing in.
  await kiosk.finish()
  await kiosk.start()
  await page.getByTestId('home-verify-certificate').tap()
  await expect(kiosk.screen('tax-verify')).toBeVisible()
  await recordKeyTimes(page)

  // A person: 120 ms a key (faster than most people type on a keyboard), ending with Enter.
  await page.keyboard.type(`${qrPayload}\n`, { delay: 120 })
  expect(await longestGap(page)).toBeGreaterThan(60)
  // Nothing is asked: give a wrongly taken scan the time to show its answer, then look.
  await page.waitForTimeout(1_000)
  await expect(page.getByTestId('verify-result')).toHaveCount(0)
  await expect(page.getByTestId('verify-code')).toHaveText('—')

  // The scanner.
  await scan(kiosk, qrPayload)
  const scannerGap = await longestGap(page)
  test.info().annotations.push({ type: 'longest gap of the scan', description: `${scannerGap} ms` })
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true')
  await expect(page.getByTestId('verify-certificate-no')).toHaveText(documentNo)
  await expect(page.getByTestId('verify-result')).toContainText(verificationCode)
  await checkScreen(page, 'tax-verify-scanned-zh')

  // Another document's code: said so, and the code typed so far stays.
  await page.getByTestId('verify-again').tap()
  for (const char of 'ABCDE') await page.getByTestId(`code-key-${char}`).tap()
  await scan(kiosk, 'GJJ-APP:Q482915730264')
  await expect(page.getByTestId('verify-scan-problem')).toContainText('没有识别出这个码')
  await expect(page.getByTestId('verify-code')).toHaveText('ABCD-E')
  await checkScreen(page, 'tax-verify-scan-unrecognised-zh')

  // English: the scan straight over what was typed, and the wrong one again.
  await kiosk.switchLanguage('en')
  await scan(kiosk, 'GJJ-APP:Q482915730264')
  await expect(page.getByTestId('verify-scan-problem')).toContainText(
    'This code was not recognised',
  )
  await checkScreen(page, 'tax-verify-scan-unrecognised-en')
  await scan(kiosk, qrPayload)
  await expect(page.getByTestId('verify-result')).toContainText('genuine')
  await expect(page.getByTestId('verify-certificate-no')).toHaveText(documentNo)
  await checkScreen(page, 'tax-verify-scanned-en')
})

test('a burst on home does nothing', async ({ kiosk }) => {
  await kiosk.start()
  await kiosk.page.keyboard.type('hallkiosk-taxcert:v1:ABCDEFGHJKLMNPQR\n', { delay: 5 })
  await expect(kiosk.screen('home')).toBeVisible()
  await kiosk.page.getByTestId('home-verify-certificate').tap()
  await expect(kiosk.page.getByTestId('verify-code')).toHaveText('—')
})
