/**
 * The one mapping from the centre's failures onto the API's error codes, for every service of the
 * core (identity, fund, tax). Transport failures and the centre's own faults mean "try again
 * later" (CENTRAL_UNREACHABLE); refusals the resident can act on keep a code of their own;
 * anything else is CENTRAL_REJECTED with the centre's code as a machine-readable detail.
 */
import { fail, type ErrorCode, type Result } from '../../../shared/api'
import { isUnreachable, type CentralFailure } from './central-caller'

/** A mapped failure: an API error code and a machine-readable detail (never personal data). */
export interface MappedFailure {
  code: ErrorCode
  detail?: string
}

/** How long the centre makes a resident wait before another SMS code when it does not say. */
const DEFAULT_SMS_RESEND_SECONDS = 60

/** The centre's refusals that map one to one onto an API code. */
const DIRECT: Readonly<Record<string, MappedFailure>> = {
  // Identity
  ID_NUMBER_INVALID: { code: 'ID_NUMBER_INVALID' },
  RESIDENT_NOT_FOUND: { code: 'RESIDENT_NOT_FOUND' },
  CARD_EXPIRED: { code: 'CARD_EXPIRED' },
  CARD_MISMATCH: { code: 'CARD_MISMATCH' },
  SMS_CODE_NOT_SENT: { code: 'SMS_NOT_SENT' },
  SMS_CODE_EXPIRED: { code: 'SMS_CODE_EXPIRED' },
  SMS_CODE_VOID: { code: 'SMS_CODE_VOID' },
  FACE_IMAGE_INVALID: { code: 'FACE_IMAGE_INVALID' },
  BODY_TOO_LARGE: { code: 'FACE_IMAGE_INVALID' },
  // Phone change
  STRONG_IDENTITY_REQUIRED: { code: 'PHONE_CHANGE_REFUSED', detail: 'STRONG_IDENTITY_REQUIRED' },
  PHONE_UNCHANGED: { code: 'PHONE_CHANGE_REFUSED', detail: 'PHONE_UNCHANGED' },
  PHONE_IN_USE: { code: 'PHONE_CHANGE_REFUSED', detail: 'PHONE_IN_USE' },
  // Resident-scoped calls (fund, tax)
  RESIDENT_TOKEN_INVALID: { code: 'NOT_SIGNED_IN' },
  NO_FUND_ACCOUNT: { code: 'FUND_REFUSED', detail: 'NO_FUND_ACCOUNT' },
  // Tax
  PERIOD_INVALID: { code: 'PERIOD_INVALID' },
  PERIOD_SPANS_2019: { code: 'PERIOD_SPANS_2019' },
  NO_TAX_RECORDS: { code: 'NO_TAX_RECORDS' },
}

/** Maps a failed call of the centre onto the API's error codes. */
export function mapCentralFailure(failure: CentralFailure): MappedFailure {
  const { code, retryAfterSeconds, attemptsLeft } = failure.error
  if (isUnreachable(failure)) return { code: 'CENTRAL_UNREACHABLE', detail: code }
  if (code === 'SMS_CODE_WRONG') {
    return { code: 'SMS_CODE_WRONG', detail: `attemptsLeft=${attemptsLeft ?? 0}` }
  }
  if (code === 'SMS_RESEND_TOO_SOON') {
    return {
      code: 'SMS_RESEND_TOO_SOON',
      detail: `retryAfterSeconds=${retryAfterSeconds ?? DEFAULT_SMS_RESEND_SECONDS}`,
    }
  }
  if (code === 'SMS_RATE_LIMITED' || failure.status === 429) {
    return { code: 'RATE_LIMITED', detail: `retryAfterSeconds=${retryAfterSeconds ?? 60}` }
  }
  const direct = Object.hasOwn(DIRECT, code) ? DIRECT[code] : undefined
  if (direct) return { ...direct }
  return { code: 'CENTRAL_REJECTED', detail: code }
}

/** {@link mapCentralFailure} as a failed API result. */
export function failFromCentral<T = never>(failure: CentralFailure): Result<T> {
  const mapped = mapCentralFailure(failure)
  return fail(mapped.code, mapped.detail)
}
