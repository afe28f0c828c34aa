/**
 * Phone number change (手机号变更). Only a resident who proved who they are with the ID card and
 * a face match may change the phone on file: a code to the old phone proves nothing when the
 * phone is lost, and a new code to the new number proves the resident holds it. The change goes
 * into the override map (`CentralState.phones`; the seed is never edited), is kept with masked
 * numbers in `phoneChanges` for the centre's audit trail, and both numbers get a notice.
 */
import { chinaToday } from '../../../shared/domain/fund'
import { maskPhone } from '../../../shared/domain/masking'
import type { CentralContext, Handlers, RequestContext } from '../context'
import { HttpError } from '../http/plumbing'
import { sendMessage } from '../messages'
import type { SeedResident } from '../seed'
import { sendCode, useCode } from '../sms'
import { tokenMethod } from './identity'

/** Prefix of a phone change's number (手机 → SJ), as application numbers have theirs. */
const CHANGE_PREFIX = 'SJ'

/** The notice to the number that was replaced: the resident may not be the one who changed it. */
export function oldNumberNotice(newMasked: string, changeNo: string): string {
  return `您的公积金预留手机号已变更为 ${newMasked}（变更编号 ${changeNo}）。如非本人办理，请立即致电 12329。`
}
/** The notice to the new number. */
export function newNumberNotice(changeNo: string): string {
  return `本号码已登记为您的公积金预留手机号（变更编号 ${changeNo}），以后的验证码和办理结果将发送至本号码。`
}

export function phoneHandlers(
  ctx: CentralContext,
): Handlers<'identityPhoneCodeSend' | 'identityPhoneChange'> {
  /** The resident, if the token came from a face match and `newPhone` may become theirs. */
  function allowed(req: RequestContext, newPhone: string): SeedResident {
    const resident = req.resident()
    if (tokenMethod(ctx, req.request) !== 'face') {
      throw new HttpError(403, 'STRONG_IDENTITY_REQUIRED', 'sign in with the ID card and face')
    }
    if (ctx.phoneOf(resident) === newPhone) {
      throw new HttpError(422, 'PHONE_UNCHANGED', 'this is already the phone on file')
    }
    for (const other of ctx.seed.byRef.values()) {
      if (other !== resident && ctx.phoneOf(other) === newPhone) {
        throw new HttpError(422, 'PHONE_IN_USE', 'this phone is on file for another resident')
      }
    }
    return resident
  }

  return {
    async identityPhoneCodeSend(req, { newPhone }) {
      const resident = allowed(req, newPhone)
      const sent = sendCode(ctx, newPhone, req.now)
      ctx.state().sms[newPhone]!.phoneChangeFor = resident.residentRef
      return sent
    },

    async identityPhoneChange(req, { newPhone, code }) {
      const resident = allowed(req, newPhone)
      const st = ctx.state()
      // Only a code this resident asked for as a phone change counts.
      if (st.sms[newPhone]?.phoneChangeFor !== resident.residentRef) {
        throw new HttpError(422, 'SMS_CODE_NOT_SENT', 'no code pending for this change; send one')
      }
      useCode(ctx, newPhone, code, req.now)
      const oldPhone = ctx.phoneOf(resident)
      const seq = Object.keys(st.phoneChanges).length + 1
      const changeNo = `${CHANGE_PREFIX}${chinaToday(req.now).replaceAll('-', '')}${String(seq).padStart(6, '0')}`
      const at = req.now.toISOString()
      st.phones[resident.residentRef] = newPhone
      st.phoneChanges[changeNo] = {
        changeNo,
        residentRef: resident.residentRef,
        terminalId: req.terminalId,
        at,
        fromMasked: maskPhone(oldPhone),
        toMasked: maskPhone(newPhone),
      }
      sendMessage(st, oldPhone, oldNumberNotice(maskPhone(newPhone), changeNo), req.now, changeNo)
      sendMessage(st, newPhone, newNumberNotice(changeNo), req.now, changeNo)
      return {
        changeNo,
        changedAt: at,
        maskedPhone: maskPhone(newPhone),
        previousMaskedPhone: maskPhone(oldPhone),
      }
    },
  }
}
