/**
 * Phone number change through the core against the real bundled centre: refused in words after an
 * SMS sign-in (ID number, or card + SMS) without asking the centre; after card + face the code
 * goes to the new number, the change is audited and printed, and the session names the new phone,
 * so the next confirmation code goes there too.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { fundHarness, RESIDENTS, type FundHarness } from '../fund/fund.fixture'
import { jpegStill } from './fake-central.fixture'

const NEW_PHONE = '13912340002'
const WANG_PHONE = '13705913456'

/** The audit entries of phone changes, once the fire-and-forget writes have landed. */
async function phoneAudit(h: FundHarness, atLeast: number) {
  const audit = h.core.internals.data()!.audit
  const of = () => audit.list({ limit: 1000 }).filter((e) => e.action === 'identity.phoneChange')
  await expect.poll(() => of().length).toBeGreaterThanOrEqual(atLeast)
  return of().reverse()
}

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function faceSignIn(
  h: FundHarness,
  idNumber: (typeof RESIDENTS)[keyof typeof RESIDENTS],
): Promise<void> {
  await h.value('session.start', {})
  await h.value('qa.insertCard', { resident: idNumber })
  await h.value('identity.readCard', {})
  await h.value('identity.faceCheck', { image: jpegStill() })
}

async function code(h: FundHarness, phone: string): Promise<string> {
  return (await h.value('qa.smsInbox', { phone })).code!
}

describe('phone number change on the terminal', () => {
  it('is refused with the reason after ID number + SMS, and after card + SMS; nothing is sent', async () => {
    h = await fundHarness()
    await h.signIn('wang')
    expect(await h.value('phone.eligibility', {})).toEqual({
      phoneMasked: '137****3456',
      refusal: 'STRONG_IDENTITY_REQUIRED',
    })
    expect(await h.call('phone.sendCode', { newPhone: NEW_PHONE })).toEqual({
      ok: false,
      error: { code: 'PHONE_CHANGE_REFUSED', detail: 'STRONG_IDENTITY_REQUIRED' },
    })
    expect(await h.call('phone.change', { newPhone: NEW_PHONE, code: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'PHONE_CHANGE_REFUSED', detail: 'STRONG_IDENTITY_REQUIRED' },
    })
    expect((await h.value('qa.smsInbox', { phone: NEW_PHONE })).code).toBeNull()

    // Card + SMS is no better: the code went to the phone the resident may have lost.
    await h.signOut()
    await h.value('session.start', {})
    await h.value('qa.insertCard', { resident: RESIDENTS.wang })
    await h.value('identity.readCard', {})
    await h.value('identity.sendSms', {})
    await h.value('identity.verifySms', { code: await code(h, WANG_PHONE) })
    expect((await h.value('phone.eligibility', {})).refusal).toBe('STRONG_IDENTITY_REQUIRED')
    expect(await h.call('phone.sendCode', { newPhone: NEW_PHONE })).toMatchObject({
      ok: false,
      error: { code: 'PHONE_CHANGE_REFUSED' },
    })
    // The refusals are audited with the reason, never the typed number.
    const entries = await phoneAudit(h, 3)
    expect(entries.every((e) => e.outcome === 'refused')).toBe(true)
    expect(JSON.stringify(entries)).not.toContain(NEW_PHONE)
  })

  it('after card + face: code to the new number, change, receipt, audit; later codes go there', async () => {
    h = await fundHarness()
    await faceSignIn(h, RESIDENTS.wang)
    expect((await h.value('phone.eligibility', {})).refusal).toBeNull()
    // Hostile spellings never reach the service.
    for (const newPhone of ['+8613912340002', ' 13912340002', '1391234000２', '12912340002']) {
      expect(await h.call('phone.sendCode', { newPhone })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(await h.call('phone.sendCode', { newPhone: WANG_PHONE })).toEqual({
      ok: false,
      error: { code: 'PHONE_CHANGE_REFUSED', detail: 'PHONE_UNCHANGED' },
    })
    const sent = await h.value('phone.sendCode', { newPhone: NEW_PHONE })
    expect(sent).toMatchObject({ phoneMasked: '139****0002', codeLength: 6 })
    // A code for another number than the one it was sent to is not taken.
    expect(
      await h.call('phone.change', { newPhone: '13912340003', code: await code(h, NEW_PHONE) }),
    ).toMatchObject({ ok: false, error: { code: 'SMS_NOT_SENT' } })
    const done = await h.value('phone.change', {
      newPhone: NEW_PHONE,
      code: await code(h, NEW_PHONE),
    })
    expect(done).toMatchObject({ phoneMasked: '139****0002', previousPhoneMasked: '137****3456' })
    expect(done.changeNo).toMatch(/^SJ/)

    const receipt = await h.value('print.preview', { printableId: done.printableId })
    // The receipt's text (the SVG sets each character in its own tspan).
    const text = (receipt.svg ?? '').replace(/<[^>]+>/g, '')
    expect(receipt).toMatchObject({ title: '公积金预留手机号变更', reference: done.changeNo })
    expect(text).toContain('139****0002')
    expect(text).not.toContain(NEW_PHONE)

    const status = await h.value('identity.status', {})
    expect(status.resident?.phoneMasked).toBe('139****0002')
    const audit = await phoneAudit(h, 2)
    expect(audit.at(-1)).toMatchObject({
      outcome: 'ok',
      detail: { changeNo: done.changeNo, from: '137****3456', to: '139****0002' },
    })
    expect(JSON.stringify(audit)).not.toContain(NEW_PHONE)

    // The next fresh confirmation goes to the new number.
    const confirm = await h.value('fund.confirmSend', { purpose: 'bind' })
    expect(confirm.phoneMasked).toBe('139****0002')
    expect(await code(h, NEW_PHONE)).toMatch(/^\d{6}$/)
  })
})
