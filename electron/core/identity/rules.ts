/**
 * Identity rules the terminal applies before (and besides) the centre, which enforces them too
 * (DOMAIN.md, "Rules the kiosk enforces"), and the mapping of the centre's error codes onto the
 * API's. Pure functions.
 */
import type { ErrorCode } from '../../../shared/api'
import { isUnreachable, type CentralFailure } from './central-caller'

/** SMS code: 6 digits, valid 5 minutes, resend after 60 s, void after 5 wrong tries. */
export const SMS_RULES = {
  codeLength: 6,
  validSeconds: 300,
  resendAfterSeconds: 60,
  maxWrongTries: 5,
} as const

/** Failed identity attempts that end the session (UX: "3 in a row … suggest calling staff"). */
export const IDENTITY_FAILURE_LIMIT = 3

/**
 * What counts as one failed identity attempt. Only outcomes that say "this person could not prove
 * they are who they claim" count; mistakes that can be corrected on the spot (a wrong code with
 * tries left, an expired code, a blurred still, an expired card) do not:
 * - a typed ID number the centre does not know (probing numbers must not be free);
 * - card data that does not match the registry;
 * - an SMS code made void by 5 wrong entries;
 * - a face that does not match.
 */
export const COUNTED_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RESIDENT_NOT_FOUND',
  'CARD_MISMATCH',
  'SMS_CODE_VOID',
  'FACE_NOT_MATCHED',
])

/** Today's date in China Standard Time (UTC+8, no DST), `YYYY-MM-DD`, as the centre computes it. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** A card is valid through its end date (inclusive); `长期` never expires. */
export function isCardExpired(validityEnd: string, now: Date): boolean {
  return validityEnd !== '长期' && validityEnd < chinaDate(now)
}

/** A mapped failure: an API error code and a machine-readable detail (never personal data). */
export interface MappedFailure {
  code: ErrorCode
  detail?: string
}

const DIRECT: Readonly<Record<string, ErrorCode>> = {
  ID_NUMBER_INVALID: 'ID_NUMBER_INVALID',
  RESIDENT_NOT_FOUND: 'RESIDENT_NOT_FOUND',
  CARD_EXPIRED: 'CARD_EXPIRED',
  CARD_MISMATCH: 'CARD_MISMATCH',
  SMS_CODE_NOT_SENT: 'SMS_NOT_SENT',
  SMS_CODE_EXPIRED: 'SMS_CODE_EXPIRED',
  SMS_CODE_VOID: 'SMS_CODE_VOID',
  FACE_IMAGE_INVALID: 'FACE_IMAGE_INVALID',
  BODY_TOO_LARGE: 'FACE_IMAGE_INVALID',
}

/** Maps a failed central call of the identity endpoints onto the API's error codes. */
export function mapCentralFailure(failure: CentralFailure): MappedFailure {
  const { code, retryAfterSeconds, attemptsLeft } = failure.error
  if (isUnreachable(failure)) return { code: 'CENTRAL_UNREACHABLE', detail: code }
  if (code === 'SMS_CODE_WRONG') {
    return { code: 'SMS_CODE_WRONG', detail: `attemptsLeft=${attemptsLeft ?? 0}` }
  }
  if (code === 'SMS_RESEND_TOO_SOON') {
    return {
      code: 'SMS_RESEND_TOO_SOON',
      detail: `retryAfterSeconds=${retryAfterSeconds ?? SMS_RULES.resendAfterSeconds}`,
    }
  }
  if (code === 'SMS_RATE_LIMITED' || failure.status === 429) {
    return { code: 'RATE_LIMITED', detail: `retryAfterSeconds=${retryAfterSeconds ?? 60}` }
  }
  const direct = DIRECT[code]
  if (direct) return { code: direct }
  return { code: 'CENTRAL_REJECTED', detail: code }
}

/** A still from the camera: a data: URL or bare base64, reduced to bare base64 if it is a JPEG. */
export function jpegBase64(image: string): string | undefined {
  const bare = image.replace(/^data:image\/jpe?g;base64,/i, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(bare) || bare.length % 4 !== 0) return undefined
  // Every JPEG starts with FF D8 FF, which is `/9j/` in base64.
  return bare.startsWith('/9j/') ? bare : undefined
}
