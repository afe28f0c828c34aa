/**
 * The numbers a resident can type into the status lookup, one kind per paper or message that
 * carries one: the terminal's receipt (`Q…`, any fund application), the centre's text message
 * (`BD…`, `UB…`, `ZF…`, `ZG…`, `TQ…`: the kind's letters, the day and a 6-digit sequence; `FK…` for
 * feedback, electron/central/routes/applications.ts) and a feedback receipt's ticket
 * (`FK20260612-7KQ2MZ`). The screen offers one choice per kind, so the letters are never typed:
 * only digits, and for a ticket the 6 characters of its code. Every complete number is one that
 * `lookupNumber` (scanned-code.ts), and so the API's schema, takes unchanged. Pure.
 */
/** One kind of number the status lookup's keypad can type. */
export interface TypedNumberKind {
  /** Stable id: the choice's test id and its words (`statusLookup.kinds.<id>`). */
  id:
    | 'local'
    | 'bind'
    | 'unbind'
    | 'withdrawRent'
    | 'rentPlanChange'
    | 'withdrawRetire'
    | 'feedback'
    | 'ticket'
  /** The letters the number starts with (chosen, never typed). */
  prefix: string
  /** How many digits follow the letters. */
  digits: number
  /** A ticket's code: this many characters of {@link TICKET_CODE_ALPHABET}, after a dash. */
  code?: number
}

/** The characters of a ticket's code: no 0/O or 1/I to mix up (electron/core/help/help-desk.ts). */
export const TICKET_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Every kind, in the order the screen offers them (the commonest first). */
export const TYPED_NUMBER_KINDS: readonly TypedNumberKind[] = [
  { id: 'local', prefix: 'Q', digits: 12 },
  { id: 'bind', prefix: 'BD', digits: 14 },
  { id: 'unbind', prefix: 'UB', digits: 14 },
  { id: 'withdrawRent', prefix: 'ZF', digits: 14 },
  { id: 'rentPlanChange', prefix: 'ZG', digits: 14 },
  { id: 'withdrawRetire', prefix: 'TQ', digits: 14 },
  { id: 'ticket', prefix: 'FK', digits: 8, code: 6 },
  { id: 'feedback', prefix: 'FK', digits: 14 },
]

/**
 * What stays of `typed` when the resident picks another paper: as much as `next` takes (the
 * digits typed so far, say, when the chip was picked after typing).
 */
export function typedCarriedOver(next: TypedNumberKind, typed: string): string {
  const stop = [...typed].findIndex((key, i) => !acceptsKey(next, typed.slice(0, i), key))
  return stop < 0 ? typed : typed.slice(0, stop)
}

/** How many characters the resident types for `kind` (digits, then a ticket's code). */
export function typedLength(kind: TypedNumberKind): number {
  return kind.digits + (kind.code ?? 0)
}

/**
 * Whether `key` may follow `typed` for `kind`: digits up to the kind's count, then (for a ticket)
 * characters of the code's alphabet.
 */
export function acceptsKey(kind: TypedNumberKind, typed: string, key: string): boolean {
  if (typed.length >= typedLength(kind)) return false
  if (typed.length < kind.digits) return /^\d$/.test(key)
  return key.length === 1 && TICKET_CODE_ALPHABET.includes(key)
}

/** The number as the receipt prints it, complete or not (`FK20260612-7KQ`). */
export function typedNumber(kind: TypedNumberKind, typed: string): string {
  if (!kind.code || typed.length < kind.digits) return kind.prefix + typed
  return `${kind.prefix}${typed.slice(0, kind.digits)}-${typed.slice(kind.digits)}`
}

/** True when `typed` makes a whole number of `kind`. */
export function isCompleteNumber(kind: TypedNumberKind, typed: string): boolean {
  if (typed.length !== typedLength(kind)) return false
  return [...typed].every((key, i) => acceptsKey(kind, typed.slice(0, i), key))
}

/**
 * Which kind a whole number is and what would have been typed for it (a number from a receipt's
 * QR or a link fills the fields this way); null for a number no kind makes. Expects the number
 * as `lookupNumber` gives it (trimmed, upper case).
 */
export function typedKindOf(number: string): { kind: TypedNumberKind; typed: string } | null {
  for (const kind of TYPED_NUMBER_KINDS) {
    if (!number.startsWith(kind.prefix)) continue
    const rest = number.slice(kind.prefix.length)
    if (kind.code && rest[kind.digits] !== '-') continue
    const typed = kind.code ? rest.slice(0, kind.digits) + rest.slice(kind.digits + 1) : rest
    if (isCompleteNumber(kind, typed)) return { kind, typed }
  }
  return null
}

/** Starts with the letters of a kind the lookup can type (and so must be one of them). */
export const TYPED_KIND_LETTERS = new RegExp(
  `^(${[...new Set(TYPED_NUMBER_KINDS.map((k) => k.prefix))].join('|')})`,
)
