/**
 * Redaction of free text (log lines, error details): anything shaped like an ID number or a mobile
 * number is masked with the one masking rule, so a log can never carry them in full (promise 4).
 * Names cannot be found by shape; code must never put them into free text in the first place.
 */
import { maskIdNumber, maskPhone } from './masking'

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g

/** Masks every ID-number-shaped and mobile-number-shaped run in `text`. */
export function redact(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m))
}
