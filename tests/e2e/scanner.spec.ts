/**
 * A hand-held scanner on the verification screen, in real Chromium: a scanner types a printed
 * certificate's QR payload at its own speed (a key every few ms) and Enter, and the document is
 * verified; the same keys at a person's speed are not a scan; a scan of another code is answered
 * in words and keeps what was typed. The certificate is a real one, issued by the bundled centre.
 */
import type { Page } from '@playwright/test'
import { qa, signIn } from './support/identity'
import { expect, test } from './support/kiosk'
import { checkScreen } from './support/screen'

/**
 * A hand-held scanner reading `text`: its keys (Shift around capitals and colons, as a USB
 * scanner presses it) and then Enter, `gapMs` apart by the events' own time. The keys go through
 * Chromium's input pipeline (`Input.dispatchKeyEvent`, as Playwright's keyboard does) with a
 * timestamp, as the kernel stamps a real device's keys: `page.keyboard.type(text, { delay: 5 })`
 * stamps them when they arrive instead, and on a loaded machine (load average 10 on two cores)
 * measured gaps of up to 122 ms between keys sent 5 ms apart, which no scanner leaves.
 */
async function scan(page: Page, text: string, gapMs = 5): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  let at = Date.now() / 1000
  const send = (type: 'keyDown' | 'keyUp' | 'rawKeyDown', key: string, extra: object = {}) =>
    cdp.send('Input.dispatchKeyEvent', { type, key, timestamp: at, ...extra })
  for (const char of `${text}\r`) {
    at += gapMs / 1000
    const enter = char === '\r'
    const shifted = /[A-Z:]/.test(char)
    const key = enter ? 'Enter' : char
    const code = enter ? 13 : /[A-Z0-9]/i.test(char) ? char.toUpperCase().charCodeAt(0) : 0
    if (shifted) await send('rawKeyDown', 'Shift', { modifiers: 8, windowsVirtualKeyCode: 16 })
    const modifiers = shifted ? 8 : 0
    await send('keyDown', key, { text: char, modifiers, windowsVirtualKeyCode: code })
    await send('keyUp', key, { modifiers, windowsVirtualKeyCode: code })
    if (shifted) await send('keyUp', 'Shift', { windowsVirtualKeyCode: 16 })
  }
  await cdp.detach()
}

/** The longest gap between the page's keydowns while `typing` runs (event time, ms). */
async function longestGapWhile(page: Page, typing: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { keyTimes?: number[] }
    if (!w.keyTimes)
      window.addEventListener('keydown', (e) => w.keyTimes!.push(e.timeStamp), { capture: true })
    w.keyTimes = []
  })
  await typing()
  return page.evaluate(() => {
    const times = (window as unknown as { keyTimes: number[] }).keyTimes
    return Math.max(...times.slice(1).map((t, i) => t - times[i]!))
  })
}

test('a scanned certificate QR verifies; the same keys typed by a person do not', async ({
  kiosk,
}) => {
  const { page } = kiosk
  await kiosk.start()
  await signIn(kiosk, 'wang')
  const issued = await qa(kiosk, 'tax.certificate', { fromPeriod: '2019-01', toPeriod: '2024-12' })
  // Certificates always carry a code and its QR (only the fund statement has none).
  const { documentNo } = issued.document
  const qrPayload = issued.document.qrPayload!
  const verificationCode = issued.document.verificationCode!
  expect(qrPayload).toContain(verificationCode.replaceAll('-', ''))
  // The certificate's owner leaves; a landlord checks it at the terminal, without signing in.
  await kiosk.finish()
  await kiosk.start()
  await page.getByTestId('home-verify-certificate').tap()
  await expect(kiosk.screen('verify')).toBeVisible()

  // A person at a keyboard: 120 ms a key (faster than most people type), ending with Enter.
  const personGap = await longestGapWhile(page, () =>
    page.keyboard.type(`${qrPayload}\n`, { delay: 120 }),
  )
  expect(personGap).toBeGreaterThan(60)
  // Nothing is asked: give a wrongly taken scan the time to show its answer, then look.
  await page.waitForTimeout(1_000)
  await expect(page.getByTestId('verify-result')).toHaveCount(0)
  await expect(page.getByTestId('verify-code')).toHaveText('—')

  // The scanner, and its keys as the page heard them.
  expect(await longestGapWhile(page, () => scan(page, qrPayload))).toBeLessThan(6)
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true')
  await expect(page.getByTestId('verify-certificate-no')).toHaveText(documentNo)
  await expect(page.getByTestId('verify-result')).toContainText(verificationCode)
  await checkScreen(page, 'tax-verify-scanned-zh')

  // Another document's code: said so, and the code typed so far stays.
  await page.getByTestId('verify-again').tap()
  for (const char of 'ABCDE') await page.getByTestId(`code-key-${char}`).tap()
  await scan(page, 'GJJ-APP:Q482915730264')
  await expect(page.getByTestId('verify-scan-problem')).toContainText('没有识别出这个码')
  await expect(page.getByTestId('verify-code')).toHaveText('ABCD-E')
  await checkScreen(page, 'tax-verify-scan-unrecognised-zh')

  // English: the same answer in English, then a good scan straight over what was typed.
  await kiosk.switchLanguage('en')
  await scan(page, 'GJJ-APP:Q482915730264')
  await expect(page.getByTestId('verify-scan-problem')).toContainText(
    'This code was not recognised',
  )
  await checkScreen(page, 'tax-verify-scan-unrecognised-en')
  await scan(page, qrPayload)
  await expect(page.getByTestId('verify-result')).toContainText('genuine')
  await expect(page.getByTestId('verify-certificate-no')).toHaveText(documentNo)
  await checkScreen(page, 'tax-verify-scanned-en')
})

test('a burst on home does nothing', async ({ kiosk }) => {
  await kiosk.start()
  await scan(kiosk.page, 'hallkiosk-taxcert:v1:ABCDEFGHJKLMNPQR')
  await expect(kiosk.screen('home')).toBeVisible()
  await kiosk.page.getByTestId('home-verify-certificate').tap()
  await expect(kiosk.page.getByTestId('verify-code')).toHaveText('—')
})
