/**
 * What the text of a hand-held scanner means. A scanner types like a keyboard, so a screen gets
 * the QR code's (or barcode's) content as a string, and decides here what it will act on: the
 * same rules the core applies to the same value, so the screen never sends what the core would
 * refuse, nor refuses what the core would take. Pure.
 *
 * The payloads are the ones the terminal itself prints: a tax certificate's QR
 * (`hallkiosk-taxcert:v1:<code>`, issued by the centre) and a receipt's QR (`GJJ-APP:<number>`
 * for a fund application, the bare ticket number for feedback).
 */
import { isWellFormedVerificationCode, normalizeVerificationCode } from './tax'
import { TYPED_KIND_LETTERS, typedKindOf } from './typed-lookup-number'

/**
 * The bare verification code in a scan: the certificate's QR payload or the printed code
 * itself (dashes, spaces and letter case as a scanner with Caps Lock may send them), with the
 * core's own rules (`tax.verify`: normalize, then well-formed). Null for anything else: a URL,
 * another document's QR, a code of the wrong length or with letters codes never use.
 */
export function verificationCodeFromScan(text: string): string | null {
  const code = normalizeVerificationCode(text)
  return isWellFormedVerificationCode(code) ? code : null
}

/** The prefix of a fund application receipt's QR; the application number follows. */
export const RECEIPT_APPLICATION_QR_PREFIX = 'GJJ-APP:'

/**
 * What a receipt's QR code names: a fund application (its number is what
 * `fund.applicationStatus` looks up, the terminal's `Q…` number or the centre's) or a feedback
 * ticket (`FK20260612-7KQ2MZ`, followed up by the hotline, not by the terminal).
 */
export type ReceiptQr =
  { kind: 'application'; number: string } | { kind: 'ticket'; ticketNo: string }

/** The application number's shape, as `fund.applicationStatus` takes it. */
export const APPLICATION_NUMBER = /^[0-9A-Z]{4,32}$/
/** `FK` + the local date + 6 of the ticket alphabet (electron/core/help/help-desk.ts). */
export const TICKET_NO = /^FK\d{8}-[A-HJ-NP-Z2-9]{6}$/

/**
 * What the status lookup acts on: trimmed, upper case (tickets and numbers are printed upper case;
 * a scanner with Caps Lock inverts it), then an application number or a feedback ticket number,
 * or null. A number with the letters of a kind the terminal knows (Q, BD, UB, ZF, ZG, TQ, FK:
 * typed-lookup-number.ts) must have that kind's exact shape, so a digit too few or too many is
 * refused here, not asked of the centre. The API's schema and the screens decide with this one
 * function.
 */
export function lookupNumber(text: string): string | null {
  const s = text.trim().toUpperCase()
  if (TYPED_KIND_LETTERS.test(s)) return typedKindOf(s) ? s : null
  return APPLICATION_NUMBER.test(s) || TICKET_NO.test(s) ? s : null
}

/** True for a feedback ticket number (after {@link lookupNumber}). */
export function isTicketNo(number: string): boolean {
  return TICKET_NO.test(number)
}

/**
 * Reads a scanned receipt QR, for the application status lookup. Letter case is not trusted (a
 * scanner with Caps Lock on inverts it; every number is upper case); surrounding spaces go; the
 * rest must match exactly. Null when the text is no receipt's QR.
 */
export function parseReceiptQr(text: string): ReceiptQr | null {
  const s = text.trim().toUpperCase()
  if (s.startsWith(RECEIPT_APPLICATION_QR_PREFIX)) {
    const number = s.slice(RECEIPT_APPLICATION_QR_PREFIX.length)
    return APPLICATION_NUMBER.test(number) && lookupNumber(number) === number
      ? { kind: 'application', number }
      : null
  }
  return TICKET_NO.test(s) ? { kind: 'ticket', ticketNo: s } : null
}
