/**
 * Phone number change at the centre: only a token earned by ID card + face may change the phone;
 * a code goes to the new number, the change notifies both numbers and is kept (masked) for the
 * audit trail; afterwards every code and notice goes to the new number, across a restart too.
 * Numbers are taken only in their one spelling: `1[3-9]` + 9 ASCII digits.
 */
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { RESIDENT_TOKEN_HEADER } from '../../../shared/central'
import { outboxItem, resident, startHarness, type Harness } from './central.fixture'

const NEW_PHONE = '13912340001'

/** A minimal JPEG: SOI, a comment segment, EOI (the demo centre matches any such still). */
function jpeg(): string {
  const text = Buffer.from('still')
  const com = Buffer.from([0xff, 0xfe, 0, text.length + 2])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), com, text, Buffer.from([0xff, 0xd9])]).toString(
    'base64',
  )
}

async function faceLogin(h: Harness, name: string): Promise<string> {
  const answer = await h.call('identityFaceCheck', {
    idNumber: resident(name).idNumber,
    imageJpegBase64: jpeg(),
  })
  if (!answer.ok || !answer.value.match) throw new Error('face check failed')
  return answer.value.session.residentToken
}

async function change(h: Harness, token: string, newPhone: string) {
  const sent = await h.call('identityPhoneCodeSend', { newPhone }, { token })
  if (!sent.ok) throw new Error(`send failed: ${sent.error.code}`)
  const { code } = await h.demoSms(newPhone)
  return h.call('identityPhoneChange', { newPhone, code }, { token })
}

describe('phone number change at the centre', () => {
  let h: Harness | undefined
  afterEach(() => h?.close())

  it('refuses a token earned by an SMS code, before any code goes out', async () => {
    h = await startHarness()
    const wang = resident('王建国')
    const { token } = await h.login('王建国')
    const send = await h.call('identityPhoneCodeSend', { newPhone: NEW_PHONE }, { token })
    expect(send).toMatchObject({ ok: false, status: 403 })
    expect(!send.ok && send.error.code).toBe('STRONG_IDENTITY_REQUIRED')
    const apply = await h.call(
      'identityPhoneChange',
      { newPhone: NEW_PHONE, code: '123456' },
      { token },
    )
    expect(!apply.ok && apply.error.code).toBe('STRONG_IDENTITY_REQUIRED')
    const res = await fetch(`${h.url}/demo/sms/${NEW_PHONE}`)
    expect(res.status).toBe(404)
    expect(await h.demoMessages(wang.phone)).toEqual([])
    // Without any token at all: the resident-scoped guard.
    const none = await h.call('identityPhoneCodeSend', { newPhone: NEW_PHONE })
    expect(!none.ok && none.error.code).toBe('RESIDENT_TOKEN_INVALID')
  })

  it('changes the phone after card + face: notices to both numbers, kept masked, codes to the new one', async () => {
    h = await startHarness()
    const wang = resident('王建国')
    const token = await faceLogin(h, '王建国')
    const changed = await change(h, token, NEW_PHONE)
    expect(changed.ok).toBe(true)
    if (!changed.ok) return
    expect(changed.value).toMatchObject({
      maskedPhone: '139****0001',
      previousMaskedPhone: '137****3456',
    })
    expect(changed.value.changeNo).toMatch(/^SJ\d{8}\d{6}$/)
    const oldBox = await h.demoMessages(wang.phone)
    const newBox = await h.demoMessages(NEW_PHONE)
    expect(oldBox).toHaveLength(1)
    expect(newBox).toHaveLength(1)
    expect(oldBox[0]).toMatchObject({ applicationNo: changed.value.changeNo })
    expect(oldBox[0]!.text).toContain('139****0001')
    expect(oldBox[0]!.text).toContain('12329')
    expect(newBox[0]!.text).toMatch(/^【福州公积金】本号码已登记为您的公积金预留手机号/u)

    // The centre's audit record: masked numbers, the terminal, the resident's pseudonym.
    const state = h.server.snapshot()
    expect(Object.values(state.phoneChanges)).toEqual([
      expect.objectContaining({
        changeNo: changed.value.changeNo,
        residentRef: wang.residentRef,
        fromMasked: '137****3456',
        toMasked: '139****0001',
      }),
    ])

    // The next sign-in code goes to the new number; the old one hears nothing more.
    const card = await h.call('identitySmsSend', { idNumber: wang.idNumber })
    expect(card.ok && card.value.maskedPhone).toBe('139****0001')
    expect((await h.demoSms(NEW_PHONE)).code).toMatch(/^\d{6}$/)
    expect((await fetch(`${h.url}/demo/sms/${wang.phone}`)).status).toBe(404)
    const { code } = await h.demoSms(NEW_PHONE)
    const verified = await h.call('identitySmsVerify', { idNumber: wang.idNumber, code })
    expect(verified.ok && verified.value.identity.maskedPhone).toBe('139****0001')

    // A decision's notice finds the new number too.
    const bind = await outboxItem('bind', {
      residentRef: wang.residentRef,
      operatorCode: 'ABC',
      walletId: '0103000011350015',
    })
    await h.call('applicationsSubmit', { items: [bind] })
    expect((await h.demoMessages(NEW_PHONE))[0]!.text).toMatch(/数字钱包绑定申请/u)
    expect(await h.demoMessages(wang.phone)).toHaveLength(1)

    // The override is state, not seed: it survives a restart.
    await h.restart()
    const again = await h.call('identitySmsSend', { idNumber: wang.idNumber })
    expect(again.ok && again.value.maskedPhone).toBe('139****0001')
    const file = JSON.parse(await readFile(h.stateFile, 'utf8')) as {
      phones: Record<string, string>
    }
    expect(file.phones[wang.residentRef]).toBe(NEW_PHONE)
  })

  it('refuses the number on file, another resident’s number, a wrong code and a sign-in code', async () => {
    h = await startHarness()
    const token = await faceLogin(h, '王建国')
    const same = await h.call(
      'identityPhoneCodeSend',
      { newPhone: resident('王建国').phone },
      { token },
    )
    expect(!same.ok && same.error.code).toBe('PHONE_UNCHANGED')
    const taken = await h.call(
      'identityPhoneCodeSend',
      { newPhone: resident('陈美玲').phone },
      { token },
    )
    expect(!taken.ok && taken.error.code).toBe('PHONE_IN_USE')

    // No code was asked for this change: nothing to check.
    const unsent = await h.call(
      'identityPhoneChange',
      { newPhone: NEW_PHONE, code: '000000' },
      { token },
    )
    expect(!unsent.ok && unsent.error.code).toBe('SMS_CODE_NOT_SENT')

    await h.call('identityPhoneCodeSend', { newPhone: NEW_PHONE }, { token })
    const { code } = await h.demoSms(NEW_PHONE)
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    const refused = await h.call(
      'identityPhoneChange',
      { newPhone: NEW_PHONE, code: wrong },
      { token },
    )
    expect(!refused.ok && refused.error.code).toBe('SMS_CODE_WRONG')
    expect(h.server.snapshot().phones).toEqual({})

    // Another face-verified resident cannot spend the code sent for 王建国's change.
    const lin = await faceLogin(h, '林晓峰')
    const stolen = await h.call(
      'identityPhoneChange',
      { newPhone: NEW_PHONE, code },
      { token: lin },
    )
    expect(!stolen.ok && stolen.error.code).toBe('SMS_CODE_NOT_SENT')
    expect(h.server.snapshot().phones).toEqual({})
  })

  it('takes the number only in its one spelling', async () => {
    h = await startHarness()
    const token = await faceLogin(h, '王建国')
    const hostile: unknown[] = [
      '+8613912340001',
      '8613912340001',
      ' 13912340001',
      '13912340001 ',
      '13912340001\n',
      '139-1234-0001',
      '139 1234 0001',
      '１３９１２３４０００１',
      '1391234000１',
      '\u200b13912340001',
      '12912340001',
      '1391234000',
      '139123400012',
      13912340001,
      ['13912340001'],
      { toString: '13912340001' },
      null,
      '',
    ]
    for (const newPhone of hostile) {
      for (const path of ['/v1/identity/phone/code', '/v1/identity/phone/change']) {
        const res = await h.raw('POST', path, JSON.stringify({ newPhone, code: '123456' }), {
          headers: { 'content-type': 'application/json', [RESIDENT_TOKEN_HEADER]: token },
        })
        expect(res.status, `${JSON.stringify(newPhone)} at ${path}`).toBe(400)
        expect(res.json.error.code).toBe('BAD_REQUEST')
      }
    }
    const state = h.server.snapshot()
    expect(Object.keys(state.sms)).toEqual([])
    expect(state.phones).toEqual({})
  })
})
