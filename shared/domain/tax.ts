/**
 * Tax rules both sides use: which certificate a
 * period range gets, which ranges may be asked for, the "last 12 months" window of the records
 * list, and the shape of verification codes as people type, print and scan them. Pure: the clock
 * is always passed in.
 */

/** `YYYY-MM`. */
export type YearMonth = string

/**
 * Since 2019-01 personal income tax is certified by a 《纳税记录》; earlier periods get a
 * 完税证明, and one certificate never spans both (the centre answers PERIOD_SPANS_2019).
 */
export const TAX_RECORD_FROM: YearMonth = '2019-01'

/**
 * The earliest period a certificate may start at. The centre keeps tax rows from the 2016
 * collection system (demo rows start in 2017); anything earlier is a counter matter.
 */
export const EARLIEST_CERTIFICATE_PERIOD: YearMonth = '2016-01'

/** How many years the records list offers besides "the last 12 months". */
export const RECORD_YEARS_OFFERED = 10

export type CertificateKind = 'taxRecord' | 'taxPaymentProof'

/** Why a period range cannot be certified, or null when it can. */
export type CertificatePeriodProblem =
  /** Not `YYYY-MM`, from after to, before the earliest period, or ending in the future. */
  | 'PERIOD_INVALID'
  /** Starts before 2019-01 and ends after it: ask for the two parts separately. */
  | 'PERIOD_SPANS_2019'

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The calendar month of `now` in China (UTC+8, no daylight saving), as `YYYY-MM`. */
export function monthInChina(now: Date): YearMonth {
  const shifted = new Date(now.getTime() + 8 * 3600_000)
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`
}

/** `month` moved by `delta` months: `addMonths('2026-01', -1)` → `'2025-12'`. */
export function addMonths(month: YearMonth, delta: number): YearMonth {
  const m = YEAR_MONTH.exec(month)
  if (!m) throw new RangeError(`not a YYYY-MM month: ${month}`)
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The records list's default window: the 12 months up to and including this month. */
export function last12Months(now: Date): { from: YearMonth; to: YearMonth } {
  const to = monthInChina(now)
  return { from: addMonths(to, -11), to }
}

/** The years the records list offers, newest first (this year and the nine before it). */
export function recordYears(now: Date): number[] {
  const year = Number(monthInChina(now).slice(0, 4))
  return Array.from({ length: RECORD_YEARS_OFFERED }, (_, i) => year - i)
}

/** The certificate a range gets: 《纳税记录》 from 2019-01, 完税证明 before. */
export function certificateKindFor(fromPeriod: YearMonth): CertificateKind {
  return fromPeriod >= TAX_RECORD_FROM ? 'taxRecord' : 'taxPaymentProof'
}

/**
 * Checks a certificate's period range against the rules the centre applies (and one of the
 * terminal's own: nothing before {@link EARLIEST_CERTIFICATE_PERIOD}), so the resident hears the
 * reason before anything is sent.
 */
export function certificatePeriodProblem(
  fromPeriod: YearMonth,
  toPeriod: YearMonth,
  now: Date,
): CertificatePeriodProblem | null {
  if (!YEAR_MONTH.test(fromPeriod) || !YEAR_MONTH.test(toPeriod)) return 'PERIOD_INVALID'
  if (fromPeriod > toPeriod) return 'PERIOD_INVALID'
  if (fromPeriod < EARLIEST_CERTIFICATE_PERIOD) return 'PERIOD_INVALID'
  if (toPeriod > monthInChina(now)) return 'PERIOD_INVALID'
  if (fromPeriod < TAX_RECORD_FROM && toPeriod >= TAX_RECORD_FROM) return 'PERIOD_SPANS_2019'
  return null
}

/**
 * A whole-year range as the certificate screen offers it (January of `fromYear` to December of
 * `toYear`), cut at this month so that the current year can be asked for.
 */
export function yearRange(
  fromYear: number,
  toYear: number,
  now: Date,
): { fromPeriod: YearMonth; toPeriod: YearMonth } {
  const current = monthInChina(now)
  const december = `${toYear}-12`
  return { fromPeriod: `${fromYear}-01`, toPeriod: december > current ? current : december }
}

/**
 * A month range as the certificate screen offers it (month `fromMonth` of `fromYear` to month
 * `toMonth` of `toYear`, months 1–12), cut at this month so that the current year can be asked
 * for. Banks usually ask for the last 6 or 12 months, which need not start in January.
 */
export function monthRange(
  from: { year: number; month: number },
  to: { year: number; month: number },
  now: Date,
): { fromPeriod: YearMonth; toPeriod: YearMonth } {
  const current = monthInChina(now)
  const ym = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`
  const end = ym(to.year, to.month)
  return { fromPeriod: ym(from.year, from.month), toPeriod: end > current ? current : end }
}

/** The letters and digits verification codes use (no 0/O, 1/I: people misread them). */
export const VERIFICATION_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
/** Verification codes have 16 characters; printed in groups of four. */
export const VERIFICATION_CODE_LENGTH = 16

/** The prefix of the QR payload on tax certificates; a scanner types the whole payload. */
export const CERTIFICATE_QR_PREFIX = 'hallkiosk-taxcert:v1:'
/**
 * The prefix of the QR payload on deposit certificates (个人住房公积金缴存证明). Codes of both kinds
 * come from one space at the centre, so the prefix only tells a reader what the paper is.
 */
export const DEPOSIT_CERTIFICATE_QR_PREFIX = 'hallkiosk-fundcert:v1:'

const QR_PREFIXES = [CERTIFICATE_QR_PREFIX, DEPOSIT_CERTIFICATE_QR_PREFIX]

/**
 * What a resident typed or a scanner sent, reduced to the bare code: a certificate QR prefix,
 * spaces and dashes go, letters become upper case. `'35a7-k9q2 m4xt-…'` → `'35A7K9Q2M4XT…'`.
 */
export function normalizeVerificationCode(input: string): string {
  let s = input.trim()
  const prefix = QR_PREFIXES.find((p) => s.toLowerCase().startsWith(p))
  if (prefix) s = s.slice(prefix.length)
  return s.replace(/[\s-]/g, '').toUpperCase()
}

/** True when `code` (normalized) has the length and the letters of a real code. */
export function isWellFormedVerificationCode(code: string): boolean {
  if (code.length !== VERIFICATION_CODE_LENGTH) return false
  for (const ch of code) if (!VERIFICATION_CODE_ALPHABET.includes(ch)) return false
  return true
}

/** The printed form, in groups of four: `'ABCDEFGHJKLMNPQR'` → `'ABCD-EFGH-JKLM-NPQR'`. */
export function formatVerificationCode(code: string): string {
  return normalizeVerificationCode(code).replace(/(.{4})(?=.)/g, '$1-')
}

/** An instant as people in the hall read it (China time): `'2026-11-20 10:00'`. */
export function chinaDateTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString()
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`
}
