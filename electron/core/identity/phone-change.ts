/**
 * Phone number change (手机号变更) on the terminal: only for a resident signed in with the ID
 * card and a face match (a code to the old phone proves nothing when the phone is lost). The new
 * number gets a code under the shared {@link SmsChallenge} rules; the centre changes the phone on
 * file and notifies both numbers; the terminal audits it, prints a receipt, and from then on shows
 * the new number (masked) wherever the session names the phone. The typed number lives here, in
 * memory, until the change is done or the session ends; it never reaches a log or the disk.
 */
import {
  fail,
  ok,
  type MethodOutput,
  type PhoneChangeRefusal,
  type Result,
} from '../../../shared/api'
import { maskIdNumber, maskName } from '../../../shared/domain/masking'
import type { ReceiptInput } from '../../../shared/receipt'
import { failFromCentral, mapCentralFailure, type CentralCaller } from '../central'
import type { AuditTrail } from '../data/terminal-data'
import type { Logger } from '../log'
import type { Printables } from '../printing/printables'
import type { ActiveSession, SessionManager } from '../session/session'
import type { IdentityService, VerifiedResidentRecord } from './identity'
import {
  recordWrongCode,
  resendRefusal,
  SMS_RULES,
  startChallenge,
  verifyRefusal,
  type SmsChallenge,
} from './sms-challenge'

export interface PhoneChangeDeps {
  sessions: SessionManager
  identity: IdentityService
  central: CentralCaller
  audit: AuditTrail
  printables: Printables
  /** The terminal and its hall, as the receipt prints them. */
  place: { terminalId: string; hallName: string }
  clock: () => Date
  log: Logger
}

type Out<M extends 'phone.eligibility' | 'phone.sendCode' | 'phone.change'> = Promise<
  Result<MethodOutput<M>>
>

/** The code in flight for one session's change, and the number it went to. */
interface Pending {
  sessionId: string
  newPhone: string
  sms: SmsChallenge
}

/** Why this resident may not change the phone now, or null. */
export function phoneChangeRefusal(r: VerifiedResidentRecord): PhoneChangeRefusal | null {
  return r.method === 'card+face' ? null : 'STRONG_IDENTITY_REQUIRED'
}

/** The receipt of a change (Chinese, as printed; phones masked). */
export function phoneChangeReceipt(
  place: PhoneChangeDeps['place'],
  r: VerifiedResidentRecord,
  change: { changeNo: string; changedAt: string; maskedPhone: string; previousMaskedPhone: string },
): ReceiptInput {
  return {
    terminalId: place.terminalId,
    hall: place.hallName,
    issuedAt: change.changedAt,
    service: 'phone.change',
    title: '公积金预留手机号变更',
    holder: { name: maskName(r.identity.name), idNumber: maskIdNumber(r.identity.idNumber) },
    outcome: 'completed',
    outcomeNote: '预留手机号已变更。以后的验证码和办理结果将发送至新号码。',
    reference: { kind: 'application', number: change.changeNo },
    lines: [
      { label: '原手机号', value: change.previousMaskedPhone },
      { label: '新手机号', value: change.maskedPhone },
      { label: '核验方式', value: '身份证 + 人脸识别' },
    ],
    footer: '原号码和新号码均已收到变更短信。如非本人办理，请立即致电 12329。',
  }
}

/** Creates the phone change service and registers its wipe with the session manager. */
export function createPhoneChange(deps: PhoneChangeDeps) {
  const { identity, central, clock } = deps
  let pending: Pending | null = null
  deps.sessions.onEnd(() => (pending = null))

  const audit = (r: VerifiedResidentRecord, outcome: string, detail: Record<string, string>) =>
    void deps.audit.record({
      action: 'identity.phoneChange',
      subject: maskIdNumber(r.identity.idNumber),
      outcome,
      detail,
    })

  /** The resident, or the refusal to answer (not signed in; not card + face: audited). */
  function allowed(session: ActiveSession) {
    const r = identity.currentResident(session.id)
    if (!r) return { refused: fail<never>('NOT_SIGNED_IN') }
    const refusal = phoneChangeRefusal(r)
    if (!refusal) return { r }
    audit(r, 'refused', { code: refusal, method: r.method })
    return { refused: fail<never>('PHONE_CHANGE_REFUSED', refusal) }
  }

  async function eligibility(session: ActiveSession): Out<'phone.eligibility'> {
    const r = identity.currentResident(session.id)
    if (!r) return fail('NOT_SIGNED_IN')
    return ok({ phoneMasked: r.identity.maskedPhone, refusal: phoneChangeRefusal(r) })
  }

  async function sendCode(session: ActiveSession, newPhone: string): Out<'phone.sendCode'> {
    const { r, refused } = allowed(session)
    if (!r) return refused
    const mine = pending?.sessionId === session.id && pending.newPhone === newPhone
    const tooSoon = mine ? resendRefusal(pending!.sms, clock()) : null
    if (tooSoon) return tooSoon
    const answer = await central.call(
      'identityPhoneCodeSend',
      { newPhone },
      { residentToken: r.residentToken },
    )
    if (!answer.ok) {
      const mapped = mapCentralFailure(answer)
      if (mapped.code === 'PHONE_CHANGE_REFUSED') audit(r, 'refused', { code: mapped.detail ?? '' })
      return fail(mapped.code, mapped.detail)
    }
    pending = { sessionId: session.id, newPhone, sms: startChallenge(answer.value, clock()) }
    return ok({
      phoneMasked: answer.value.maskedPhone,
      expiresInSeconds: answer.value.expiresInSeconds,
      resendInSeconds: answer.value.resendAfterSeconds,
      codeLength: SMS_RULES.codeLength,
    })
  }

  async function change(
    session: ActiveSession,
    newPhone: string,
    code: string,
  ): Out<'phone.change'> {
    const { r, refused } = allowed(session)
    if (!r) return refused
    const p = pending
    if (p?.sessionId !== session.id || p.newPhone !== newPhone) return fail('SMS_NOT_SENT')
    const refusal = verifyRefusal(p.sms, clock())
    if (refusal) return fail(refusal)
    const answer = await central.call(
      'identityPhoneChange',
      { newPhone, code },
      { residentToken: r.residentToken },
    )
    if (!answer.ok) {
      const mapped = mapCentralFailure(answer)
      if (mapped.code === 'SMS_CODE_WRONG') {
        const left = recordWrongCode(p.sms, answer.error.attemptsLeft)
        audit(r, 'failed', { code: left > 0 ? 'SMS_CODE_WRONG' : 'SMS_CODE_VOID' })
        return left > 0 ? fail('SMS_CODE_WRONG', `attemptsLeft=${left}`) : fail('SMS_CODE_VOID')
      }
      return failFromCentral(answer)
    }
    pending = null
    const done = answer.value
    // The session now names the new phone (masked), e.g. where the next code will go.
    r.identity = { ...r.identity, maskedPhone: done.maskedPhone }
    audit(r, 'ok', {
      changeNo: done.changeNo,
      from: done.previousMaskedPhone,
      to: done.maskedPhone,
    })
    deps.log.info('identity.phone_changed', { changeNo: done.changeNo })
    const printableId = deps.printables.add(session.id, {
      kind: 'receipt',
      receipt: phoneChangeReceipt(deps.place, r, done),
    })
    return ok({
      changeNo: done.changeNo,
      changedAt: done.changedAt,
      phoneMasked: done.maskedPhone,
      previousPhoneMasked: done.previousMaskedPhone,
      printableId,
    })
  }

  return { eligibility, sendCode, change }
}

export type PhoneChangeService = ReturnType<typeof createPhoneChange>
