/**
 * Identity: the ID card check, SMS one-time codes to the phone on file, and the face check. A
 * successful SMS verify or face match yields a short-lived resident token for resident-scoped calls
 * (header {@link RESIDENT_TOKEN_HEADER}) and an opaque `residentRef` that outbox items carry instead
 * of an ID number, so nothing on the terminal's disk names the resident.
 */
import { z } from 'zod'
import { IdNumberText, IsoDate, IsoDateTime, PhoneNumber, Token } from './primitives'

/** Header that carries the resident token on resident-scoped endpoints. */
export const RESIDENT_TOKEN_HEADER = 'x-resident-token'

/** Card data as read from the ID card (photo and address never leave the terminal). */
export const IdCard = z.object({
  name: z.string().min(1).max(64),
  gender: z.enum(['M', 'F']),
  birthDate: IsoDate,
  idNumber: IdNumberText,
  issuingOffice: z.string().max(128).optional(),
  validityStart: IsoDate.optional(),
  /** A date, or `长期` for a card that does not expire. */
  validityEnd: z.union([IsoDate, z.literal('长期')]),
})
export type IdCard = z.infer<typeof IdCard>

export const CardCheckRequest = z.object({ card: IdCard })
export const CardCheckResponse = z.object({
  /** The centre knows this resident (a card of an unknown resident answers 404 RESIDENT_NOT_FOUND). */
  residentKnown: z.literal(true),
  /** Phone on file, masked `138****1234`: where the SMS code will go. */
  maskedPhone: z.string(),
  hasFundAccount: z.boolean(),
})

/** The resident as the centre knows them, returned after a successful identity check. */
export const ResidentIdentity = z.object({
  /** Opaque, stable pseudonym; the only resident reference an outbox item may hold. */
  residentRef: Token,
  name: z.string(),
  idNumber: z.string(),
  gender: z.enum(['M', 'F']),
  birthDate: IsoDate,
  maskedPhone: z.string(),
  hasFundAccount: z.boolean(),
})
export type ResidentIdentity = z.infer<typeof ResidentIdentity>

export const SmsSendRequest = z.object({ idNumber: IdNumberText })
export const SmsSendResponse = z.object({
  maskedPhone: z.string(),
  sentAt: IsoDateTime,
  /** The code is valid until then (5 minutes). */
  expiresAt: IsoDateTime,
  expiresInSeconds: z.number().int(),
  /** The terminal shows a countdown; a resend before it ends answers 429 SMS_RESEND_TOO_SOON. */
  resendAfterSeconds: z.number().int(),
})

export const SmsVerifyRequest = z.object({
  idNumber: IdNumberText,
  code: z.string().regex(/^\d{6}$/),
})

/** A resident session on the centre: the token for resident-scoped calls and who it belongs to. */
export const ResidentSession = z.object({
  residentToken: Token,
  expiresAt: IsoDateTime,
  identity: ResidentIdentity,
})
export type ResidentSession = z.infer<typeof ResidentSession>
export const SmsVerifyResponse = ResidentSession

export const FaceCheckRequest = z.object({
  idNumber: IdNumberText,
  /** A still JPEG from the camera, base64 (no data: prefix). */
  imageJpegBase64: z.base64().min(8),
})
export const FaceCheckResponse = z.discriminatedUnion('match', [
  z.object({ match: z.literal(true), score: z.number(), session: ResidentSession }),
  z.object({ match: z.literal(false), score: z.number() }),
])

/**
 * Phone number change (手机号变更): only for a token earned by ID card + face (403
 * `STRONG_IDENTITY_REQUIRED` otherwise: a code to the old phone cannot prove anything when the
 * phone is lost). A code goes to the new number; the change itself spends it.
 */
export const PhoneCodeSendRequest = z.object({ newPhone: PhoneNumber })
export const PhoneChangeRequest = z.object({
  newPhone: PhoneNumber,
  code: z.string().regex(/^\d{6}$/),
})
export const PhoneChangeResponse = z.object({
  /** The centre's number for the change (printed on the receipt). */
  changeNo: z.string(),
  changedAt: IsoDateTime,
  /** The new phone on file, masked. */
  maskedPhone: z.string(),
  /** The phone it replaced, masked. */
  previousMaskedPhone: z.string(),
})
