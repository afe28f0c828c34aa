/**
 * One SMS challenge: the code the centre sent to the resident's phone, and the terminal's
 * bookkeeping of it (when it expires, when another may be sent, how many wrong tries are left).
 * Identity sign-in and every fresh confirmation (fund bind / unbind) use it, so the rules below
 * hold everywhere a code is asked for. The centre enforces them too; the terminal keeps its own
 * count so the screen can show the countdowns and refuse early without a round trip.
 */
import { fail, type ErrorCode, type Result } from '../../../shared/api'

/** SMS code: 6 digits, valid 5 minutes, resend after 60 s, void after 5 wrong tries. */
export const SMS_RULES = {
  codeLength: 6,
  validSeconds: 300,
  resendAfterSeconds: 60,
  maxWrongTries: 5,
} as const

/** A code the centre has sent. Times are on the terminal's clock (immune to clock skew). */
export interface SmsChallenge {
  sentAt: Date
  expiresAt: Date
  resendAt: Date
  wrongTries: number
  void: boolean
}

/** The centre's answer to a send: how long the code lives and when another may be sent. */
export interface SmsSent {
  expiresInSeconds: number
  resendAfterSeconds: number
}

/** Whole seconds left until `ms` has passed (never negative). */
export const secondsLeft = (ms: number): number => Math.max(0, Math.ceil(ms / 1000))

/** A fresh challenge from the centre's answer, timed from `sentAt`. */
export function startChallenge(sent: SmsSent, sentAt: Date): SmsChallenge {
  return {
    sentAt,
    expiresAt: new Date(sentAt.getTime() + sent.expiresInSeconds * 1000),
    resendAt: new Date(sentAt.getTime() + sent.resendAfterSeconds * 1000),
    wrongTries: 0,
    void: false,
  }
}

/** SMS_RESEND_TOO_SOON while the previous code's resend wait runs; null when a send may go. */
export function resendRefusal(c: SmsChallenge | null, now: Date): Result<never> | null {
  if (!c || now >= c.resendAt) return null
  return fail(
    'SMS_RESEND_TOO_SOON',
    `retryAfterSeconds=${secondsLeft(c.resendAt.getTime() - now.getTime())}`,
  )
}

/** Why a code may not be checked now (void after too many wrong tries, or expired), or null. */
export function verifyRefusal(
  c: SmsChallenge,
  now: Date,
): Extract<ErrorCode, 'SMS_CODE_VOID' | 'SMS_CODE_EXPIRED'> | null {
  if (c.void) return 'SMS_CODE_VOID'
  if (now >= c.expiresAt) return 'SMS_CODE_EXPIRED'
  return null
}

/**
 * Counts a wrong code: the centre's count of tries left wins when it told one. Returns the tries
 * left; at 0 the challenge is void and only a new code helps.
 */
export function recordWrongCode(c: SmsChallenge, attemptsLeft: number | undefined): number {
  const left = Math.max(0, attemptsLeft ?? SMS_RULES.maxWrongTries - c.wrongTries - 1)
  c.wrongTries = SMS_RULES.maxWrongTries - left
  if (left === 0) c.void = true
  return left
}

/** The centre said the code is void: no tries left. */
export function markVoid(c: SmsChallenge): void {
  c.wrongTries = SMS_RULES.maxWrongTries
  c.void = true
}

/** The challenge as the screen shows it (countdowns in whole seconds). */
export function challengeView(c: SmsChallenge, now: Date) {
  return {
    sentAt: c.sentAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    expiresInSeconds: secondsLeft(c.expiresAt.getTime() - now.getTime()),
    resendAt: c.resendAt.toISOString(),
    resendInSeconds: secondsLeft(c.resendAt.getTime() - now.getTime()),
    attemptsLeft: Math.max(0, SMS_RULES.maxWrongTries - c.wrongTries),
    void: c.void,
    codeLength: SMS_RULES.codeLength,
  }
}
