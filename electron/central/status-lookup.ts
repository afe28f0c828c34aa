/**
 * The application-status lookup's two guards. Anyone at a terminal may ask, without signing in, so
 * the answer needs something only the applicant knows, and the asking is rate-limited per terminal
 * (shared/domain/lookup-limit.ts) so that knowledge cannot be guessed (10^4 last-4 values).
 *
 * Who may see what: bind, unbind and withdrawals need the last 4 of the applicant's ID number; a feedback
 * ticket the last 4 of the ID number of the resident who was signed in, or, for anonymous feedback,
 * the last 4 of the call-back phone it left; anonymous feedback without a phone, staff calls and
 * audit entries cannot be looked up at all. Every refusal (unknown number, wrong last 4, nothing to
 * check against) is the same answer, so a lookup does not tell which numbers exist.
 */
import { timingSafeEqual } from 'node:crypto'
import { openContact } from '../../shared/central'
import type { CentralState, StoredApplication } from './state'

export {
  createLookupLimiter,
  STATUS_LOOKUPS_PER_WINDOW,
  STATUS_LOOKUP_WINDOW_MS,
  type LookupLimiter,
} from '../../shared/domain/lookup-limit'

/** Kinds only a signed-in resident submits: the applicant's ID number answers for them. */
const RESIDENT_KINDS: ReadonlySet<string> = new Set([
  'bind',
  'unbind',
  'withdrawRent',
  'rentPlanChange',
  'withdrawRetire',
])

/** What the check needs from the centre's records. */
export interface LookupRecords {
  /** The ID number of the resident behind a pseudonym. */
  idNumberOf(residentRef: string): string | undefined
  /** The key of the terminal that sent an application (opens a sealed call-back phone). */
  keyOf(terminalId: string): string | undefined
}

const sameLast4 = (full: string, last4: string) => {
  const a = Buffer.from(full.slice(-4).toUpperCase())
  const b = Buffer.from(last4.toUpperCase())
  return a.length === 4 && b.length === 4 && timingSafeEqual(a, b)
}

/** True when `last4` proves the asker may see `app` (see the header for who may see what). */
export async function mayLookUp(
  app: StoredApplication,
  last4: string,
  records: LookupRecords,
): Promise<boolean> {
  if (!RESIDENT_KINDS.has(app.kind) && app.kind !== 'feedback') return false
  if (app.residentRef) {
    const idNumber = records.idNumberOf(app.residentRef)
    return idNumber !== undefined && sameLast4(idNumber, last4)
  }
  if (app.kind !== 'feedback') return false
  const sealed = (app.payload as { contactSealed?: unknown } | undefined)?.contactSealed
  if (typeof sealed !== 'string') return false
  const phone = await openContact(sealed, records.keyOf(app.terminalId) ?? '')
  return phone !== null && sameLast4(phone, last4)
}

/**
 * The application a lookup names: the centre's own number, or for feedback the ticket number the
 * terminal printed on its receipt (issued before the centre gave the feedback a number of its own).
 */
export function findApplication(
  state: CentralState,
  number: string,
): StoredApplication | undefined {
  const own = state.applications[number]
  if (own) return own
  return Object.values(state.applications).find(
    (app) =>
      app.kind === 'feedback' &&
      (app.payload as { ticketNo?: unknown } | undefined)?.ticketNo === number,
  )
}
