/**
 * The fresh SMS confirmation a bind or unbind needs: a code sent to the resident's phone (the
 * shared SMS challenge's rules), which once checked allows one submission of its purpose for
 * {@link CONFIRMATION_VALID_MS}.
 */
import { fail, ok, type ConfirmPurpose, type MethodOutput } from '../../../shared/api'
import { maskIdNumber } from '../../../shared/domain/masking'
import { failFromCentral, mapCentralFailure } from '../central'
import {
  recordWrongCode,
  resendRefusal,
  SMS_RULES,
  startChallenge,
  verifyRefusal,
  type SmsChallenge,
} from '../identity/sms-challenge'
import type { ActiveSession } from '../session/session'
import type { FundContext } from './context'

/** A confirmation code, once checked, allows one submission of its purpose for this long. */
export const CONFIRMATION_VALID_MS = 5 * 60_000

interface Confirmation {
  sessionId: string
  /** The code sent for this purpose; null before a send and once a code was used. */
  sentFor: ConfirmPurpose | null
  sms: SmsChallenge | null
  /** Set by a correct code: one submission of this purpose until `until`. */
  confirmed: { purpose: ConfirmPurpose; until: number } | null
}

/** The confirmation part of the fund service; one confirmation per session. */
export function createFundConfirmation(ctx: FundContext) {
  const { deps, resident } = ctx
  const { central, clock, log } = deps
  let confirmation: Confirmation | null = null

  function confirmationFor(session: ActiveSession): Confirmation {
    if (confirmation?.sessionId !== session.id) {
      confirmation = {
        sessionId: session.id,
        sentFor: null,
        sms: null,
        confirmed: null,
      }
    }
    return confirmation
  }

  async function confirmSend(session: ActiveSession, purpose: ConfirmPurpose) {
    const r = resident(session)
    if (!r) return fail<MethodOutput<'fund.confirmSend'>>('NOT_SIGNED_IN')
    const c = confirmationFor(session)
    const tooSoon = c.sentFor !== null ? resendRefusal(c.sms, clock()) : null
    if (tooSoon) return tooSoon
    const answer = await central.call('identitySmsSend', { idNumber: r.identity.idNumber })
    if (!answer.ok) return failFromCentral<MethodOutput<'fund.confirmSend'>>(answer)
    c.sentFor = purpose
    c.confirmed = null
    c.sms = startChallenge(answer.value, clock())
    return ok({
      phoneMasked: r.identity.maskedPhone,
      expiresInSeconds: answer.value.expiresInSeconds,
      resendInSeconds: answer.value.resendAfterSeconds,
      codeLength: SMS_RULES.codeLength,
    })
  }

  async function confirmVerify(session: ActiveSession, purpose: ConfirmPurpose, code: string) {
    const r = resident(session)
    if (!r) return fail<{ confirmed: true }>('NOT_SIGNED_IN')
    const c = confirmationFor(session)
    if (c.sentFor !== purpose || !c.sms) return fail<{ confirmed: true }>('SMS_NOT_SENT')
    const sms = c.sms
    // The fresh confirmation is an identity step too: its wrong and void codes are audited.
    const confirmAudit = (outcome: string, detail: Record<string, string | number> = {}) =>
      void deps.audit.record({
        action: 'identity.confirm',
        subject: maskIdNumber(r.identity.idNumber),
        outcome,
        detail: { purpose, ...detail },
      })
    const refused = verifyRefusal(sms, clock())
    if (refused === 'SMS_CODE_EXPIRED') return fail<{ confirmed: true }>(refused)
    if (refused === 'SMS_CODE_VOID') {
      confirmAudit('failed', { code: refused })
      return fail<{ confirmed: true }>(refused)
    }
    const answer = await central.call('identitySmsVerify', { idNumber: r.identity.idNumber, code })
    if (!answer.ok) {
      const mapped = mapCentralFailure(answer)
      if (
        mapped.code === 'SMS_CODE_WRONG' &&
        recordWrongCode(sms, answer.error.attemptsLeft) <= 0
      ) {
        confirmAudit('failed', { code: 'SMS_CODE_VOID' })
        return fail<{ confirmed: true }>('SMS_CODE_VOID')
      }
      if (mapped.code.startsWith('SMS_')) confirmAudit('failed', { code: mapped.code })
      return fail<{ confirmed: true }>(mapped.code, mapped.detail)
    }
    if (answer.value.identity.idNumber.toUpperCase() !== r.identity.idNumber.toUpperCase()) {
      log.error('fund.confirm_other_resident', {})
      return fail<{ confirmed: true }>('INTERNAL', 'identity')
    }
    // The code was used: the centre lifts the resend wait, and so do we.
    c.sentFor = null
    c.sms = null
    c.confirmed = { purpose, until: clock().getTime() + CONFIRMATION_VALID_MS }
    confirmAudit('ok')
    return ok({ confirmed: true as const })
  }

  function takeConfirmation(session: ActiveSession, purpose: ConfirmPurpose): boolean {
    const c = confirmation
    return (
      c?.sessionId === session.id &&
      c.confirmed?.purpose === purpose &&
      clock().getTime() < c.confirmed.until
    )
  }

  return {
    confirmSend,
    confirmVerify,
    /** True when a checked code allows a submission of `purpose` now. */
    take: takeConfirmation,
    /** The submission is durable: the checked code is used up. */
    spend() {
      confirmation = confirmation ? { ...confirmation, confirmed: null } : null
    },
    /** Drops the confirmation (session end, dispose). */
    clear() {
      confirmation = null
    },
  }
}
