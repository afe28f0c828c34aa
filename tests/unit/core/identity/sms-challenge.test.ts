/**
 * The one SMS challenge sign-in and the fund's fresh confirmation share: 6 digits, 5 minutes,
 * resend after 60 s, void after 5 wrong tries; the centre's count of tries left wins.
 */
import { describe, expect, it } from 'vitest'
import {
  challengeView,
  markVoid,
  recordWrongCode,
  resendRefusal,
  SMS_RULES,
  startChallenge,
  verifyRefusal,
} from '../../../../electron/core/identity/sms-challenge'

const sentAt = new Date('2026-03-01T02:00:00Z')
const later = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000)
const fresh = () =>
  startChallenge(
    { expiresInSeconds: SMS_RULES.validSeconds, resendAfterSeconds: SMS_RULES.resendAfterSeconds },
    sentAt,
  )

describe('SMS challenge', () => {
  it('refuses a resend for 60 s, counting down in whole seconds', () => {
    const c = fresh()
    expect(resendRefusal(null, sentAt)).toBeNull()
    expect(resendRefusal(c, later(0.2))).toEqual({
      ok: false,
      error: { code: 'SMS_RESEND_TOO_SOON', detail: 'retryAfterSeconds=60' },
    })
    expect(resendRefusal(c, later(59.5))).toMatchObject({
      error: { detail: 'retryAfterSeconds=1' },
    })
    expect(resendRefusal(c, later(60))).toBeNull()
  })

  it('expires after 5 minutes', () => {
    const c = fresh()
    expect(verifyRefusal(c, later(299))).toBeNull()
    expect(verifyRefusal(c, later(300))).toBe('SMS_CODE_EXPIRED')
  })

  it('is void after the fifth wrong code, and void wins over expiry', () => {
    const c = fresh()
    for (let left = 4; left >= 1; left--) {
      expect(recordWrongCode(c, undefined)).toBe(left)
      expect(verifyRefusal(c, later(1))).toBeNull()
    }
    expect(recordWrongCode(c, undefined)).toBe(0)
    expect(verifyRefusal(c, later(1))).toBe('SMS_CODE_VOID')
    expect(verifyRefusal(c, later(400))).toBe('SMS_CODE_VOID')
    expect(challengeView(c, later(1))).toMatchObject({ attemptsLeft: 0, void: true, codeLength: 6 })
  })

  it("takes the centre's count of tries left, even a hostile one", () => {
    const c = fresh()
    expect(recordWrongCode(c, 2)).toBe(2)
    expect(challengeView(c, later(1)).attemptsLeft).toBe(2)
    expect(recordWrongCode(c, -3)).toBe(0)
    expect(c.void).toBe(true)
    const d = fresh()
    markVoid(d)
    expect(verifyRefusal(d, later(1))).toBe('SMS_CODE_VOID')
  })

  it('shows the countdowns the screen needs', () => {
    expect(challengeView(fresh(), later(10))).toEqual({
      sentAt: sentAt.toISOString(),
      expiresAt: later(300).toISOString(),
      expiresInSeconds: 290,
      resendAt: later(60).toISOString(),
      resendInSeconds: 50,
      attemptsLeft: 5,
      void: false,
      codeLength: 6,
    })
  })
})
