/**
 * Identity steps for end-to-end specs: sign a demo resident in by ID number + SMS code,
 * by simulated ID card (+ SMS), or by card + face (Chromium's fake camera), and drive the QA side
 * (`qa.*` over the web host, the same calls the QA panel makes).
 *
 * ```ts
 * import { signIn } from './support/identity'
 * await kiosk.start()
 * await signIn(kiosk, 'lin')                 // ID number + SMS code, from home (or any screen)
 * await signIn(kiosk, 'wang', 'card')        // simulated card + SMS code
 * // or: tap a service tile first; the guard opens the identity flow, signIn completes it and the
 * // kiosk returns to the service's screen.
 * ```
 */
import type { Locator } from '@playwright/test'
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract'
import type { Result } from '../../../shared/api/result'
import { expect, test, type Kiosk } from './kiosk'

/** The demo residents, by a short name. */
export const DEMO_RESIDENTS = {
  lin: { idNumber: '350102198506123417', name: '林晓峰', phone: '13800591234' },
  chen: { idNumber: '350103199202145626', name: '陈美玲', phone: '13905912345' },
  wang: { idNumber: '350104197809301135', name: '王建国', phone: '13705913456' },
  zheng: { idNumber: '350111196011050022', name: '郑秀英', phone: '13600594567' },
  huang: { idNumber: '35012120010718457X', name: '黄子轩', phone: '13500595678' },
} as const
export type DemoResidentName = keyof typeof DEMO_RESIDENTS

/** `350102********3417`, as the badge shows it. */
export const maskedId = (idNumber: string): string =>
  idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4)

const idNumberOf = (resident: DemoResidentName | string): string =>
  resident in DEMO_RESIDENTS ? DEMO_RESIDENTS[resident as DemoResidentName].idNumber : resident

/** Calls the core through the web host with the page's token (as the QA panel would). */
export async function coreCall<M extends MethodName>(
  kiosk: Kiosk,
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutput<M>>> {
  const response = await kiosk.page.request.post(`${kiosk.host.url}/api/${method}`, {
    headers: { 'x-kiosk-token': kiosk.host.token },
    data: input,
  })
  return (await response.json()) as Result<MethodOutput<M>>
}

/** Like {@link coreCall}, failing the test unless the core answered ok. */
export async function qa<M extends MethodName>(
  kiosk: Kiosk,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await coreCall(kiosk, method, input)
  if (!result.ok)
    throw new Error(`${method} failed: ${result.error.code} ${result.error.detail ?? ''}`)
  return result.value
}

/** The SMS code the demo centre last sent to the resident being verified (or to `idNumber`). */
export async function smsCode(kiosk: Kiosk, idNumber?: string): Promise<string> {
  const answer = await qa(kiosk, 'qa.smsInbox', idNumber ? { idNumber } : {})
  if (!answer.code) throw new Error('no SMS code in the demo inbox')
  return answer.code
}

/** The on-screen keypad's key for one character (`0`–`9`, `X`). */
export const keypadKey = (kiosk: Kiosk, char: string): Locator =>
  kiosk.page.getByTestId(`key-${char.toUpperCase()}`)

/** Types `text` on the on-screen keypad, one tap per character. */
export async function typeOnKeypad(kiosk: Kiosk, text: string): Promise<void> {
  for (const char of text) await keypadKey(kiosk, char).tap()
}

/** Clears the keypad's entry (the clear key is disabled while there is nothing to clear). */
export async function clearKeypad(kiosk: Kiosk): Promise<void> {
  const clear = kiosk.page.getByTestId('key-clear')
  if (await clear.isEnabled()) await clear.tap()
}

/** Opens "choose a way in": from home or any screen through the badge, unless already there. */
export async function openIdentity(kiosk: Kiosk): Promise<void> {
  const choose = kiosk.screen('identity-choose')
  if (await choose.isVisible()) return
  if (await kiosk.screen('attract').isVisible()) await kiosk.start()
  await kiosk.page.getByTestId('identity-sign-in').tap()
  await expect(choose).toBeVisible()
}

/**
 * Taps what asks for a code (`id-number-submit`, `card-sms`) until the SMS screen shows. The demo
 * centre allows one code per phone per 60 s across visits, so a resident signed in moments ago
 * must wait: the screen counts down (`retry-in`) and the test's time is extended to match.
 */
export async function requestSmsCode(kiosk: Kiosk, testId: string): Promise<void> {
  const { page } = kiosk
  const sms = kiosk.screen('identity-sms')
  const wait = page.getByTestId('retry-in')
  await page.getByTestId(testId).tap()
  await expect(sms.or(wait)).toBeVisible()
  if (await sms.isVisible()) return
  const seconds = Number((await wait.innerText()).match(/\d+/)?.[0] ?? 60)
  test.info().setTimeout(test.info().timeout + (seconds + 5) * 1000)
  await expect(wait).toBeHidden({ timeout: (seconds + 3) * 1000 })
  await page.getByTestId(testId).tap()
  await expect(sms).toBeVisible()
}

/** On the SMS screen: reads the code from the demo inbox, types it and confirms. */
export async function enterSmsCode(kiosk: Kiosk, code?: string): Promise<void> {
  await expect(kiosk.screen('identity-sms')).toBeVisible()
  await typeOnKeypad(kiosk, code ?? (await smsCode(kiosk)))
  await kiosk.page.getByTestId('sms-submit').tap()
}

/**
 * Signs a resident in and waits until the badge shows them verified (the kiosk is back on the
 * screen that asked for identity, or on the one the resident started from).
 */
export async function signIn(
  kiosk: Kiosk,
  resident: DemoResidentName | string,
  via: 'sms' | 'card' | 'face' = 'sms',
): Promise<void> {
  const idNumber = idNumberOf(resident)
  await openIdentity(kiosk)
  if (via === 'sms') {
    await kiosk.page.getByTestId('way-id-number').tap()
    await expect(kiosk.screen('identity-id-number')).toBeVisible()
    await typeOnKeypad(kiosk, idNumber)
    await requestSmsCode(kiosk, 'id-number-submit')
    await enterSmsCode(kiosk)
  } else {
    await qa(kiosk, 'qa.insertCard', { resident: idNumber as never })
    await kiosk.page.getByTestId('way-card').tap()
    await expect(kiosk.page.getByTestId('card-read')).toBeVisible()
    if (via === 'card') {
      await requestSmsCode(kiosk, 'card-sms')
      await enterSmsCode(kiosk)
    } else {
      await kiosk.page.getByTestId('card-face').tap()
      await expect(kiosk.screen('identity-face')).toBeVisible()
      await kiosk.page.getByTestId('face-start').tap()
    }
  }
  await expect(kiosk.page.getByTestId('identity-badge')).toContainText(maskedId(idNumber), {
    timeout: 15_000,
  })
  await expect(kiosk.page.locator('main[data-screen^="identity-"]')).toHaveCount(0)
  if (via !== 'sms') await qa(kiosk, 'qa.removeCard', {})
}
