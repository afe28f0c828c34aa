/**
 * Redaction of free text (log lines, error details, feedback text): anything shaped like an ID
 * number or a mobile number is masked with the one masking rule, so a log can never carry them in
 * full (promise 4). Names cannot be found by shape; code must never put them into free text in the
 * first place.
 *
 * Shapes caught: 18-character ID numbers (also written 6-8-4 with spaces or dashes), 15-digit
 * legacy ID numbers (GB 11643-1989: area code, YYMMDD birth date, sequence), mobile numbers
 * written whole, 3-4-4 with spaces or dashes, and with a `+86` / `0086` country code. Every
 * pattern refuses to start or end inside a longer run of letters and digits, so timestamps,
 * ports, fen amounts, ISO dates, UUIDs and application numbers (`Q` + 12 digits, `BD` + 14) stay
 * readable.
 */
import { maskIdNumber, maskPhone } from './masking'

/** Not preceded / followed by a letter or digit: the match is a whole token. */
const START = '(?<![0-9A-Za-z])'
const END = '(?![0-9A-Za-z])'
/** One optional separator between digit groups as people write them. */
const SEP = '[ -]?'

const ID_NUMBER = new RegExp(`${START}\\d{6}${SEP}\\d{8}${SEP}\\d{3}[\\dXx]${END}`, 'g')
const LEGACY_ID_NUMBER = new RegExp(
  `${START}[1-9]\\d{5}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}${END}`,
  'g',
)
/**
 * A mobile number, with a `+86` / `0086` country code or alone (then not inside a longer digit
 * run; letters before it are fine: `tel13800591234`).
 */
const MOBILE = new RegExp(
  `(?:(?:\\+|${START}00)86${SEP}|(?<!\\d))1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}(?!\\d)`,
  'g',
)

const digitsOf = (text: string) => text.replace(/[^\dXx]/g, '')

/** Masks every ID-number-shaped and mobile-number-shaped run in `text`. */
export function redact(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(digitsOf(m)))
    .replace(LEGACY_ID_NUMBER, (m) => maskIdNumber(m))
    .replace(MOBILE, (m) => {
      const plus = /^(\+|00)86[ -]?/.exec(m)
      const prefix = plus ? plus[0] : ''
      return prefix + maskPhone(digitsOf(m.slice(prefix.length)))
    })
}
