/**
 * The SMS steps of sign-in: send a code to the phone the centre has on file (for a card read, or
 * for a typed ID number) and check the code the resident typed. The code's rules and bookkeeping
 * are the shared {@link SmsChallenge}'s.
 */
import { fail, ok, type IdentityStatus, type Result } from '../../../shared/api'
import { parseIdNumber } from '../../../shared/domain/id-number'
import { maskPhone } from '../../../shared/domain/masking'
import { mapCentralFailure } from '../central'
import type { ActiveSession } from '../session/session'
import { gone, type FlowContext } from './flow'
import {
  markVoid,
  recordWrongCode,
  resendRefusal,
  startChallenge,
  verifyRefusal,
  type SmsChallenge,
} from './sms-challenge'

/** The SMS steps of the identity flow. */
export function createSmsSignInSteps(ctx: FlowContext) {
  const { central, clock, log, audit, stillCurrent, failure } = ctx

  function sendSms(
    session: ActiveSession,
    typed: string | undefined,
  ): Promise<Result<IdentityStatus>> {
    return ctx.unverifiedStep(session, async (a) => {
      const now = clock()
      if (typed !== undefined) {
        const facts = parseIdNumber(typed, now)
        if (!facts) {
          // What was typed is not kept, not even masked: it may be someone's number mistyped.
          audit('identity.failed', 'refused', null, { code: 'ID_NUMBER_INVALID' })
          return fail('ID_NUMBER_INVALID')
        }
        if (a.subject?.idNumber !== facts.idNumber) {
          a.subject = {
            via: 'idNumber',
            idNumber: facts.idNumber,
            name: null,
            phoneMasked: null,
            noPhone: false,
          }
          a.sms = null
        }
      }
      const subject = a.subject
      if (!subject) return fail('NO_CARD')
      if (subject.noPhone) return fail('NO_PHONE_ON_FILE')
      const tooSoon = resendRefusal(a.sms, now)
      if (tooSoon) return tooSoon
      const answer = await central.call('identitySmsSend', { idNumber: subject.idNumber })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) {
        const mapped = mapCentralFailure(answer)
        if (mapped.code === 'RESIDENT_NOT_FOUND') {
          a.subject = null
          // Only a typed number counts: a card holder unknown to the centre was refused earlier.
          if (subject.via === 'card') return fail('RESIDENT_NOT_FOUND')
        }
        return failure(a, mapped, subject.idNumber)
      }
      const phone = answer.value.maskedPhone.trim()
      if (!phone) {
        subject.noPhone = true
        return fail('NO_PHONE_ON_FILE')
      }
      subject.phoneMasked = maskPhone(phone)
      a.sms = { phoneMasked: subject.phoneMasked, ...startChallenge(answer.value, clock()) }
      log.info('identity.sms_sent', { via: subject.via })
      return ok(ctx.statusOf(a))
    })
  }

  function verifySms(session: ActiveSession, code: string): Promise<Result<IdentityStatus>> {
    return ctx.unverifiedStep(session, async (a) => {
      const subject = a.subject
      const sms: SmsChallenge | null = a.sms
      if (!subject || !sms) return fail('SMS_NOT_SENT')
      const refused = verifyRefusal(sms, clock())
      if (refused) {
        audit('identity.failed', 'refused', subject.idNumber, { code: refused })
        return refused === 'SMS_CODE_VOID' ? fail(refused, 'resend') : fail(refused)
      }
      const answer = await central.call('identitySmsVerify', { idNumber: subject.idNumber, code })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) {
        const mapped = mapCentralFailure(answer)
        if (mapped.code === 'SMS_CODE_WRONG') {
          const left = recordWrongCode(sms, answer.error.attemptsLeft)
          if (left > 0) {
            audit('identity.failed', 'failed', subject.idNumber, {
              code: 'SMS_CODE_WRONG',
              attemptsLeft: left,
            })
            return fail('SMS_CODE_WRONG', `attemptsLeft=${left}`)
          }
          return failure(a, { code: 'SMS_CODE_VOID' })
        }
        if (mapped.code === 'SMS_CODE_VOID') markVoid(sms)
        if (mapped.code === 'SMS_CODE_EXPIRED') {
          sms.expiresAt = clock()
          audit('identity.failed', 'refused', subject.idNumber, { code: 'SMS_CODE_EXPIRED' })
        }
        if (mapped.code === 'SMS_NOT_SENT') a.sms = null
        return failure(a, mapped)
      }
      if (answer.value.identity.idNumber.toUpperCase() !== subject.idNumber) {
        log.error('identity.centre_answered_other_resident', {})
        return fail('INTERNAL', 'identity')
      }
      ctx.signIn(a, answer.value, subject.via === 'card' ? 'card+sms' : 'idNumber+sms')
      return ok(ctx.statusOf(a))
    })
  }

  return { sendSms, verifySms }
}
