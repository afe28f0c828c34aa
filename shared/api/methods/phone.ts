/**
 * `phone.*`: phone number change (手机号变更), for a resident signed in with the ID card and a
 * face match only: a code to the old phone proves nothing when the phone is lost, so any other
 * sign-in is refused with `PHONE_CHANGE_REFUSED` / `STRONG_IDENTITY_REQUIRED`. The new number is
 * typed on the keypad, gets a code (`phone.sendCode`), and `phone.change` makes it the phone on
 * file at the centre, which notifies the old and the new number. Numbers cross masked only,
 * except the new number the resident typed themselves.
 */
import { z } from 'zod'
import { MOBILE_NUMBER, PhoneNumber } from '../../central'
import { defineMethod } from '../define'

/** The one mobile number shape (`1[3-9]` + 9 digits), for screens that check as it is typed. */
export { MOBILE_NUMBER }

/** Why a phone change is refused (the `detail` of `PHONE_CHANGE_REFUSED`). */
export const PHONE_CHANGE_REFUSALS = [
  /** Signed in by an SMS code (ID number or card + SMS): only card + face may change the phone. */
  'STRONG_IDENTITY_REQUIRED',
  /** The new number is the one on file already. */
  'PHONE_UNCHANGED',
  /** The number is on file for another resident. */
  'PHONE_IN_USE',
] as const
export const PhoneChangeRefusal = z.enum(PHONE_CHANGE_REFUSALS)
export type PhoneChangeRefusal = z.infer<typeof PhoneChangeRefusal>

const NewPhone = PhoneNumber

export const phoneMethods = {
  'phone.eligibility': defineMethod({
    summary:
      'Whether the signed-in resident may change the phone on file now (card + face only), and the phone on file, masked. Errors: NOT_SIGNED_IN.',
    input: z.object({}).strict(),
    output: z.object({
      phoneMasked: z.string(),
      refusal: PhoneChangeRefusal.nullable(),
    }),
    session: 'required',
  }),
  'phone.sendCode': defineMethod({
    summary:
      'Sends a code to the new number. Errors: NOT_SIGNED_IN, PHONE_CHANGE_REFUSED (detail = the reason), SMS_RESEND_TOO_SOON, RATE_LIMITED, CENTRAL_UNREACHABLE.',
    input: z.object({ newPhone: NewPhone }).strict(),
    output: z.object({
      phoneMasked: z.string(),
      expiresInSeconds: z.number().int().nonnegative(),
      resendInSeconds: z.number().int().nonnegative(),
      codeLength: z.literal(6),
    }),
    session: 'required',
  }),
  'phone.change': defineMethod({
    summary:
      'With the code the new number received, makes it the phone on file; answers the change number and a receipt to print. Errors: NOT_SIGNED_IN, PHONE_CHANGE_REFUSED, SMS_NOT_SENT, SMS_CODE_WRONG (attemptsLeft=N), SMS_CODE_EXPIRED, SMS_CODE_VOID, CENTRAL_UNREACHABLE.',
    input: z.object({ newPhone: NewPhone, code: z.string().regex(/^\d{6}$/) }).strict(),
    output: z.object({
      changeNo: z.string(),
      changedAt: z.iso.datetime({ offset: true }),
      phoneMasked: z.string(),
      previousPhoneMasked: z.string(),
      printableId: z.string().uuid(),
    }),
    session: 'required',
  }),
}
