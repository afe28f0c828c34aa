import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoSmsPath, type IdCard } from '../../../shared/central'
import { resident, startHarness, type Harness } from './central.fixture'

const linCard: IdCard = {
  name: '林晓峰',
  gender: 'M',
  birthDate: '1985-06-12',
  idNumber: '350102198506123417',
  validityEnd: '2035-08-20',
}

/** A minimal JPEG: SOI, a comment segment, EOI. */
function jpeg(comment = 'still'): string {
  const text = Buffer.from(comment)
  const com = Buffer.from([0xff, 0xfe, 0, text.length + 2])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), com, text, Buffer.from([0xff, 0xd9])]).toString(
    'base64',
  )
}

describe('identity', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('checks an ID card: known resident, masked phone on file', async () => {
    const res = await h.call('identityCardCheck', { card: linCard })
    expect(res).toEqual({
      ok: true,
      status: 200,
      value: { residentKnown: true, maskedPhone: '138****1234', hasFundAccount: true },
    })
  })

  it('accepts a 长期 card and knows 黄子轩 has no fund account', async () => {
    const res = await h.call('identityCardCheck', {
      card: {
        name: '黄子轩',
        gender: 'M',
        birthDate: '2001-07-18',
        idNumber: '35012120010718457x',
        validityEnd: '长期',
      },
    })
    expect(res.ok && res.value.hasFundAccount).toBe(false)
  })

  it('refuses an expired card, a bad check character, a mismatch and an unknown resident', async () => {
    const expired = await h.call('identityCardCheck', {
      card: { ...linCard, validityEnd: '2026-11-19' },
    })
    expect(expired).toMatchObject({ ok: false, status: 422, error: { code: 'CARD_EXPIRED' } })
    const bad = await h.call('identityCardCheck', {
      card: { ...linCard, idNumber: '350102198506123418' },
    })
    expect(bad).toMatchObject({ ok: false, status: 422, error: { code: 'ID_NUMBER_INVALID' } })
    const mismatch = await h.call('identityCardCheck', { card: { ...linCard, name: '林小峰' } })
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'CARD_MISMATCH' } })
    const unknown = await h.call('identityCardCheck', {
      card: {
        ...linCard,
        name: '张三',
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        gender: 'F',
      },
    })
    expect(unknown).toMatchObject({ ok: false, status: 404, error: { code: 'RESIDENT_NOT_FOUND' } })
  })

  it('sends an SMS code (5 min, resend after 60 s), served by the demo endpoint; verify gives a token', async () => {
    const chen = resident('陈美玲')
    const sent = await h.call('identitySmsSend', { idNumber: chen.idNumber })
    expect(sent).toMatchObject({
      ok: true,
      value: { maskedPhone: '139****2345', expiresInSeconds: 300, resendAfterSeconds: 60 },
    })
    const again = await h.call('identitySmsSend', { idNumber: chen.idNumber })
    expect(again).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'SMS_RESEND_TOO_SOON', retryAfterSeconds: 60 },
    })
    const demo = await h.demoSms(chen.phone)
    expect(demo.code).toMatch(/^\d{6}$/)
    expect(demo.sentAt).toBe(h.clock.now().toISOString())
    const verified = await h.call('identitySmsVerify', { idNumber: chen.idNumber, code: demo.code })
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    expect(verified.value.identity).toMatchObject({
      name: '陈美玲',
      idNumber: chen.idNumber,
      residentRef: chen.residentRef,
      hasFundAccount: true,
    })
    const used = await h.call('identitySmsVerify', { idNumber: chen.idNumber, code: demo.code })
    expect(used).toMatchObject({ ok: false, error: { code: 'SMS_CODE_NOT_SENT' } })
  })

  it('counts wrong codes and voids the code after 5', async () => {
    const zheng = resident('郑秀英')
    await h.call('identitySmsSend', { idNumber: zheng.idNumber })
    const real = (await h.demoSms(zheng.phone)).code
    const wrong = real === '000000' ? '111111' : '000000'
    for (let left = 4; left >= 1; left--) {
      const res = await h.call('identitySmsVerify', { idNumber: zheng.idNumber, code: wrong })
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'SMS_CODE_WRONG', attemptsLeft: left },
      })
    }
    expect(
      await h.call('identitySmsVerify', { idNumber: zheng.idNumber, code: wrong }),
    ).toMatchObject({
      error: { code: 'SMS_CODE_VOID' },
    })
    expect(
      await h.call('identitySmsVerify', { idNumber: zheng.idNumber, code: real }),
    ).toMatchObject({
      error: { code: 'SMS_CODE_VOID' },
    })
  })

  it('expires a code after 5 minutes and rate-limits sends per hour', async () => {
    const wang = resident('王建国')
    await h.call('identitySmsSend', { idNumber: wang.idNumber })
    const code = (await h.demoSms(wang.phone)).code
    h.clock.advance(5 * 60_000 + 1)
    expect(await h.call('identitySmsVerify', { idNumber: wang.idNumber, code })).toMatchObject({
      error: { code: 'SMS_CODE_EXPIRED' },
    })
    let last
    for (let i = 0; i < 10; i++) {
      last = await h.call('identitySmsSend', { idNumber: wang.idNumber })
      h.clock.advance(61_000)
    }
    expect(last).toMatchObject({ ok: false, status: 429, error: { code: 'SMS_RATE_LIMITED' } })
  })

  it('answers 404 on the demo endpoint for a phone with no code', async () => {
    const res = await fetch(h.url + demoSmsPath('13999999999'))
    expect(res.status).toBe(404)
  })

  it('face check: a JPEG matches and yields a token; the NOMATCH marker does not; junk is refused', async () => {
    const lin = resident('林晓峰')
    const match = await h.call('identityFaceCheck', {
      idNumber: lin.idNumber,
      imageJpegBase64: jpeg(),
    })
    expect(match.ok && match.value.match).toBe(true)
    if (match.ok && match.value.match) {
      const account = await h.call('fundAccount', {}, { token: match.value.session.residentToken })
      expect(account.ok && account.value.account?.balance).toBe(8_643_215)
    }
    const none = await h.call('identityFaceCheck', {
      idNumber: lin.idNumber,
      imageJpegBase64: jpeg('NOMATCH'),
    })
    expect(none).toMatchObject({ ok: true, value: { match: false } })
    const junk = await h.call('identityFaceCheck', {
      idNumber: lin.idNumber,
      imageJpegBase64: Buffer.from('not a jpeg').toString('base64'),
    })
    expect(junk).toMatchObject({ ok: false, status: 422, error: { code: 'FACE_IMAGE_INVALID' } })
  })

  it('refuses resident-scoped calls without a valid, fresh token from the same terminal', async () => {
    expect(await h.call('fundAccount', {})).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'RESIDENT_TOKEN_INVALID' },
    })
    expect(await h.call('fundAccount', {}, { token: 'forged-token' })).toMatchObject({
      status: 401,
      error: { code: 'RESIDENT_TOKEN_INVALID' },
    })
    h.clock.advance(61 * 60_000) // past the hourly SMS window from the test above
    const { token } = await h.login('林晓峰')
    expect((await h.call('taxRecords', {}, { token })).ok).toBe(true)
    expect(
      await h.call(
        'taxRecords',
        {},
        { token, terminalId: 'T-TEST-02', key: 'other-key-9876543210' },
      ),
    ).toMatchObject({ status: 401, error: { code: 'RESIDENT_TOKEN_INVALID' } })
    h.clock.advance(10 * 60_000 + 1)
    expect(await h.call('taxRecords', {}, { token })).toMatchObject({
      status: 401,
      error: { code: 'RESIDENT_TOKEN_INVALID' },
    })
  })
})
