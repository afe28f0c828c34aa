/**
 * Fund services' rules on binding and unbinding a wallet. The terminal applies them before anything
 * is submitted, so a resident hears the reason up front instead of after an SMS code; the centre
 * applies the same functions again when it decides an application and stays authoritative
 * (electron/central/rules.ts adds the checks only the centre can make: the applicant, the operator
 * and the wallet registry). Pure functions, shared by the core, the centre and their tests.
 */
import type { FundAccountStatus, WalletBindingState } from '../central/fund'

/** Why a bind cannot start, in the order the centre checks them (the first one is the reason). */
export const BIND_REFUSALS = [
  'NO_FUND_ACCOUNT',
  'ACCOUNT_CLOSED',
  'ACCOUNT_FROZEN',
  'APPLICATION_IN_FLIGHT',
  'ALREADY_BOUND',
] as const
export type BindRefusal = (typeof BIND_REFUSALS)[number]

/** Why an unbind cannot start. */
export const UNBIND_REFUSALS = ['NO_FUND_ACCOUNT', 'APPLICATION_IN_FLIGHT', 'NOT_BOUND'] as const
export type UnbindRefusal = (typeof UNBIND_REFUSALS)[number]

/** Account statuses that close an account (合并销户, 外部转出销户, 提取销户). */
export const CLOSED_STATUSES: readonly FundAccountStatus[] = ['03', '04', '05']

/** What the rules look at: the account's status, the bindings, and applications not yet answered. */
export interface FundFacts {
  /** Null: the resident has no fund account. */
  accountStatus: FundAccountStatus | null
  /** States of the resident's bindings as the centre knows them. */
  bindingStates: readonly WalletBindingState[]
  /** Applications of this resident still in this terminal's outbox, by kind. */
  queued: { bind: number; unbind: number }
}

/** One application in flight per resident and business type; bind and unbind block each other. */
function inFlight(facts: BindingFacts): boolean {
  return (
    facts.queued.bind > 0 ||
    facts.queued.unbind > 0 ||
    facts.bindingStates.some((s) => s === 'pending' || s === 'unbinding')
  )
}

/** What the binding rules look at: the bindings and applications not yet answered. */
export type BindingFacts = Pick<FundFacts, 'bindingStates' | 'queued'>

/** Nothing queued: how the centre, which holds no outbox, asks the binding rules. */
export const NOTHING_QUEUED: FundFacts['queued'] = { bind: 0, unbind: 0 }

/** Null when the account's status allows a bind; otherwise why not. */
export function accountBindRefusal(
  accountStatus: FundAccountStatus | null,
): 'NO_FUND_ACCOUNT' | 'ACCOUNT_CLOSED' | 'ACCOUNT_FROZEN' | null {
  if (accountStatus === null) return 'NO_FUND_ACCOUNT'
  if (CLOSED_STATUSES.includes(accountStatus)) return 'ACCOUNT_CLOSED'
  if (accountStatus === '06') return 'ACCOUNT_FROZEN'
  return null
}

/** Null when the bindings allow a bind; otherwise why not. */
export function bindingsBindRefusal(
  facts: BindingFacts,
): 'APPLICATION_IN_FLIGHT' | 'ALREADY_BOUND' | null {
  if (inFlight(facts)) return 'APPLICATION_IN_FLIGHT'
  if (facts.bindingStates.includes('bound')) return 'ALREADY_BOUND'
  return null
}

/** Null when a bind may start; otherwise why not. */
export function bindRefusal(facts: FundFacts): BindRefusal | null {
  return accountBindRefusal(facts.accountStatus) ?? bindingsBindRefusal(facts)
}

/** Notices a bind may carry although it is allowed: a sealed (02) account can be bound. */
export function bindNotices(accountStatus: FundAccountStatus | null): 'ACCOUNT_SEALED'[] {
  return accountStatus === '02' ? ['ACCOUNT_SEALED'] : []
}

/** Null when the bindings allow an unbind; otherwise why not. */
export function bindingsUnbindRefusal(
  facts: BindingFacts,
): 'APPLICATION_IN_FLIGHT' | 'NOT_BOUND' | null {
  if (inFlight(facts)) return 'APPLICATION_IN_FLIGHT'
  if (!facts.bindingStates.includes('bound')) return 'NOT_BOUND'
  return null
}

/** Null when an unbind may start; otherwise why not. */
export function unbindRefusal(facts: FundFacts): UnbindRefusal | null {
  if (facts.accountStatus === null) return 'NO_FUND_ACCOUNT'
  return bindingsUnbindRefusal(facts)
}

/** Wallet ids as typed on the keypad: digits only, 16 in the demo registry, 8–32 by contract. */
export const WALLET_ID_PATTERN = /^\d{8,32}$/
/** The length the keypad aims for (digital RMB wallet ids are 16 digits). */
export const WALLET_ID_LENGTH = 16

/** Date-range presets of the records query. */
export const RECORD_RANGE_PRESETS = ['thisYear', 'lastYear', 'last3Years', 'custom'] as const
export type RecordRangePreset = (typeof RECORD_RANGE_PRESETS)[number]

/**
 * The inclusive date range of a preset, for `today` (`YYYY-MM-DD`, China time): this year runs
 * 1 January to today, last year is the whole previous year, the last 3 years start on 1 January
 * two years back (this year and the two before). `custom` has no range of its own.
 */
export function presetRange(
  preset: Exclude<RecordRangePreset, 'custom'>,
  today: string,
): { from: string; to: string } {
  const year = Number(today.slice(0, 4))
  if (preset === 'thisYear') return { from: `${year}-01-01`, to: today }
  if (preset === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }
  return { from: `${year - 2}-01-01`, to: today }
}

/** Today's date in China Standard Time (UTC+8, no DST), `YYYY-MM-DD`. */
export function chinaToday(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/**
 * A terminal-side application number (受理编号) such as `Q482915730264`: `Q` + 12 digits, given to
 * the resident the moment the application is durable, before the centre has numbered it. Digits
 * only after the letter, so the status lookup's keypad stays a digit keypad. `random` yields
 * bytes (crypto in the core, a fixed list in tests).
 */
export function newLocalApplicationNo(random: (n: number) => Uint8Array): string {
  // 250 = 25 × 10: bytes at or above it are skipped so every digit is equally likely.
  let out = 'Q'
  while (out.length < 13) {
    for (const b of random(16)) if (b < 250 && out.length < 13) out += String(b % 10)
  }
  return out
}

/** True for numbers {@link newLocalApplicationNo} makes. */
export function isLocalApplicationNo(text: string): boolean {
  return /^Q\d{12}$/.test(text)
}

/** The idempotency key of the outbox item behind a terminal-side application number. */
export function idempotencyKeyOf(localNo: string): string {
  return `fund-${localNo}`
}
