/**
 * `qa.*`: drive the simulated devices and read the demo SMS inbox, for the QA panel and automated
 * tests. The core refuses every one with `QA_MODE_ONLY` unless the terminal runs in
 * QA mode (`KIOSK_QA=1`), so none of this is reachable on a production terminal.
 */
import { z } from 'zod'
import { defineMethod } from '../define'
import { DeviceKind, DeviceState, DeviceStatus, DeviceStatusCode } from '../../devices'

/** The demo residents' ID numbers; the bundled centre seeds exactly these. */
export const DEMO_RESIDENT_ID_NUMBERS = [
  '350102198506123417',
  '350103199202145626',
  '350104197809301135',
  '350111196011050022',
  '35012120010718457X',
] as const
export const DemoResidentId = z.enum(DEMO_RESIDENT_ID_NUMBERS)
export type DemoResidentId = z.infer<typeof DemoResidentId>

const IsoDateText = z.iso.date()

/**
 * What a second-generation ID card holds, as a card reader delivers it. Photo and address serve the
 * face check only and never leave the core.
 */
export const IdCardData = z
  .object({
    name: z.string().min(1).max(64),
    gender: z.enum(['M', 'F']),
    birthDate: IsoDateText,
    /** The shape only: a card with a bad check character is a QA case (read as CARD_READ_ERROR). */
    idNumber: z.string().regex(/^\d{17}[\dXx]$/),
    address: z.string().max(200).optional(),
    issuingOffice: z.string().max(128).optional(),
    validityStart: IsoDateText.optional(),
    /** A date, or `长期` for a card that does not expire. */
    validityEnd: z.union([IsoDateText, z.literal('长期')]),
    /** The chip's photo as JPEG, base64. */
    photoJpegBase64: z.string().max(200_000).optional(),
  })
  .strict()
export type IdCardData = z.infer<typeof IdCardData>

/** A demo resident as the QA panel lists them (masked: the panel may be filmed for bug reports). */
export const DemoResidentEntry = z.object({
  idNumber: DemoResidentId,
  nameMasked: z.string(),
  phoneMasked: z.string(),
  cardValidityEnd: z.string(),
})

export const qaMethods = {
  'qa.demoResidents': defineMethod({
    summary: 'The demo residents the QA panel can put on the card reader (masked labels).',
    input: z.object({}).strict(),
    output: z.object({ residents: z.array(DemoResidentEntry) }),
  }),
  'qa.insertCard': defineMethod({
    summary:
      "Puts a simulated ID card on the reader: a demo resident's card ({ resident }) or any card data ({ card }, e.g. expired); unreadable: the chip fails to read.",
    input: z
      .object({
        resident: DemoResidentId.optional(),
        card: IdCardData.optional(),
        /** Every read of this card fails (CARD_READ_ERROR), like a scratched chip. */
        unreadable: z.boolean().optional(),
      })
      .strict()
      .refine((v) => (v.resident === undefined) !== (v.card === undefined), {
        message: 'give exactly one of resident or card',
      }),
    output: z.object({ cardPresent: z.literal(true), idNumberMasked: z.string() }),
  }),
  'qa.removeCard': defineMethod({
    summary: 'Takes the simulated card off the reader.',
    input: z.object({}).strict(),
    output: z.object({ removed: z.boolean() }),
  }),
  'qa.setDevice': defineMethod({
    summary:
      'Forces a simulated device into a status code (e.g. cardReader OFFLINE = unplugged, receiptPrinter MEDIA_LOW / MEDIA_EMPTY); state follows the code unless given.',
    input: z
      .object({
        kind: DeviceKind,
        code: DeviceStatusCode,
        /** Default: READY for OK and MEDIA_LOW, UNAVAILABLE otherwise. */
        state: DeviceState.optional(),
        /** Staff-facing words the supervisor view shows. */
        detail: z.string().max(200).optional(),
      })
      .strict(),
    output: DeviceStatus,
  }),
  'qa.smsInbox': defineMethod({
    summary:
      "The last SMS code the demo centre sent: to { phone }, to a demo resident's { idNumber }, or ({}) to the resident being verified now.",
    input: z
      .object({
        phone: z
          .string()
          .regex(/^1[3-9]\d{9}$/)
          .optional(),
        idNumber: z.string().max(32).optional(),
      })
      .strict(),
    output: z.object({ code: z.string().nullable(), sentAt: z.string().nullable() }),
  }),
}
