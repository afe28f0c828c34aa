/**
 * The centre's SMS codes, kept per phone: one code at a time, valid 5 minutes, another only after
 * 60 s (lifted once the code was used), at most `smsMaxPerHour` sends an hour, void after 5 wrong
 * tries. Sign-in, the fresh confirmations and a phone change all go through here, so the rules
 * are the same wherever a code is sent; which phone a code goes to is the caller's choice (the
 * phone on file through `CentralContext.phoneOf`, or the new number of a phone change).
 */
import { randomInt, timingSafeEqual } from 'node:crypto'
import { maskPhone } from '../../shared/domain/masking'
import type { CentralContext } from './context'
import { HttpError } from './http/plumbing'

export const SMS_CODE_TTL_MS = 5 * 60 * 1000
export const SMS_RESEND_AFTER_MS = 60 * 1000
export const SMS_MAX_WRONG_TRIES = 5
export const SMS_MAX_PER_HOUR = 10

function voidCode(): HttpError {
  return new HttpError(422, 'SMS_CODE_VOID', 'too many wrong codes; send a new one')
}

/** Sends a new code to `phone` (kept for the demo route), or refuses with 429. */
export function sendCode(ctx: CentralContext, phone: string, now: Date) {
  const ms = now.getTime()
  const sms = ctx.state().sms
  const previous = sms[phone]
  const sends = (previous?.sends ?? []).filter((t) => t > ms - 3600_000)
  if (previous && !previous.used) {
    const wait = Date.parse(previous.sentAt) + SMS_RESEND_AFTER_MS - ms
    if (wait > 0) {
      throw new HttpError(429, 'SMS_RESEND_TOO_SOON', 'wait before sending another code', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      })
    }
  }
  if (sends.length >= (ctx.options.smsMaxPerHour ?? SMS_MAX_PER_HOUR)) {
    throw new HttpError(429, 'SMS_RATE_LIMITED', 'too many codes this hour', {
      retryAfterSeconds: Math.ceil((sends[0]! + 3600_000 - ms) / 1000),
    })
  }
  const sentAt = now.toISOString()
  const expiresAt = new Date(ms + SMS_CODE_TTL_MS).toISOString()
  sms[phone] = {
    code: String(randomInt(1_000_000)).padStart(6, '0'),
    sentAt,
    expiresAt,
    wrongTries: 0,
    used: false,
    sends: [...sends, ms],
  }
  return {
    maskedPhone: maskPhone(phone),
    sentAt,
    expiresAt,
    expiresInSeconds: SMS_CODE_TTL_MS / 1000,
    resendAfterSeconds: SMS_RESEND_AFTER_MS / 1000,
  }
}

/** Checks `code` against the one sent to `phone` and uses it up; throws 422 otherwise. */
export function useCode(ctx: CentralContext, phone: string, code: string, now: Date): void {
  const sms = ctx.state().sms[phone]
  if (!sms || sms.used) throw new HttpError(422, 'SMS_CODE_NOT_SENT', 'no code pending; send one')
  if (sms.wrongTries >= SMS_MAX_WRONG_TRIES) throw voidCode()
  if (Date.parse(sms.expiresAt) <= now.getTime()) {
    throw new HttpError(422, 'SMS_CODE_EXPIRED', 'the code has expired; send a new one')
  }
  if (!timingSafeEqual(Buffer.from(code), Buffer.from(sms.code))) {
    sms.wrongTries++
    const attemptsLeft = SMS_MAX_WRONG_TRIES - sms.wrongTries
    if (attemptsLeft === 0) throw voidCode()
    throw new HttpError(422, 'SMS_CODE_WRONG', 'wrong code', { attemptsLeft })
  }
  sms.used = true
}
