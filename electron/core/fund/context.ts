/**
 * What the fund's parts share: the service's dependencies, the verified resident of a session,
 * the reference data (wallet operators, business types) and the facts the rules of
 * `shared/domain/fund.ts` decide on (the centre's account and bindings, the resident's
 * applications still in the outbox).
 */
import type { BilingualText, Result, WalletOperatorView } from '../../../shared/api'
import type { WalletBinding } from '../../../shared/central'
import type { FundFacts } from '../../../shared/domain/fund'
import type { CentralCaller } from '../central'
import type { AuditTrail, TerminalData } from '../data/terminal-data'
import type { IdentityService, VerifiedResidentRecord } from '../identity/identity'
import type { Logger } from '../log'
import type { Printables } from '../printing/printables'
import type { ActiveSession, SessionManager } from '../session/session'
import type { OutboxItem } from '../store'
import { enabledWalletOperators, readReferenceItems, type SyncEngine } from '../sync'

/** Outbox kinds of the fund applications (the push maps `fund.bind` to the wire kind `bind`). */
export const FUND_OUTBOX_KINDS = { bind: 'fund.bind', unbind: 'fund.unbind' } as const

/** A confirmation code, once checked, allows one submission of its purpose for this long. */
export const CONFIRMATION_VALID_MS = 5 * 60_000
/** How long bind/unbind wait for the centre's answer before saying "waiting for confirmation". */
export const DEFAULT_ANSWER_WAIT_MS = 4_000
/** A statement prints at most this many rows (the A4 model's limit). */
export const STATEMENT_MAX_ROWS = 500

/** The outbox payload of a bind: the wire `BindPayload` plus the applicant's masked ID number. */
export interface BindOutboxPayload {
  residentRef: string
  operatorCode: string
  walletId: string
  applicant: { idNumberMasked: string }
}
/** The outbox payload of an unbind: the wire `UnbindPayload` plus what the receipt shows. */
export interface UnbindOutboxPayload {
  residentRef: string
  bindingId: string
  applicant: { idNumberMasked: string }
  binding: { operatorCode: string; walletIdLast4: string }
}
export type FundPayload = BindOutboxPayload | UnbindOutboxPayload

export interface FundServiceDeps {
  sessions: SessionManager
  identity: IdentityService
  central: CentralCaller
  data: TerminalData | null
  sync: SyncEngine | null
  audit: AuditTrail
  printables: Printables
  config: { terminalId: string; hallName: string }
  clock: () => Date
  log: Logger
  /** How long bind/unbind wait for the centre's answer (tests shorten it). */
  answerWaitMs?: number
}

/** A fund method's answer. */
export type Out<T> = Promise<Result<T>>

/** The fund's shared helpers, built once per service. */
export type FundContext = ReturnType<typeof createFundContext>

/** Builds the helpers the fund's parts share. */
export function createFundContext(deps: FundServiceDeps) {
  const { central, identity } = deps

  const resident = (session: ActiveSession): VerifiedResidentRecord | null =>
    identity.currentResident(session.id)

  function operators(): WalletOperatorView[] {
    const data = deps.data
    if (!data) return []
    return enabledWalletOperators(data.store).map((item) => ({
      code: item.data.code,
      name: { zh: item.data.name, en: item.data.nameEn },
      notes: item.data.notes ?? null,
    }))
  }

  function operatorName(code: string): BilingualText {
    const data = deps.data
    const item = data
      ? readReferenceItems(data.store, 'walletOperator').find((i) => i.data.code === code)
      : undefined
    return item ? { zh: item.data.name, en: item.data.nameEn } : { zh: code, en: code }
  }

  function typeLabels(): Map<string, BilingualText> {
    const data = deps.data
    const labels = new Map<string, BilingualText>()
    if (!data) return labels
    for (const item of readReferenceItems(data.store, 'businessType')) {
      if (item.data.domain === 'fund') labels.set(item.data.code, item.data.label)
    }
    return labels
  }

  // -- Facts ---------------------------------------------------------------------------------

  /**
   * This resident's applications still waiting in the outbox, of the outbox kinds `isKind`
   * accepts (default: bind and unbind).
   */
  function queuedFor(
    residentRef: string,
    isKind: (kind: string) => boolean = (kind) =>
      kind === FUND_OUTBOX_KINDS.bind || kind === FUND_OUTBOX_KINDS.unbind,
  ): OutboxItem[] {
    const data = deps.data
    if (!data) return []
    return data.outbox
      .pending(100_000)
      .filter(
        (item) =>
          isKind(item.kind) &&
          (item.payload as { residentRef?: unknown } | null)?.residentRef === residentRef,
      )
  }

  /** Account and bindings from the centre (both resident-scoped). */
  async function centreFacts(r: VerifiedResidentRecord) {
    const opts = { residentToken: r.residentToken }
    const [account, bindings] = await Promise.all([
      central.call('fundAccount', {}, opts),
      central.call('fundWalletBindings', {}, opts),
    ])
    if (!account.ok) return { ok: false as const, failure: account }
    if (!bindings.ok) return { ok: false as const, failure: bindings }
    return { ok: true as const, account: account.value.account, bindings: bindings.value.bindings }
  }

  function factsOf(
    account: { status: FundFacts['accountStatus'] } | null,
    bindings: readonly WalletBinding[],
    queued: readonly OutboxItem[],
  ): FundFacts {
    return {
      accountStatus: account?.status ?? null,
      bindingStates: bindings.map((b) => b.state),
      queued: {
        bind: queued.filter((i) => i.kind === FUND_OUTBOX_KINDS.bind).length,
        unbind: queued.filter((i) => i.kind === FUND_OUTBOX_KINDS.unbind).length,
      },
    }
  }

  return {
    deps,
    resident,
    operators,
    operatorName,
    typeLabels,
    queuedFor,
    centreFacts,
    factsOf,
  }
}
