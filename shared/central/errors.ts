/**
 * Error answers of the central service. Every non-2xx answer has this body, with a stable code the
 * terminal maps to words (and to its retry policy: 401 re-authenticates, 429 and 5xx back off).
 */
import { z } from 'zod'

export const CENTRAL_ERROR_CODES = [
  // transport and request shape (400, 404, 413, 415)
  'BAD_REQUEST',
  'BAD_JSON',
  'JSON_TOO_DEEP',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  // terminal authentication (401)
  'AUTH_MISSING',
  'AUTH_UNKNOWN_TERMINAL',
  'AUTH_BAD_SIGNATURE',
  'AUTH_STALE_TIMESTAMP',
  'AUTH_REPLAYED_NONCE',
  // resident token (401)
  'RESIDENT_TOKEN_INVALID',
  // identity
  'ID_NUMBER_INVALID',
  'CARD_EXPIRED',
  'CARD_MISMATCH',
  'RESIDENT_NOT_FOUND',
  'SMS_RESEND_TOO_SOON',
  'SMS_RATE_LIMITED',
  'SMS_CODE_NOT_SENT',
  'SMS_CODE_WRONG',
  'SMS_CODE_EXPIRED',
  'SMS_CODE_VOID',
  'FACE_IMAGE_INVALID',
  // phone change: 403 without ID card + face; 422 for the number already on file or another's
  'STRONG_IDENTITY_REQUIRED',
  'PHONE_UNCHANGED',
  'PHONE_IN_USE',
  // fund, tax, applications
  'NO_FUND_ACCOUNT',
  'PERIOD_INVALID',
  'PERIOD_SPANS_2019',
  'NO_TAX_RECORDS',
  'IDEMPOTENCY_CONFLICT',
  /** 429: a terminal asked for application statuses too often (Retry-After says when again). */
  'LOOKUP_RATE_LIMITED',
  'INTERNAL',
] as const
export const CentralErrorCode = z.enum(CENTRAL_ERROR_CODES)
export type CentralErrorCode = z.infer<typeof CentralErrorCode>

export const CentralErrorBody = z.object({
  error: z.object({
    code: CentralErrorCode,
    message: z.string(),
    /** 429: seconds until a retry can succeed. */
    retryAfterSeconds: z.number().int().optional(),
    /** SMS_CODE_WRONG: tries left before the code is void. */
    attemptsLeft: z.number().int().optional(),
    /** AUTH_STALE_TIMESTAMP: the centre's clock, so the terminal can correct its skew. */
    serverTime: z.string().optional(),
    /** IDEMPOTENCY_CONFLICT: the key that was reused with another payload. */
    idempotencyKey: z.string().optional(),
  }),
})
export type CentralErrorBody = z.infer<typeof CentralErrorBody>
