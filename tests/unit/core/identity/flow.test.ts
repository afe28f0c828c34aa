/** The identity flows through core.call against a fake centre: card, face, ID number + SMS. */
import { describe, expect, it } from 'vitest'
import type { IdentityStatus } from '../../../../shared/api'
import { jpegStill } from './fake-central.fixture'
import { identityCore, valueOf } from './identity.fixture'

const LIN = '350102198506123417'
const HUANG = '35012120010718457X'

const error = (code: string, detail?: unknown) => ({
  ok: false,
  error: detail === undefined ? { code } : { code, detail },
})

/** Reads the SMS code the (fake) centre sent to the resident being verified. */
async function inboxCode(t: Awaited<ReturnType<typeof identityCore>>): Promise<string> {
  const inbox = valueOf<{ code: string | null }>(await t.call('qa.smsInbox', {}))
  expect(inbox.code).toMatch(/^\d{6}$/)
  return inbox.code!
}

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000')

describe('ID card path', () => {
  it('card → SMS code → verified, with only masked data on the way', async () => {
    const t = await identityCore()
    await t.start()
    valueOf(await t.call('qa.insertCard', { resident: LIN }))
    const read = valueOf<IdentityStatus>(await t.call('identity.readCard', {}))
    expect(read).toMatchObject({
      stage: 'cardRead',
      subject: {
        via: 'card',
        nameMasked: '林**',
        idNumberMasked: '350102********3417',
        phoneMasked: '138****1234',
      },
      cardPresent: true,
      resident: null,
    })
    const sent = valueOf<IdentityStatus>(await t.call('identity.sendSms', {}))
    expect(sent.stage).toBe('smsSent')
    expect(sent.sms).toMatchObject({
      phoneMasked: '138****1234',
      expiresInSeconds: 300,
      resendInSeconds: 60,
      attemptsLeft: 5,
      void: false,
      codeLength: 6,
    })
    const verified = valueOf<IdentityStatus>(
      await t.call('identity.verifySms', { code: await inboxCode(t) }),
    )
    expect(verified.stage).toBe('verified')
    expect(verified.resident).toEqual({
      nameMasked: '林**',
      idNumberMasked: '350102********3417',
      phoneMasked: '138****1234',
      method: 'card+sms',
      hasFundAccount: true,
      verifiedAt: t.clock.now().toISOString(),
    })
    expect(verified.subject).toBeNull()
    expect(verified.sms).toBeNull()
    // Inside the core, later services get the token and the full identity.
    const session = t.core.internals.sessions.current()!
    const resident = t.core.internals.identity.currentResident(session.id)
    expect(resident?.identity.idNumber).toBe(LIN)
    expect(t.central.tokens.has(resident!.residentToken)).toBe(true)
    // The centre saw the card without photo or address.
    const check = t.central.calls.find((c) => c.name === 'identityCardCheck')!.input as {
      card: Record<string, unknown>
    }
    expect(Object.keys(check.card)).not.toContain('address')
    expect(Object.keys(check.card)).not.toContain('photoJpegBase64')
  })

  it('card → face match → verified; a non-match counts and leaves the SMS path open', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('qa.insertCard', { resident: LIN })
    const read = valueOf<IdentityStatus>(await t.call('identity.readCard', {}))
    expect(read.faceAvailable).toBe(true)
    expect(await t.call('identity.faceCheck', { image: jpegStill({ noMatch: true }) })).toEqual(
      error('FACE_NOT_MATCHED', 'failuresLeft=2'),
    )
    const after = valueOf<IdentityStatus>(await t.call('identity.status', {}))
    expect(after).toMatchObject({ stage: 'cardRead', failures: 1, failuresLeft: 2 })
    // A data: URL from canvas.toDataURL is accepted as well as bare base64.
    const ok = valueOf<IdentityStatus>(
      await t.call('identity.faceCheck', { image: 'data:image/jpeg;base64,' + jpegStill() }),
    )
    expect(ok.resident).toMatchObject({ method: 'card+face', nameMasked: '林**' })
  })

  it('refuses a still that is not a JPEG without counting it', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('qa.insertCard', { resident: LIN })
    await t.call('identity.readCard', {})
    const png = Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1').toString('base64')
    expect(await t.call('identity.faceCheck', { image: png })).toEqual(
      error('FACE_IMAGE_INVALID', 'not_jpeg'),
    )
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).failures).toBe(0)
  })

  it('offers no face check without a card, or when the page reports the camera refused', async () => {
    const t = await identityCore()
    await t.start()
    expect(await t.call('identity.faceCheck', { image: jpegStill() })).toEqual(error('NO_CARD'))
    await t.call('qa.insertCard', { resident: LIN })
    await t.call('identity.readCard', {})
    await t.call('devices.reportCamera', { state: 'denied' })
    const status = valueOf<IdentityStatus>(await t.call('identity.status', {}))
    expect(status).toMatchObject({ faceAvailable: false, faceUnavailableReason: 'cameraDenied' })
    await t.call('devices.reportCamera', { state: 'missing' })
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {}))).toMatchObject({
      faceUnavailableReason: 'cameraMissing',
    })
    await t.call('devices.reportCamera', { state: 'ready' })
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).faceAvailable).toBe(true)
  })

  it('refuses an expired card with its own code, and accepts 长期', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('qa.insertCard', {
      card: {
        name: '林晓峰',
        gender: 'M',
        birthDate: '1985-06-12',
        idNumber: LIN,
        validityStart: '2005-08-20',
        validityEnd: '2025-08-20',
      },
    })
    expect(await t.call('identity.readCard', {})).toEqual(error('CARD_EXPIRED'))
    expect(t.central.calls).toHaveLength(0)
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).failures).toBe(0)
    await t.call('qa.insertCard', { resident: '350111196011050022' })
    expect(valueOf<IdentityStatus>(await t.call('identity.readCard', {})).stage).toBe('cardRead')
  })

  it('a card valid through today is still valid today (China time)', async () => {
    const t = await identityCore()
    await t.start()
    // 2026-03-01T02:00Z is 10:00 on 1 March in China.
    await t.call('qa.insertCard', {
      card: {
        name: '林晓峰',
        gender: 'M',
        birthDate: '1985-06-12',
        idNumber: LIN,
        validityEnd: '2026-03-01',
      },
    })
    expect((await t.call('identity.readCard', {})).ok).toBe(true)
    t.clock.advance(14 * 3600_000)
    await t.call('identity.reset', {})
    expect(await t.call('identity.readCard', {})).toEqual(error('CARD_EXPIRED'))
  })

  it('answers NO_CARD, CARD_READ_ERROR and DEVICE_UNAVAILABLE for the reader cases', async () => {
    const t = await identityCore()
    await t.start()
    expect(await t.call('identity.readCard', {})).toEqual(error('NO_CARD'))
    await t.call('qa.insertCard', { resident: LIN, unreadable: true })
    expect(await t.call('identity.readCard', {})).toEqual(error('CARD_READ_ERROR', 'chip'))
    await t.call('qa.insertCard', {
      card: {
        name: '林晓峰',
        gender: 'M',
        birthDate: '1985-06-12',
        idNumber: '350102198506123418',
        validityEnd: '长期',
      },
    })
    expect(await t.call('identity.readCard', {})).toEqual(error('CARD_READ_ERROR', 'id_number'))
    await t.call('qa.setDevice', { kind: 'cardReader', code: 'OFFLINE' })
    expect(await t.call('identity.readCard', {})).toEqual(
      error('DEVICE_UNAVAILABLE', 'cardReader:OFFLINE'),
    )
  })

  it('waits for a card to arrive, up to waitSeconds', async () => {
    const t = await identityCore()
    await t.start()
    const pending = t.call('identity.readCard', { waitSeconds: 5 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await t.call('qa.insertCard', { resident: LIN })
    expect(valueOf<IdentityStatus>(await pending).stage).toBe('cardRead')
  })

  it('stops waiting when the session ends', async () => {
    const t = await identityCore()
    const sessionId = await t.start()
    const pending = t.call('identity.readCard', { waitSeconds: 30 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    await t.call('session.end', { sessionId, reason: 'finish' })
    expect(await pending).toEqual(error('NO_SESSION'))
  })

  it('refuses a card the registry does not match (counted)', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('qa.insertCard', {
      card: {
        name: '林小峰',
        gender: 'M',
        birthDate: '1985-06-12',
        idNumber: LIN,
        validityEnd: '长期',
      },
    })
    expect(await t.call('identity.readCard', {})).toEqual(error('CARD_MISMATCH', 'failuresLeft=2'))
  })
})

describe('ID number + SMS path', () => {
  it('checks the number locally, then sends and verifies; lower-case x is accepted', async () => {
    const t = await identityCore()
    await t.start()
    expect(await t.call('identity.sendSms', { idNumber: '350102198506123418' })).toEqual(
      error('ID_NUMBER_INVALID'),
    )
    expect(t.central.calls).toHaveLength(0)
    const sent = valueOf<IdentityStatus>(
      await t.call('identity.sendSms', { idNumber: HUANG.toLowerCase() }),
    )
    expect(sent.subject).toEqual({
      via: 'idNumber',
      nameMasked: null,
      idNumberMasked: '350121********457X',
      phoneMasked: '135****5678',
    })
    expect(sent.faceAvailable).toBe(false)
    expect(sent.faceUnavailableReason).toBe('noCard')
    const verified = valueOf<IdentityStatus>(
      await t.call('identity.verifySms', { code: await inboxCode(t) }),
    )
    expect(verified.resident).toMatchObject({
      nameMasked: '黄**',
      method: 'idNumber+sms',
      hasFundAccount: false,
    })
  })

  it('counts an unknown ID number as a failed attempt', async () => {
    const t = await identityCore()
    await t.start()
    expect(await t.call('identity.sendSms', { idNumber: '11010519491231002X' })).toEqual(
      error('RESIDENT_NOT_FOUND', 'failuresLeft=2'),
    )
  })

  it('applies the SMS rules: resend countdown, wrong tries, void after five, expiry', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('identity.sendSms', { idNumber: LIN })
    t.clock.advance(20_000)
    expect(await t.call('identity.sendSms', {})).toEqual(
      error('SMS_RESEND_TOO_SOON', 'retryAfterSeconds=40'),
    )
    const code = await inboxCode(t)
    for (const left of [4, 3, 2, 1]) {
      expect(await t.call('identity.verifySms', { code: wrongCode(code) })).toEqual(
        error('SMS_CODE_WRONG', `attemptsLeft=${left}`),
      )
    }
    expect(await t.call('identity.verifySms', { code: wrongCode(code) })).toEqual(
      error('SMS_CODE_VOID', 'failuresLeft=2'),
    )
    // Void stays void, even with the right code, and does not count twice.
    expect(await t.call('identity.verifySms', { code })).toEqual(error('SMS_CODE_VOID', 'resend'))
    const status = valueOf<IdentityStatus>(await t.call('identity.status', {}))
    expect(status.sms).toMatchObject({ void: true, attemptsLeft: 0 })
    expect(status.failures).toBe(1)
    // After the countdown a new code can be sent; it expires after 5 minutes.
    t.clock.advance(40_000)
    valueOf(await t.call('identity.sendSms', {}))
    const fresh = await inboxCode(t)
    t.clock.advance(300_000)
    expect(await t.call('identity.verifySms', { code: fresh })).toEqual(error('SMS_CODE_EXPIRED'))
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).sms).toMatchObject({
      expiresInSeconds: 0,
    })
  })

  it('answers SMS_NOT_SENT before any code, and maps the centre rate limit', async () => {
    const t = await identityCore()
    await t.start()
    expect(await t.call('identity.verifySms', { code: '123456' })).toEqual(error('SMS_NOT_SENT'))
    expect(await t.call('identity.sendSms', {})).toEqual(error('NO_CARD'))
    t.central.rateLimitNextSend = true
    expect(await t.call('identity.sendSms', { idNumber: LIN })).toEqual(
      error('RATE_LIMITED', 'retryAfterSeconds=1800'),
    )
  })

  it('says NO_PHONE_ON_FILE when the centre has no phone for the resident', async () => {
    const t = await identityCore()
    t.central.residents.get(LIN)!.phone = null
    await t.start()
    expect(await t.call('identity.sendSms', { idNumber: LIN })).toEqual(error('NO_PHONE_ON_FILE'))
    await t.call('qa.insertCard', { resident: LIN })
    const read = valueOf<IdentityStatus>(await t.call('identity.readCard', {}))
    expect(read.subject?.phoneMasked).toBeNull()
    expect(read.faceAvailable).toBe(true)
    expect(await t.call('identity.sendSms', {})).toEqual(error('NO_PHONE_ON_FILE'))
  })
})

describe('failures, centre outages and session rules', () => {
  it('ends the session after three failed attempts and tells the renderer', async () => {
    const t = await identityCore()
    const sessionId = await t.start()
    await t.call('qa.insertCard', { resident: LIN })
    await t.call('identity.readCard', {})
    const noMatch = { image: jpegStill({ noMatch: true }) }
    expect(await t.call('identity.faceCheck', noMatch)).toEqual(
      error('FACE_NOT_MATCHED', 'failuresLeft=2'),
    )
    expect(await t.call('identity.faceCheck', noMatch)).toEqual(
      error('FACE_NOT_MATCHED', 'failuresLeft=1'),
    )
    expect(await t.call('identity.faceCheck', noMatch)).toEqual(
      error('IDENTITY_LOCKED', 'after=FACE_NOT_MATCHED'),
    )
    expect(t.core.internals.sessions.current()).toBeNull()
    expect(t.events.filter((e) => e.event === 'session.ended')).toEqual([
      {
        event: 'session.ended',
        payload: expect.objectContaining({ sessionId, reason: 'identityFailures' }),
      },
    ])
    expect(t.core.internals.identity.inspect()).toBeNull()
    expect(await t.call('identity.status', {})).toEqual(error('NO_SESSION'))
  })

  it('mixes kinds of failure: unknown number, void code, face non-match', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('identity.sendSms', { idNumber: '11010519491231002X' })
    await t.call('identity.sendSms', { idNumber: LIN })
    const code = await inboxCode(t)
    for (let i = 0; i < 5; i++) await t.call('identity.verifySms', { code: wrongCode(code) })
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).failuresLeft).toBe(1)
    await t.call('qa.insertCard', { resident: LIN })
    await t.call('identity.readCard', {})
    expect(await t.call('identity.faceCheck', { image: jpegStill({ noMatch: true }) })).toEqual(
      error('IDENTITY_LOCKED', 'after=FACE_NOT_MATCHED'),
    )
  })

  it('a new session starts with a clean slate of failures', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('identity.sendSms', { idNumber: '11010519491231002X' })
    await t.start()
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).failures).toBe(0)
  })

  it('says CENTRAL_UNREACHABLE when the centre is down (card and ID-number paths)', async () => {
    const t = await identityCore()
    await t.start()
    t.central.online = false
    await t.call('qa.insertCard', { resident: LIN })
    expect(await t.call('identity.readCard', {})).toEqual(
      error('CENTRAL_UNREACHABLE', 'TRANSPORT_NETWORK'),
    )
    expect(await t.call('identity.sendSms', { idNumber: LIN })).toEqual(
      error('CENTRAL_UNREACHABLE', 'TRANSPORT_NETWORK'),
    )
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).failures).toBe(0)
  })

  it('drops an answer that arrives after the session ended', async () => {
    const t = await identityCore()
    const sessionId = await t.start()
    await t.call('identity.sendSms', { idNumber: LIN })
    const code = await inboxCode(t)
    const stall = t.central.stall()
    const pending = t.call('identity.verifySms', { code })
    await new Promise((resolve) => setTimeout(resolve, 10))
    await t.call('session.end', { sessionId, reason: 'finish' })
    stall.release()
    expect(await pending).toEqual(error('NO_SESSION'))
    expect(t.core.internals.identity.inspect()).toBeNull()
    expect(t.core.internals.identity.currentResident(sessionId)).toBeNull()
  })

  it('refuses identity methods without a session, and a second sign-in while verified', async () => {
    const t = await identityCore()
    expect(await t.call('identity.readCard', {})).toEqual(error('NO_SESSION'))
    await t.start()
    await t.call('identity.sendSms', { idNumber: LIN })
    await t.call('identity.verifySms', { code: await inboxCode(t) })
    expect(await t.call('identity.sendSms', { idNumber: HUANG })).toEqual(error('ALREADY_VERIFIED'))
    expect(await t.call('identity.readCard', {})).toEqual(error('ALREADY_VERIFIED'))
    const reset = valueOf<IdentityStatus>(await t.call('identity.reset', {}))
    expect(reset).toMatchObject({ stage: 'idle', resident: null })
    const session = t.core.internals.sessions.current()!
    expect(t.core.internals.identity.currentResident(session.id)).toBeNull()
  })

  it("forgets the verification once the centre's token has expired", async () => {
    const t = await identityCore()
    const sessionId = await t.start()
    await t.call('identity.sendSms', { idNumber: LIN })
    await t.call('identity.verifySms', { code: await inboxCode(t) })
    t.clock.advance(10 * 60_000)
    expect(t.core.internals.identity.currentResident(sessionId)).toBeNull()
    expect(valueOf<IdentityStatus>(await t.call('identity.status', {})).stage).toBe('idle')
  })

  it('serialises concurrent calls so two quick taps cannot double-count a wrong code', async () => {
    const t = await identityCore()
    await t.start()
    await t.call('identity.sendSms', { idNumber: LIN })
    const code = await inboxCode(t)
    const answers = await Promise.all(
      [1, 2].map(() => t.call('identity.verifySms', { code: wrongCode(code) })),
    )
    expect(answers).toEqual([
      error('SMS_CODE_WRONG', 'attemptsLeft=4'),
      error('SMS_CODE_WRONG', 'attemptsLeft=3'),
    ])
  })
})
