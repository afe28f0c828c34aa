/**
 * Checking an ID number while it is typed on the keypad (validated as typed, with the reason
 * shown). The rule itself is GB 11643 in ./id-number.ts; this tells which key may come
 * next and what is wrong so far, so the screen can say it before anything is sent.
 */
import { parseIdNumber } from './id-number'

/** Characters in a GB 11643 ID number. */
export const ID_NUMBER_LENGTH = 18

/** What is wrong with what was typed so far (in the order a resident types it). */
export type IdNumberEntryProblem =
  /** The area code cannot start with 0. */
  | 'area'
  /** Digits 7–14 are not a real birth date, or it is in the future. */
  | 'birthDate'
  /** All 18 typed but the check character does not match. */
  | 'checkChar'

export interface IdNumberEntryCheck {
  /** Characters typed (0–18). */
  length: number
  complete: boolean
  /** Complete and a valid GB 11643 number. */
  valid: boolean
  /** The first problem found so far; null while nothing is wrong (yet). */
  problem: IdNumberEntryProblem | null
}

/**
 * Whether `key` (`0`–`9` or `X`, any case) may be appended to `typed`: digits up to 17 characters,
 * `X` only as the 18th (the check character), nothing beyond 18.
 */
export function canAppendIdNumberKey(typed: string, key: string): boolean {
  if (typed.length >= ID_NUMBER_LENGTH) return false
  if (/^\d$/.test(key)) return true
  return key.toUpperCase() === 'X' && typed.length === ID_NUMBER_LENGTH - 1
}

/** The birth date part is impossible so far (checked as its digits arrive). */
function birthDateProblem(typed: string, today: Date): boolean {
  const year = typed.slice(6, 10)
  const month = typed.slice(10, 12)
  const day = typed.slice(12, 14)
  if (year.length === 4 && (Number(year) < 1900 || Number(year) > today.getFullYear())) return true
  if (month.length >= 1 && Number(month[0]) > 1) return true
  if (month.length === 2 && (Number(month) < 1 || Number(month) > 12)) return true
  if (day.length >= 1 && Number(day[0]) > 3) return true
  if (day.length === 2) {
    const y = Number(year)
    const m = Number(month)
    const d = Number(day)
    const date = new Date(Date.UTC(y, m - 1, d))
    if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return true
    const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())
    if (date.getTime() > todayUtc) return true
  }
  return false
}

/** Checks what was typed so far (upper or lower case x). */
export function checkIdNumberEntry(typed: string, today: Date = new Date()): IdNumberEntryCheck {
  const id = typed.toUpperCase()
  const length = id.length
  const complete = length === ID_NUMBER_LENGTH
  const result = (problem: IdNumberEntryProblem | null, valid = false): IdNumberEntryCheck => ({
    length,
    complete,
    valid,
    problem,
  })
  if (length > 0 && id[0] === '0') return result('area')
  if (length > 6 && birthDateProblem(id, today)) return result('birthDate')
  if (!complete) return result(null)
  return parseIdNumber(id, today) ? result(null, true) : result('checkChar')
}
