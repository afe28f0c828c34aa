/**
 * Resident ID numbers after GB 11643-1999: 6-digit area code,
 * YYYYMMDD birth date (a real date, not in the future), 3-digit sequence (odd = male) and a check
 * character computed over the first 17 digits (ISO 7064 MOD 11-2).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

/** What a valid ID number tells about its holder. */
export interface IdNumberFacts {
  /** Upper-case, 18 characters. */
  idNumber: string
  /** `YYYY-MM-DD`. */
  birthDate: string
  gender: 'M' | 'F'
}

/** Computes the GB 11643 check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/**
 * Parses an ID number; returns undefined when it is not a valid 18-character GB 11643 number.
 * Lower-case `x` is accepted and normalised to upper case. `today` bounds the birth date.
 */
export function parseIdNumber(input: string, today: Date = new Date()): IdNumberFacts | undefined {
  const id = input.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return undefined
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const realDate =
    year >= 1900 &&
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day
  if (!realDate || birth.getTime() > today.getTime()) return undefined
  if (idNumberCheckChar(id) !== id[17]) return undefined
  return {
    idNumber: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'M' : 'F',
  }
}

/** True when `input` is a valid GB 11643 ID number (see {@link parseIdNumber}). */
export function isValidIdNumber(input: string, today?: Date): boolean {
  return parseIdNumber(input, today) !== undefined
}
