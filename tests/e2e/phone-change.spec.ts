/**
 * My binding and the phone number change, end to end against a terminal and centre of their own
 * (support/fund-host.ts: a change of phone must not leak into the other specs, which find 王建国
 * at his seeded number). The binding card shows 陈美玲's binding and "未绑定" for 林晓峰; an ID
 * number + SMS sign-in is refused the change with the reason; 王建国 signs in with the card and his
 * face, changes his phone, both numbers get a message, and his next sign-in code goes to the new
 * number; 郑秀英 does the same in elder mode. Screenshots and axe of every new screen, in Chinese
 * and English (elder mode in Chinese), in each viewport project.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fundTerminalTest, messagesTo, shotsInBothLanguages } from './support/fund-test'
import {
  clearKeypad,
  DEMO_RESIDENTS,
  enterSmsCode,
  openIdentity,
  qa,
  requestSmsCode,
  signIn,
  typeOnKeypad,
  type DemoResidentName,
} from './support/identity'
import { expect, Kiosk } from './support/kiosk'
import { checkScreen } from './support/screen'

const test = fundTerminalTest({ bindSettleMs: 0 })

test.describe.configure({ mode: 'serial' })
test.setTimeout(180_000)

const shots = (kiosk: Kiosk, name: string) => shotsInBothLanguages(kiosk, `phone-${name}`)

/** From home: the balance screen of `who`, signed in the way given. */
async function openBalance(kiosk: Kiosk, who: DemoResidentName, via: 'sms' | 'face' = 'sms') {
  await kiosk.start()
  await kiosk.page.locator('[data-testid="service-tile"][data-service="fund.query"]').tap()
  await expect(kiosk.screen('identity-choose')).toBeVisible()
  await signIn(kiosk, who, via)
  await expect(kiosk.screen('fund-balance')).toBeVisible()
  await expect(kiosk.page.getByTestId('fund-binding')).toBeVisible()
}

/** Every file under `dir` as text (the store is sql.js: its strings are plain bytes). */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory()
      ? filesUnder(path)
      : [{ path, text: readFileSync(path).toString('latin1') }]
  })
}

/** Changes the signed-in resident's phone from the balance screen; `shoot` names screenshots. */
async function changePhone(
  kiosk: Kiosk,
  current: string,
  newPhone: string,
  shoot: (step: string) => Promise<void>,
) {
  const { page } = kiosk
  await page.getByTestId('phone-change-entry').tap()
  await expect(kiosk.screen('phone-number')).toBeVisible()
  // A number that cannot be a mobile number is refused as it is typed, before anything is sent.
  await typeOnKeypad(kiosk, '12')
  await expect(page.getByTestId('phone-problem')).toBeVisible()
  await expect(page.getByTestId('phone-send')).toBeDisabled()
  await clearKeypad(kiosk)
  // The number on file is no change: the centre says so, in words.
  await typeOnKeypad(kiosk, current)
  await page.getByTestId('phone-send').tap()
  await expect(page.getByTestId('fund-error')).toContainText('无需变更')
  await expect(kiosk.screen('phone-number')).toBeVisible()
  await clearKeypad(kiosk)
  await expect(page.getByTestId('phone-new')).toHaveText('')
  await typeOnKeypad(kiosk, newPhone)
  await expect(page.getByTestId('phone-new')).toHaveText(
    `${newPhone.slice(0, 3)} ${newPhone.slice(3, 7)} ${newPhone.slice(7)}`,
  )
  await shoot('1-number')
  await page.getByTestId('phone-send').tap()
  await expect(kiosk.screen('phone-code')).toBeVisible()
  const masked = `${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`
  await expect(page.getByTestId('phone-sent')).toContainText(masked)
  const { code } = await qa(kiosk, 'qa.smsInbox', { phone: newPhone })
  await typeOnKeypad(kiosk, code!)
  await shoot('2-code')
  await page.getByTestId('phone-submit').tap()
  await expect(kiosk.screen('phone-result')).toBeVisible()
  await expect(page.getByTestId('phone-result-new')).toHaveText(masked)
  await expect(page.getByTestId('phone-change-no')).toHaveText(/^SJ\d{14}$/)
  await shoot('3-result')
  await page.getByTestId('fund-print').tap()
  await expect(page.getByTestId('fund-printed')).toBeVisible({ timeout: 20_000 })
  return (await page.getByTestId('phone-change-no').innerText()).trim()
}

test('the binding card: 陈美玲 bound with 招商银行, 林晓峰 not bound with a way to bind', async ({
  kiosk,
}) => {
  const { page } = kiosk
  await openBalance(kiosk, 'chen')
  const card = page.getByTestId('fund-binding')
  await expect(card).toHaveAttribute('data-state', 'bound')
  await expect(card).toContainText('招商银行')
  await expect(page.getByTestId('fund-binding-wallet')).toHaveText('************0002')
  await expect(page.getByTestId('binding-state')).toHaveText('已绑定')
  await expect(page.getByTestId('binding-bind')).toHaveCount(0)
  await shots(kiosk, 'binding-bound')
  await kiosk.finish()

  await openBalance(kiosk, 'lin')
  await expect(page.getByTestId('fund-binding')).toHaveAttribute('data-state', 'none')
  await expect(page.getByTestId('binding-none')).toHaveText('未绑定')
  await shots(kiosk, 'binding-none')
  await page.getByTestId('binding-bind').tap()
  await expect(kiosk.screen('fund-bind-account')).toBeVisible()
  await kiosk.finish()
})

test('an ID number + SMS sign-in is refused the change, with the reason', async ({ kiosk }) => {
  const { page } = kiosk
  await openBalance(kiosk, 'wang')
  await page.getByTestId('phone-change-entry').tap()
  await expect(kiosk.screen('phone-refused')).toBeVisible()
  await expect(page.locator('h1')).toHaveText('暂不能办理手机号变更')
  await expect(page.getByTestId('phone-refusal')).toContainText('刷身份证并通过人脸识别')
  await expect(page.getByTestId('phone-send')).toHaveCount(0)
  await shots(kiosk, 'refused')
  await kiosk.finish()
})

test('王建国, card + face: changes his phone; both numbers are told; the next code goes to the new one', async ({
  kiosk,
  terminal,
}) => {
  const { page } = kiosk
  const old = DEMO_RESIDENTS.wang.phone
  const fresh = '13912340001'
  await openBalance(kiosk, 'wang', 'face')
  const changeNo = await changePhone(kiosk, old, fresh, (step) => shots(kiosk, step))
  await expect(page.getByTestId('identity-badge')).toBeVisible()

  const [toOld] = await messagesTo(terminal, old)
  const [toNew] = await messagesTo(terminal, fresh)
  expect(toOld).toMatchObject({ applicationNo: changeNo })
  expect(toOld!.text).toContain('139****0001')
  expect(toNew).toMatchObject({ applicationNo: changeNo })
  await kiosk.finish()
  // Neither number reached the terminal's disk (store, logs, receipt journal, audit): masked only.
  // The scan does read the store: the audit entry of the change (its number) is found there.
  await expect
    .poll(() => filesUnder(terminal.terminalDataDir).some((f) => f.text.includes(changeNo)))
    .toBe(true)
  const leaks = filesUnder(terminal.terminalDataDir).filter(
    (f) => f.text.includes(fresh) || f.text.includes(old),
  )
  expect(leaks.map((f) => f.path)).toEqual([])

  // Signing in by SMS now sends the code to the new number, and none to the old one.
  const oldBefore = await qa(kiosk, 'qa.smsInbox', { phone: old })
  await kiosk.start()
  await openIdentity(kiosk)
  await page.getByTestId('way-id-number').tap()
  await typeOnKeypad(kiosk, DEMO_RESIDENTS.wang.idNumber)
  await requestSmsCode(kiosk, 'id-number-submit')
  await expect(page.getByTestId('sms-sent-to')).toContainText('139****0001')
  const { code } = await qa(kiosk, 'qa.smsInbox', { phone: fresh })
  await enterSmsCode(kiosk, code!)
  await expect(page.getByTestId('identity-badge')).toContainText('350104')
  expect(await qa(kiosk, 'qa.smsInbox', { phone: old })).toEqual(oldBefore)
  await kiosk.finish()
})

test('elder mode: 郑秀英 changes her phone in large type', async ({ kiosk, terminal }) => {
  const { page } = kiosk
  await kiosk.start()
  await kiosk.setElder(true)
  await page.locator('[data-testid="service-tile"][data-service="fund.query"]').tap()
  // The tile leads to sign-in and back; signing in before it arrived would lose the way back.
  await expect(kiosk.screen('identity-choose')).toBeVisible()
  await signIn(kiosk, 'zheng', 'face')
  await expect(kiosk.screen('fund-balance')).toBeVisible()
  await expect(page.getByTestId('binding-none')).toBeVisible()
  // Balance and binding side by side in landscape, stacked in portrait: no scrolling either way
  // (checkScreen checks the fit).
  await checkScreen(page, 'phone-elder-balance')
  await changePhone(kiosk, DEMO_RESIDENTS.zheng.phone, '13912340005', (step) =>
    checkScreen(page, `phone-elder-${step}`),
  )
  expect(await messagesTo(terminal, DEMO_RESIDENTS.zheng.phone)).toHaveLength(1)
  await kiosk.finish()
})
