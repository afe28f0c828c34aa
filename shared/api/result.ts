/**
 * Results cross every boundary as values, never as exceptions: an exception
 * thrown through `ipcMain.handle` or an HTTP transport loses everything but its message.
 */
import { z } from 'zod'

/**
 * The closed list of error codes. The renderer turns each into words through i18n
 * (`errors.<CODE>`), so adding one means adding its translations too (a test checks this).
 */
export const ERROR_CODES = [
  /** The input did not match the method's schema. `detail` lists the offending paths. */
  'INVALID_INPUT',
  /** No such method in the contract. */
  'UNKNOWN_METHOD',
  /** The method needs an active session and there is none (or it has ended). */
  'NO_SESSION',
  /** The session id given is not the current one (a stale screen after a session ended). */
  'SESSION_MISMATCH',
  /** The method needs a verified resident and the session has none. */
  'NOT_SIGNED_IN',
  /** A `qa.*` method was called outside QA mode. */
  'QA_MODE_ONLY',
  /** Staff put the terminal out of service. */
  'OUT_OF_SERVICE',
  /** The central service could not be reached and the method cannot work without it. */
  'CENTRAL_UNREACHABLE',
  /** The central service refused the request; `detail` carries its reason code. */
  'CENTRAL_REJECTED',
  /** The local store could not write (disk full, I/O error); nothing was acknowledged. */
  'STORE_WRITE_FAILED',
  /** A device the method needs is not usable; `detail` names the device and status code. */
  'DEVICE_UNAVAILABLE',
  /** The printer accepted nothing or failed midway; the job is kept in the journal for staff. */
  'PRINT_FAILED',
  /** Too many attempts (SMS sends, PIN entries); `detail` says when to try again. */
  'RATE_LIMITED',
  // Identity. Details are machine-readable `key=value` pairs, never personal data.
  /** The typed ID number fails GB 11643 (length, birth date or check character). */
  'ID_NUMBER_INVALID',
  /** The centre knows no resident with this ID number (counts as a failed identity attempt). */
  'RESIDENT_NOT_FOUND',
  /** The centre has no mobile number for this resident: SMS cannot be used (face or staff). */
  'NO_PHONE_ON_FILE',
  /** `identity.verifySms` before a code was sent (or after it was used). */
  'SMS_NOT_SENT',
  /** A new code was asked for before the 60 s countdown ended; `detail` is `retryAfterSeconds=N`. */
  'SMS_RESEND_TOO_SOON',
  /** Wrong SMS code; `detail` is `attemptsLeft=N` (the code is void after 5 wrong tries). */
  'SMS_CODE_WRONG',
  /** The SMS code is older than 5 minutes; a new one must be sent. */
  'SMS_CODE_EXPIRED',
  /** Too many wrong entries: the code no longer works (counts as a failed identity attempt). */
  'SMS_CODE_VOID',
  /** No ID card on the reader (within the wait), or the face check was asked for without a card. */
  'NO_CARD',
  /** The card could not be read (chip error, implausible data): try again or type the ID number. */
  'CARD_READ_ERROR',
  /** The ID card's validity has ended; it is refused (the ID-number path remains). */
  'CARD_EXPIRED',
  /** The card's data does not match the centre's registry (counts as a failed identity attempt). */
  'CARD_MISMATCH',
  /** The still is not a usable JPEG (no face found, wrong format); retake it. */
  'FACE_IMAGE_INVALID',
  /** The face does not match the card holder (counts as a failed identity attempt). */
  'FACE_NOT_MATCHED',
  /** A verification step was asked for while a resident is already verified (reset first). */
  'ALREADY_VERIFIED',
  /** The third failed identity attempt: the session has ended; suggest calling staff. */
  'IDENTITY_LOCKED',
  // Tax.
  /** A certificate period range that cannot be issued (from after to, too early, in the future). */
  'PERIOD_INVALID',
  /** A certificate range across 2019-01: 《纳税记录》 and 完税证明 are issued separately. */
  'PERIOD_SPANS_2019',
  /** The centre has no tax rows for the range asked for: nothing to certify. */
  'NO_TAX_RECORDS',
  // Hall staff.
  /** A `supervisor.*` method without a valid supervisor token (never entered, left, or idle). */
  'SUPERVISOR_REQUIRED',
  /** Wrong staff PIN; `detail` is `attemptsLeft=N` (entry locks for 5 minutes after 5). */
  'PIN_WRONG',
  /** No staff PIN is configured on this terminal (outside demo mode): supervisor entry is off. */
  'SUPERVISOR_UNAVAILABLE',
  /** The action needs the other host (exit the kiosk is Electron only). */
  'HOST_UNSUPPORTED',
  // Fund services.
  /** Bind or unbind without a fresh SMS confirmation (`fund.confirmVerify`) for that purpose. */
  'CONFIRMATION_REQUIRED',
  /** A fund rule refuses the request before submission; `detail` is the rule (e.g. ALREADY_BOUND). */
  'FUND_REFUSED',
  /** A phone number change is refused; `detail` says why (`PHONE_CHANGE_REFUSALS`). */
  'PHONE_CHANGE_REFUSED',
  /** No application with this number for these last 4 ID characters. */
  'APPLICATION_NOT_FOUND',
  /** This terminal asked for application statuses too often; `detail` says when to try again. */
  'LOOKUP_RATE_LIMITED',
  /**
   * The service is outside the centre's opening hours (and staff did not open it); `detail` is
   * `opensAt=<date>T<HH:MM>,weekday=<1-7>` when the next opening is known.
   */
  'SERVICE_CLOSED',
  /** Anything unexpected. Logged in full in the core, never shown beyond this code. */
  'INTERNAL',
] as const

export const ErrorCode = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCode>

export const ApiError = z.object({
  code: ErrorCode,
  /** Short machine-readable detail for staff and logs; never personal data. */
  detail: z.string().max(2000).optional(),
})
export type ApiError = z.infer<typeof ApiError>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** Wraps a value as a successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

/** Builds a failed result; `detail` is for staff and logs, never personal data. */
export const fail = <T = never>(code: ErrorCode, detail?: string): Result<T> =>
  detail === undefined ? { ok: false, error: { code } } : { ok: false, error: { code, detail } }

/** The schema of a result whose value matches `value`; used by transports to check answers. */
export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiError }),
  ])
