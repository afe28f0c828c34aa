/**
 * `identity.*`: the three ways a resident proves who they are:
 *
 * - ID card: `identity.readCard` → then `identity.faceCheck` or `identity.sendSms({})` +
 *   `identity.verifySms`;
 * - ID number + SMS code: `identity.sendSms({ idNumber })` → `identity.verifySms`;
 * - face check only after a card was read (the centre compares the still with the card holder).
 *
 * Every method answers the same {@link IdentityStatus}, so a screen can always render from the last
 * answer. Only masked data ever crosses: the full ID number, name, phone, card photo and address
 * stay in the core and are wiped at session end. Three failed attempts end the session
 * (`IDENTITY_LOCKED`, then `session.ended` with reason `identityFailures`).
 */
import { z } from 'zod'
import { defineMethod } from '../define'

/** How the resident was verified. */
export const IdentityMethod = z.enum(['card+face', 'card+sms', 'idNumber+sms'])
export type IdentityMethod = z.infer<typeof IdentityMethod>

/** Where the flow stands; the renderer picks its screen from it. */
export const IdentityStage = z.enum([
  /** Nothing yet: offer the three ways in. */
  'idle',
  /** A card was read and the centre knows the holder: offer face check or SMS code. */
  'cardRead',
  /** A code went to the phone on file: show the code keypad and the resend countdown. */
  'smsSent',
  /** Signed in: `resident` is set. */
  'verified',
])
export type IdentityStage = z.infer<typeof IdentityStage>

/** Who is being verified (before success), masked. */
export const IdentitySubject = z.object({
  /** `card` after `identity.readCard`, `idNumber` after `identity.sendSms({ idNumber })`. */
  via: z.enum(['card', 'idNumber']),
  /** `林**`; null on the ID-number path until verified (only the card tells the name). */
  nameMasked: z.string().nullable(),
  /** `350102********3417`. */
  idNumberMasked: z.string(),
  /** `138****1234`: where the SMS code goes; null until the centre told it. */
  phoneMasked: z.string().nullable(),
})
export type IdentitySubject = z.infer<typeof IdentitySubject>

/** The SMS code in flight (rules: 6 digits, 5 minutes, resend after 60 s, 5 wrong tries). */
export const SmsCodeState = z.object({
  phoneMasked: z.string(),
  sentAt: z.string(),
  /** The code is valid until then. */
  expiresAt: z.string(),
  /** Seconds left at the time of this answer (0 when expired). */
  expiresInSeconds: z.number().int().nonnegative(),
  /** "Resend" may be offered from then on. */
  resendAt: z.string(),
  /** Seconds of the resend countdown left at the time of this answer. */
  resendInSeconds: z.number().int().nonnegative(),
  /** Wrong entries left before the code is void. */
  attemptsLeft: z.number().int().nonnegative(),
  /** Too many wrong entries: the code no longer works; a new one must be sent. */
  void: z.boolean(),
  codeLength: z.literal(6),
})
export type SmsCodeState = z.infer<typeof SmsCodeState>

/** The signed-in resident as the renderer may show it: masked only. */
export const VerifiedResident = z.object({
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  method: IdentityMethod,
  /** The centre has a fund account for this resident (the fund tiles can say so up front). */
  hasFundAccount: z.boolean(),
  verifiedAt: z.string(),
})
export type VerifiedResident = z.infer<typeof VerifiedResident>

/**
 * Why the face check cannot be offered now: no card was read (face needs the card path), or the
 * page reported the camera missing or refused. Before the page reported anything the face check
 * is offered; the page then finds out by trying getUserMedia and reports.
 */
export const FaceUnavailableReason = z.enum(['noCard', 'cameraMissing', 'cameraDenied'])

export const IdentityStatus = z.object({
  stage: IdentityStage,
  subject: IdentitySubject.nullable(),
  sms: SmsCodeState.nullable(),
  resident: VerifiedResident.nullable(),
  /** Failed identity attempts in this session, and how many more end it (limit 3). */
  failures: z.number().int().nonnegative(),
  failuresLeft: z.number().int().nonnegative(),
  /** A card is on the reader now (simulated or real). */
  cardPresent: z.boolean(),
  /** The face check can be offered (a card was read and the camera is not known to be unusable). */
  faceAvailable: z.boolean(),
  faceUnavailableReason: FaceUnavailableReason.nullable(),
})
export type IdentityStatus = z.infer<typeof IdentityStatus>

/** Largest still accepted by `identity.faceCheck`, in base64 characters (~750 KB of JPEG). */
export const FACE_IMAGE_MAX_CHARS = 1_000_000

export const identityMethods = {
  'identity.status': defineMethod({
    summary: 'Where identity verification stands in this session (masked; never the full data).',
    input: z.object({}).strict(),
    output: IdentityStatus,
    session: 'required',
  }),
  'identity.readCard': defineMethod({
    summary:
      'Reads the ID card on the reader, waiting up to waitSeconds for one; checks validity and asks the centre. Errors: NO_CARD (none within the wait), CARD_READ_ERROR, CARD_EXPIRED, CARD_MISMATCH, RESIDENT_NOT_FOUND, DEVICE_UNAVAILABLE, CENTRAL_UNREACHABLE, ALREADY_VERIFIED, IDENTITY_LOCKED.',
    input: z
      .object({
        /** 0 (default): read the card that is there now; up to 30 s (the card-reading step). */
        waitSeconds: z.number().int().min(0).max(30).optional(),
      })
      .strict(),
    output: IdentityStatus,
    session: 'required',
  }),
  'identity.sendSms': defineMethod({
    summary:
      'Sends a 6-digit code to the phone on file: for a typed ID number ({ idNumber }) or for the card just read ({}). Errors: ID_NUMBER_INVALID, RESIDENT_NOT_FOUND, NO_PHONE_ON_FILE, SMS_RESEND_TOO_SOON, RATE_LIMITED, NO_CARD, CENTRAL_UNREACHABLE, ALREADY_VERIFIED, IDENTITY_LOCKED.',
    input: z
      .object({
        /** Typed on the keypad (digits and X, lower-case x accepted). Omit on the card path. */
        idNumber: z.string().max(32).optional(),
      })
      .strict(),
    output: IdentityStatus,
    session: 'required',
  }),
  'identity.verifySms': defineMethod({
    summary:
      'Checks the SMS code; on success the resident is verified. Errors: SMS_CODE_WRONG (detail attemptsLeft=N), SMS_CODE_EXPIRED, SMS_CODE_VOID, SMS_NOT_SENT, CENTRAL_UNREACHABLE, IDENTITY_LOCKED.',
    input: z.object({ code: z.string().regex(/^\d{6}$/) }).strict(),
    output: IdentityStatus,
    session: 'required',
  }),
  'identity.faceCheck': defineMethod({
    summary:
      'Sends one still (JPEG, base64 or data: URL) for comparison with the card holder; on a match the resident is verified. Errors: NO_CARD (no card read), FACE_IMAGE_INVALID, FACE_NOT_MATCHED, CENTRAL_UNREACHABLE, IDENTITY_LOCKED.',
    input: z.object({ image: z.string().min(8).max(FACE_IMAGE_MAX_CHARS) }).strict(),
    output: IdentityStatus,
    session: 'required',
  }),
  'identity.reset': defineMethod({
    summary:
      'Drops the card read, the code in flight and any verified resident (back to "choose a way in"); failures still count.',
    input: z.object({}).strict(),
    output: IdentityStatus,
    session: 'required',
  }),
}
