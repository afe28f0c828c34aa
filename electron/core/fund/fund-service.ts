/**
 * The fund services (issue 6): bind / unbind through the outbox, balance and records from the
 * centre, a printed statement, and the application status lookup.
 *
 * Privacy (RELIABILITY-SECURITY.md promise 4): balance and records are fetched per call and never
 * stored. What the outbox keeps on disk is what the centre needs to apply the application — the
 * resident's pseudonym (`residentRef`), the operator and, for bind, the wallet id (masked to its
 * last 4 once the centre answered: store/answered-payload.ts) — plus the
 * applicant's masked ID number (first 6 + last 4), which lets the status lookup check the last 4
 * before the centre has answered. No name, full ID number or phone goes to disk.
 *
 * Acknowledgement (promise 1): the answer of `bind` / `unbind` exists only after
 * `outbox.enqueue` resolved, so "已受理" on screen always means durable. The centre's number comes
 * later; the resident gets the terminal's own number (`Q…`) at once, and it keeps working after
 * the centre answered because the outbox item (found by its key, `fund-Q…`) records the centre's
 * number (see {@link FundService.applicationStatus}).
 */
import { randomBytes } from 'node:crypto'
import {
  fail,
  ok,
  type ApplicationView,
  type BilingualText,
  type BindingView,
  type ConfirmPurpose,
  type ErrorCode,
  type FundAccountView,
  type FundBindingState,
  type FundRecordView,
  type MethodOutput,
  type Result,
  type SubmissionResult,
  type WalletOperatorView,
} from '../../../shared/api'
import type {
  ApplicationRejectionCode,
  FundBusinessType,
  WalletBinding,
  WalletBindingState,
} from '../../../shared/central'
import {
  bindNotices,
  bindRefusal,
  chinaToday,
  idempotencyKeyOf,
  isLocalApplicationNo,
  newLocalApplicationNo,
  unbindRefusal,
  type FundFacts,
} from '../../../shared/domain/fund'
import { createLookupLimiter } from '../../../shared/domain/lookup-limit'
import { maskAccountNo, maskIdNumber, maskName } from '../../../shared/domain/masking'
import { chineseCapitalAmount, formatFen } from '../../../shared/domain/money'
import type { A4DocumentInput, ReceiptInput } from '../../../shared/receipt'
import type { AuditTrail, TerminalData } from '../data/terminal-data'
import type { CentralCaller, CentralFailure } from '../identity/central-caller'
import { isUnreachable } from '../identity/central-caller'
import type { VerifiedResidentRecord } from '../identity/identity'
import type { IdentityService } from '../identity/identity'
import { mapCentralFailure, SMS_RULES } from '../identity/rules'
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
interface BindOutboxPayload {
  residentRef: string
  operatorCode: string
  walletId: string
  applicant: { idNumberMasked: string }
}
/** The outbox payload of an unbind: the wire `UnbindPayload` plus what the receipt shows. */
interface UnbindOutboxPayload {
  residentRef: string
  bindingId: string
  applicant: { idNumberMasked: string }
  binding: { operatorCode: string; walletIdLast4: string }
}
type FundPayload = BindOutboxPayload | UnbindOutboxPayload

interface Confirmation {
  sessionId: string
  sentFor: ConfirmPurpose | null
  resendAt: number
  expiresAt: number
  /** Set by a correct code: one submission of this purpose until `until`. */
  confirmed: { purpose: ConfirmPurpose; until: number } | null
}

export interface FundServiceDeps {
  sessions: SessionManager
  identity: IdentityService
  central: CentralCaller
  data: () => TerminalData | null
  sync: () => SyncEngine | null
  audit: AuditTrail
  printables: Printables
  config: { terminalId: string; hallName: string }
  clock: () => Date
  log: Logger
  /** How long bind/unbind wait for the centre's answer (tests shorten it). */
  answerWaitMs?: number
}

type Out<T> = Promise<Result<T>>

export interface FundService {
  walletOperators(): WalletOperatorView[]
  bindingState(session: ActiveSession): Out<FundBindingState>
  confirmSend(
    session: ActiveSession,
    purpose: ConfirmPurpose,
  ): Out<MethodOutput<'fund.confirmSend'>>
  confirmVerify(
    session: ActiveSession,
    purpose: ConfirmPurpose,
    code: string,
  ): Out<{ confirmed: true }>
  bind(
    session: ActiveSession,
    input: { operatorCode: string; walletId: string },
  ): Out<SubmissionResult>
  unbind(session: ActiveSession, input: { bindingId: string }): Out<SubmissionResult>
  /**
   * Finds an application by the terminal's number (`Q…`: the outbox item, then the centre's
   * status under the number the centre gave it) or by the centre's number (asked directly), and
   * answers only when the last 4 ID characters match.
   */
  applicationStatus(number: string, idLast4: string): Out<ApplicationView>
  account(session: ActiveSession): Out<FundAccountView>
  records(
    session: ActiveSession,
    query: {
      from: string
      to: string
      businessType?: FundBusinessType | undefined
      page: number
      pageSize: number
    },
  ): Out<MethodOutput<'fund.records'>>
  statement(
    session: ActiveSession,
    filter: { from: string; to: string; businessType?: FundBusinessType | undefined },
  ): Out<{ printableId: string; rows: number }>
  /** Drops the confirmation state and unregisters from the session manager. */
  dispose(): void
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000))
const ACTIVE_BINDING: readonly WalletBindingState[] = ['bound', 'pending', 'unbinding']

/** Maps a failed resident-scoped call of the centre onto the API's codes. */
function centralError(failure: CentralFailure): { code: ErrorCode; detail?: string } {
  if (isUnreachable(failure)) return { code: 'CENTRAL_UNREACHABLE', detail: failure.error.code }
  if (failure.error.code === 'RESIDENT_TOKEN_INVALID') return { code: 'NOT_SIGNED_IN' }
  if (failure.error.code === 'NO_FUND_ACCOUNT')
    return { code: 'FUND_REFUSED', detail: 'NO_FUND_ACCOUNT' }
  return { code: 'CENTRAL_REJECTED', detail: failure.error.code }
}

function failWith<T>(e: { code: ErrorCode; detail?: string }): Result<T> {
  return fail(e.code, e.detail)
}

/** Creates the fund service and registers its wipe with the session manager. */
export function createFundService(deps: FundServiceDeps): FundService {
  const { central, identity, clock, log } = deps
  const answerWaitMs = deps.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS
  let confirmation: Confirmation | null = null
  // Lookups this terminal answers from its own outbox never reach the centre's limit.
  const localLookups = createLookupLimiter()
  const unregister = deps.sessions.onEnd(() => {
    confirmation = null
  })

  const resident = (session: ActiveSession): VerifiedResidentRecord | null =>
    identity.currentResident(session.id)

  // -- Reference data ------------------------------------------------------------------------

  function operators(): WalletOperatorView[] {
    const data = deps.data()
    if (!data) return []
    return enabledWalletOperators(data.store).map((item) => ({
      code: item.data.code,
      name: { zh: item.data.name, en: item.data.nameEn },
      notes: item.data.notes ?? null,
    }))
  }

  function operatorName(code: string): BilingualText {
    const data = deps.data()
    const item = data
      ? readReferenceItems(data.store, 'walletOperator').find((i) => i.data.code === code)
      : undefined
    return item ? { zh: item.data.name, en: item.data.nameEn } : { zh: code, en: code }
  }

  function typeLabels(): Map<string, BilingualText> {
    const data = deps.data()
    const labels = new Map<string, BilingualText>()
    if (!data) return labels
    for (const item of readReferenceItems(data.store, 'businessType')) {
      if (item.data.domain === 'fund') labels.set(item.data.code, item.data.label)
    }
    return labels
  }

  // -- Facts ---------------------------------------------------------------------------------

  /** This resident's fund applications still waiting in the outbox. */
  function queuedFor(residentRef: string): OutboxItem[] {
    const data = deps.data()
    if (!data) return []
    return data.outbox
      .pending(100_000)
      .filter(
        (item) =>
          (item.kind === FUND_OUTBOX_KINDS.bind || item.kind === FUND_OUTBOX_KINDS.unbind) &&
          (item.payload as Partial<FundPayload> | null)?.residentRef === residentRef,
      )
  }

  function bindingView(b: WalletBinding): BindingView {
    return {
      bindingId: b.bindingId,
      operatorCode: b.operatorCode,
      operatorName: operatorName(b.operatorCode),
      walletIdMasked: maskAccountNo('************' + b.walletIdLast4),
      walletClass: b.walletClass,
      state: b.state,
      since: b.updatedAt,
    }
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

  async function bindingState(session: ActiveSession): Out<FundBindingState> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const facts = await centreFacts(r)
    if (!facts.ok) return failWith(centralError(facts.failure))
    const queued = queuedFor(r.identity.residentRef)
    const f = factsOf(facts.account, facts.bindings, queued)
    const current = facts.bindings.find((b) => ACTIVE_BINDING.includes(b.state))
    const waiting = queued[0]
    return ok({
      account: facts.account
        ? {
            status: facts.account.status,
            accountNoMasked: maskAccountNo(facts.account.accountNo),
            employerName: facts.account.employerName,
          }
        : null,
      current: current ? bindingView(current) : null,
      bindRefusal: bindRefusal(f),
      unbindRefusal: unbindRefusal(f),
      notices: bindNotices(f.accountStatus),
      queued: waiting
        ? {
            kind: waiting.kind === FUND_OUTBOX_KINDS.bind ? 'bind' : 'unbind',
            localNo: waiting.idempotencyKey.replace(/^fund-/, ''),
          }
        : null,
    })
  }

  // -- Fresh SMS confirmation ----------------------------------------------------------------

  function confirmationFor(session: ActiveSession): Confirmation {
    if (confirmation?.sessionId !== session.id) {
      confirmation = {
        sessionId: session.id,
        sentFor: null,
        resendAt: 0,
        expiresAt: 0,
        confirmed: null,
      }
    }
    return confirmation
  }

  async function confirmSend(session: ActiveSession, purpose: ConfirmPurpose) {
    const r = resident(session)
    if (!r) return fail<MethodOutput<'fund.confirmSend'>>('NOT_SIGNED_IN')
    const c = confirmationFor(session)
    const now = clock().getTime()
    if (c.sentFor !== null && now < c.resendAt) {
      return fail<MethodOutput<'fund.confirmSend'>>(
        'SMS_RESEND_TOO_SOON',
        `retryAfterSeconds=${seconds(c.resendAt - now)}`,
      )
    }
    const answer = await central.call('identitySmsSend', { idNumber: r.identity.idNumber })
    if (!answer.ok) {
      const mapped = mapCentralFailure(answer)
      return fail<MethodOutput<'fund.confirmSend'>>(mapped.code, mapped.detail)
    }
    const sentAt = clock().getTime()
    c.sentFor = purpose
    c.confirmed = null
    c.expiresAt = sentAt + answer.value.expiresInSeconds * 1000
    c.resendAt = sentAt + answer.value.resendAfterSeconds * 1000
    return ok({
      phoneMasked: r.identity.maskedPhone,
      expiresInSeconds: answer.value.expiresInSeconds,
      resendInSeconds: answer.value.resendAfterSeconds,
      codeLength: SMS_RULES.codeLength,
    })
  }

  async function confirmVerify(session: ActiveSession, purpose: ConfirmPurpose, code: string) {
    const r = resident(session)
    if (!r) return fail<{ confirmed: true }>('NOT_SIGNED_IN')
    const c = confirmationFor(session)
    if (c.sentFor !== purpose) return fail<{ confirmed: true }>('SMS_NOT_SENT')
    if (clock().getTime() >= c.expiresAt) return fail<{ confirmed: true }>('SMS_CODE_EXPIRED')
    const answer = await central.call('identitySmsVerify', { idNumber: r.identity.idNumber, code })
    // The fresh confirmation is an identity step too: its wrong and void codes are audited.
    const confirmAudit = (outcome: string, detail: Record<string, string | number> = {}) =>
      void deps.audit.record({
        action: 'identity.confirm',
        subject: maskIdNumber(r.identity.idNumber),
        outcome,
        detail: { purpose, ...detail },
      })
    if (!answer.ok) {
      const mapped = mapCentralFailure(answer)
      if (mapped.code === 'SMS_CODE_WRONG' && (answer.error.attemptsLeft ?? 1) <= 0) {
        confirmAudit('failed', { code: 'SMS_CODE_VOID' })
        return fail<{ confirmed: true }>('SMS_CODE_VOID')
      }
      if (mapped.code.startsWith('SMS_')) confirmAudit('failed', { code: mapped.code })
      return fail<{ confirmed: true }>(mapped.code, mapped.detail)
    }
    if (answer.value.identity.idNumber.toUpperCase() !== r.identity.idNumber.toUpperCase()) {
      log.error('fund.confirm_other_resident', {})
      return fail<{ confirmed: true }>('INTERNAL', 'identity')
    }
    // The code was used: the centre lifts the resend wait, and so do we.
    c.sentFor = null
    c.resendAt = 0
    c.confirmed = { purpose, until: clock().getTime() + CONFIRMATION_VALID_MS }
    confirmAudit('ok')
    return ok({ confirmed: true as const })
  }

  function takeConfirmation(session: ActiveSession, purpose: ConfirmPurpose): boolean {
    const c = confirmation
    return (
      c?.sessionId === session.id &&
      c.confirmed?.purpose === purpose &&
      clock().getTime() < c.confirmed.until
    )
  }

  // -- Submission ----------------------------------------------------------------------------

  /** Pushes now and waits up to `answerWaitMs` for the centre's answer to `key`. */
  async function awaitAnswer(key: string): Promise<OutboxItem | undefined> {
    const data = deps.data()
    const deadline = clock().getTime() + answerWaitMs
    const answered = () => {
      const item = data?.outbox.get(key)
      return item && item.state !== 'queued' && item.state !== 'sent' ? item : undefined
    }
    while (clock().getTime() < deadline) {
      const sync = deps.sync()
      if (!sync) break
      const left = Math.max(0, deadline - clock().getTime())
      let timer: ReturnType<typeof setTimeout> | undefined
      const report = await Promise.race([
        sync.pushNow(),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left))),
      ])
      clearTimeout(timer)
      if (answered()) break
      // The centre cannot be reached (or the engine is backing off): no point in waiting.
      if (report === null || report.outcome !== 'drained') break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return data?.outbox.get(key)
  }

  /** The binding this application concerns, as the centre knows it now (null when unknown). */
  async function bindingNow(
    r: VerifiedResidentRecord | null,
    find: (b: WalletBinding) => boolean,
  ): Promise<WalletBinding | null> {
    if (!r) return null
    const answer = await central.call('fundWalletBindings', {}, { residentToken: r.residentToken })
    return answer.ok ? (answer.value.bindings.find(find) ?? null) : null
  }

  /** The resident-facing view of an outbox item (and the binding when the centre told it). */
  function viewOfItem(item: OutboxItem, known: WalletBinding | null): ApplicationView {
    const bind = item.kind === FUND_OUTBOX_KINDS.bind
    const payload = item.payload as FundPayload
    const result = (item.result ?? {}) as {
      outcome?: string
      code?: string
      notices?: string[]
    }
    const status: ApplicationView['status'] =
      item.state === 'accepted'
        ? 'accepted'
        : item.state === 'queued' || item.state === 'sent'
          ? 'waiting'
          : 'rejected'
    const operatorCode = bind
      ? (payload as BindOutboxPayload).operatorCode
      : (payload as UnbindOutboxPayload).binding.operatorCode
    const last4 = bind
      ? (payload as BindOutboxPayload).walletId.slice(-4)
      : (payload as UnbindOutboxPayload).binding.walletIdLast4
    const assumed: WalletBindingState =
      status === 'waiting'
        ? bind
          ? 'pending'
          : 'unbinding'
        : status === 'accepted'
          ? bind
            ? 'bound'
            : 'unbound'
          : bind
            ? 'rejected'
            : 'bound'
    return {
      localNo: item.idempotencyKey.replace(/^fund-/, ''),
      applicationNo: item.applicationNo,
      kind: bind ? 'bind' : 'unbind',
      status,
      rejection: status === 'rejected' ? (result.code ?? 'UNKNOWN') : null,
      notices: result.notices ?? [],
      binding: {
        state: known?.state ?? assumed,
        operatorCode,
        operatorName: operatorName(operatorCode),
        walletIdMasked: maskAccountNo('************' + last4),
      },
      createdAt: new Date(item.createdAt).toISOString(),
      decidedAt: status === 'waiting' ? null : new Date(item.updatedAt).toISOString(),
    }
  }

  function receiptOf(
    r: VerifiedResidentRecord,
    view: ApplicationView,
    service: 'fund.bind' | 'fund.unbind',
  ): ReceiptInput {
    const outcome =
      view.status === 'waiting' ? 'queued' : view.status === 'rejected' ? 'rejected' : 'accepted'
    const bind = service === 'fund.bind'
    const note =
      view.status === 'waiting'
        ? '已受理，待中心确认。网络恢复后自动上送，不会重复办理。'
        : view.status === 'rejected'
          ? `未通过：${REJECTION_WORDS[view.rejection as ApplicationRejectionCode] ?? view.rejection ?? ''}`
          : bind
            ? view.binding?.state === 'pending'
              ? '中心已受理，绑定生效后提取资金可到账该钱包。'
              : '绑定成功，提取资金可直接到账该钱包。'
            : view.binding?.state === 'unbinding'
              ? '中心已受理，解绑一般在 1 个工作日内完成。'
              : '解绑成功，提取资金不再到账该钱包。'
    const lines: { label: string; value: string }[] = [
      { label: '受理编号', value: view.localNo ?? '-' },
    ]
    if (view.binding) {
      lines.push({ label: '钱包运营机构', value: view.binding.operatorName.zh })
      lines.push({ label: '钱包编号', value: view.binding.walletIdMasked })
    }
    if (view.notices.includes('ACCOUNT_SEALED')) {
      lines.push({ label: '提示', value: '公积金账户处于封存状态' })
    }
    const number = view.applicationNo ?? view.localNo ?? ''
    return {
      terminalId: deps.config.terminalId,
      hall: deps.config.hallName,
      issuedAt: clock().toISOString(),
      service,
      title: bind ? '公积金绑定数字钱包' : '公积金解绑数字钱包',
      holder: { name: maskName(r.identity.name), idNumber: maskIdNumber(r.identity.idNumber) },
      outcome,
      outcomeNote: note,
      reference: { kind: 'application', number },
      qrPayload: `GJJ-APP:${view.localNo ?? number}`,
      lines,
      footer: '凭受理编号和身份证号后四位，可在本终端“办理进度查询”查看结果。服务热线 12329',
    }
  }

  async function submit(
    session: ActiveSession,
    r: VerifiedResidentRecord,
    kind: ConfirmPurpose,
    payload: FundPayload,
  ): Out<SubmissionResult> {
    const data = deps.data()
    if (!data) return fail('STORE_WRITE_FAILED', 'no_store')
    const localNo = newLocalApplicationNo((n) => randomBytes(n))
    const key = idempotencyKeyOf(localNo)
    try {
      await data.outbox.enqueue({
        kind: FUND_OUTBOX_KINDS[kind],
        idempotencyKey: key,
        payload,
        createdAt: clock().getTime(),
      })
    } catch (err) {
      log.error('fund.enqueue_failed', { kind, code: (err as { code?: string }).code ?? 'unknown' })
      return fail('STORE_WRITE_FAILED')
    }
    // Durable from here on: the confirmation is spent, and the screen may say "已受理".
    confirmation = confirmation ? { ...confirmation, confirmed: null } : null
    const service = FUND_OUTBOX_KINDS[kind]
    void deps.audit.record({
      action: `${service}.submit`,
      subject: maskIdNumber(r.identity.idNumber),
      outcome: 'queued',
      detail: { localNo },
    })
    const item = (await awaitAnswer(key)) ?? data.outbox.get(key)
    if (!item) return fail('INTERNAL', 'outbox_item_missing')
    let known: WalletBinding | null = null
    if (item.state === 'accepted' && resident(session)) {
      known = await bindingNow(r, (b) =>
        kind === 'bind'
          ? b.applicationNo === item.applicationNo
          : b.bindingId === (payload as UnbindOutboxPayload).bindingId,
      )
    }
    const view = viewOfItem(item, known)
    if (view.status !== 'waiting') {
      void deps.audit.record({
        action: `${service}.answer`,
        subject: maskIdNumber(r.identity.idNumber),
        outcome: view.status,
        detail: { localNo, applicationNo: view.applicationNo, code: view.rejection },
      })
    }
    const printableId = deps.printables.add(session.id, {
      kind: 'receipt',
      receipt: receiptOf(r, view, service),
    })
    return ok({ application: view, printableId })
  }

  async function bind(
    session: ActiveSession,
    input: { operatorCode: string; walletId: string },
  ): Out<SubmissionResult> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    if (!takeConfirmation(session, 'bind')) return fail('CONFIRMATION_REQUIRED')
    if (!operators().some((o) => o.code === input.operatorCode)) {
      return fail('FUND_REFUSED', 'OPERATOR_NOT_PARTNER')
    }
    const queued = queuedFor(r.identity.residentRef)
    // The centre checks again when it applies the item; if it cannot be reached now, the
    // application still goes into the outbox (offline submission) with the local checks only.
    const facts = await centreFacts(r)
    const refusal = facts.ok
      ? bindRefusal(factsOf(facts.account, facts.bindings, queued))
      : queued.length > 0
        ? 'APPLICATION_IN_FLIGHT'
        : null
    if (!facts.ok && !isUnreachable(facts.failure)) return failWith(centralError(facts.failure))
    if (refusal) return fail('FUND_REFUSED', refusal)
    return submit(session, r, 'bind', {
      residentRef: r.identity.residentRef,
      operatorCode: input.operatorCode,
      walletId: input.walletId,
      applicant: { idNumberMasked: maskIdNumber(r.identity.idNumber) },
    })
  }

  async function unbind(
    session: ActiveSession,
    input: { bindingId: string },
  ): Out<SubmissionResult> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    if (!takeConfirmation(session, 'unbind')) return fail('CONFIRMATION_REQUIRED')
    const queued = queuedFor(r.identity.residentRef)
    if (queued.length > 0) return fail('FUND_REFUSED', 'APPLICATION_IN_FLIGHT')
    // Unbind needs the binding's operator and last 4 for the receipt: the centre must answer.
    const facts = await centreFacts(r)
    if (!facts.ok) return failWith(centralError(facts.failure))
    const refusal = unbindRefusal(factsOf(facts.account, facts.bindings, queued))
    if (refusal) return fail('FUND_REFUSED', refusal)
    const binding = facts.bindings.find((b) => b.bindingId === input.bindingId)
    if (binding?.state !== 'bound') return fail('FUND_REFUSED', 'NOT_BOUND')
    return submit(session, r, 'unbind', {
      residentRef: r.identity.residentRef,
      bindingId: binding.bindingId,
      applicant: { idNumberMasked: maskIdNumber(r.identity.idNumber) },
      binding: { operatorCode: binding.operatorCode, walletIdLast4: binding.walletIdLast4 },
    })
  }

  // -- Status lookup -------------------------------------------------------------------------

  async function applicationStatus(number: string, idLast4: string): Out<ApplicationView> {
    const data = deps.data()
    const notFound = () => fail<ApplicationView>('APPLICATION_NOT_FOUND')
    let item: OutboxItem | undefined
    let applicationNo: string | null = number
    if (isLocalApplicationNo(number)) {
      const allowed = localLookups.take('local', clock().getTime())
      if (!allowed.ok) {
        return fail('LOOKUP_RATE_LIMITED', `retryAfterSeconds=${allowed.retryAfterSeconds}`)
      }
      item = data?.outbox.get(idempotencyKeyOf(number))
      const masked = (item?.payload as Partial<FundPayload> | undefined)?.applicant?.idNumberMasked
      if (!item || !masked || masked.slice(-4) !== idLast4) return notFound()
      if (item.state === 'queued' || item.state === 'sent') {
        void deps.sync()?.pushNow()
        return ok(viewOfItem(item, null))
      }
      applicationNo = item.applicationNo
      if (!applicationNo) return ok(viewOfItem(item, null)) // refused before it got a number
    } else {
      const found = data?.outbox.findByApplicationNo(number)
      if (
        found &&
        (found.kind === FUND_OUTBOX_KINDS.bind || found.kind === FUND_OUTBOX_KINDS.unbind)
      ) {
        item = found
      }
    }
    const answer = await central.call('applicationStatus', { applicationNo, idLast4 })
    if (!answer.ok) {
      if (answer.status === 404) return notFound()
      if (answer.status === 429) {
        const seconds = answer.error.retryAfterSeconds ?? 60
        return fail('LOOKUP_RATE_LIMITED', `retryAfterSeconds=${seconds}`)
      }
      // The centre is away: what this terminal recorded of its answer is the best we have.
      if (item && isUnreachable(answer)) {
        const masked = (item.payload as Partial<FundPayload>).applicant?.idNumberMasked
        return masked?.slice(-4) === idLast4 ? ok(viewOfItem(item, null)) : notFound()
      }
      return failWith(centralError(answer))
    }
    const a = answer.value
    if (a.kind !== 'bind' && a.kind !== 'unbind') return notFound()
    const local = item ? viewOfItem(item, null) : null
    return ok({
      localNo: local?.localNo ?? null,
      applicationNo: a.applicationNo,
      kind: a.kind,
      status: a.status,
      rejection: a.code ?? null,
      notices: local?.notices ?? [],
      binding: a.binding
        ? {
            state: a.binding.state,
            operatorCode: a.binding.operatorCode,
            operatorName: operatorName(a.binding.operatorCode),
            walletIdMasked: maskAccountNo('************' + a.binding.walletIdLast4),
          }
        : (local?.binding ?? null),
      createdAt: a.createdAt,
      decidedAt: a.decidedAt ?? null,
    })
  }

  // -- Balance, records, statement -----------------------------------------------------------

  async function account(session: ActiveSession): Out<FundAccountView> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const answer = await central.call('fundAccount', {}, { residentToken: r.residentToken })
    if (!answer.ok) return failWith(centralError(answer))
    const a = answer.value.account
    if (!a) return fail('FUND_REFUSED', 'NO_FUND_ACCOUNT')
    // That the balance was shown, and to whom (masked); never the figures.
    void deps.audit.record({
      action: 'fund.query',
      subject: maskIdNumber(r.identity.idNumber),
      outcome: 'viewed',
      detail: { view: 'balance' },
    })
    return ok({
      accountNoMasked: maskAccountNo(a.accountNo),
      status: a.status,
      employerName: a.employerName,
      balance: a.balance,
      monthlyDeposit: {
        personal: a.monthlyDeposit.personal,
        employer: a.monthlyDeposit.employer,
        total: a.monthlyDeposit.personal + a.monthlyDeposit.employer,
      },
      depositBase: a.depositBase,
      depositRatio: a.depositRatio,
      paidUpTo: a.paidUpTo,
      frozenAmount: a.frozenAmount,
      openedDate: a.openedDate,
      dataTime: clock().toISOString(),
    })
  }

  async function recordsPage(
    r: VerifiedResidentRecord,
    query: {
      from: string
      to: string
      businessType?: FundBusinessType | undefined
      page: number
      pageSize: number
    },
    labels: Map<string, BilingualText>,
  ) {
    const answer = await central.call(
      'fundRecords',
      {
        from: query.from,
        to: query.to,
        ...(query.businessType ? { businessType: query.businessType } : {}),
        page: query.page,
        pageSize: query.pageSize,
      },
      { residentToken: r.residentToken },
    )
    if (!answer.ok) return answer
    const v = answer.value
    const items: FundRecordView[] = v.items.map((rec) => ({
      id: rec.id,
      date: rec.date,
      businessType: rec.businessType,
      typeLabel: labels.get(rec.businessType) ?? { zh: rec.businessType, en: rec.businessType },
      amount: rec.amount,
      balanceAfter: rec.balanceAfter,
    }))
    return {
      ok: true as const,
      value: { items, page: v.page, pageSize: v.pageSize, total: v.total, totals: v.totals },
    }
  }

  async function records(
    session: ActiveSession,
    query: Parameters<FundService['records']>[1],
  ): Out<MethodOutput<'fund.records'>> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const page = await recordsPage(r, query, typeLabels())
    if (!page.ok) return failWith(centralError(page))
    // Which page and filter were shown; never the rows or totals.
    void deps.audit.record({
      action: 'fund.query',
      subject: maskIdNumber(r.identity.idNumber),
      outcome: 'viewed',
      detail: {
        view: 'records',
        from: query.from,
        to: query.to,
        businessType: query.businessType ?? null,
        page: query.page,
        pageSize: query.pageSize,
      },
    })
    return ok(page.value)
  }

  async function statement(
    session: ActiveSession,
    filter: Parameters<FundService['statement']>[1],
  ): Out<{ printableId: string; rows: number }> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const labels = typeLabels()
    const rows: FundRecordView[] = []
    let totals: { credit: number; debit: number; net: number } | undefined
    for (let page = 1; ; page++) {
      const answer = await recordsPage(r, { ...filter, page, pageSize: 100 }, labels)
      if (!answer.ok) return failWith(centralError(answer))
      if (answer.value.total > STATEMENT_MAX_ROWS) return fail('FUND_REFUSED', 'TOO_MANY_RECORDS')
      rows.push(...answer.value.items)
      totals = answer.value.totals
      if (rows.length >= answer.value.total || answer.value.items.length === 0) break
    }
    if (!totals) return fail('INTERNAL', 'no_records_page')
    const documentNo = `ST${chinaToday(clock()).replaceAll('-', '')}${newLocalApplicationNo((n) => randomBytes(n)).slice(1, 7)}`
    const verificationCode = newLocalApplicationNo((n) => randomBytes(n)).slice(1, 9)
    const typeNote = filter.businessType
      ? `业务类型：${labels.get(filter.businessType)?.zh ?? filter.businessType}`
      : '业务类型：全部'
    const document: A4DocumentInput = {
      kind: 'statement',
      title: '住房公积金个人明细对账单',
      issuer: '住房公积金管理中心',
      documentNo,
      holder: { name: maskName(r.identity.name), idNumber: maskIdNumber(r.identity.idNumber) },
      period: { from: filter.from, to: filter.to },
      columns: [
        { title: '日期', kind: 'text', width: 2 },
        { title: '业务类型', kind: 'text', width: 2 },
        { title: '发生额', kind: 'money', width: 2 },
        { title: '余额', kind: 'money', width: 2 },
      ],
      rows: rows.map((rec) => [rec.date, rec.typeLabel.zh, rec.amount, rec.balanceAfter]),
      totals: [
        { label: '发生额合计（净额）', fen: totals.net },
        { label: '收入合计', fen: totals.credit },
        { label: '支出合计', fen: -totals.debit },
      ],
      capitalAmount: chineseCapitalAmount(totals.net),
      verificationCode,
      qrPayload: `GJJ-STMT:${documentNo}:${verificationCode}`,
      issuedAt: clock().toISOString(),
      terminalId: deps.config.terminalId,
      hall: deps.config.hallName,
      notes: [
        typeNote,
        `共 ${rows.length} 笔；收入 ${formatFen(totals.credit)}，支出 ${formatFen(totals.debit)}。`,
        '本对账单由自助终端打印，账户号已脱敏，仅供个人核对使用。',
      ],
    }
    const printableId = deps.printables.add(session.id, { kind: 'document', document })
    void deps.audit.record({
      action: 'fund.statement',
      subject: maskIdNumber(r.identity.idNumber),
      outcome: 'ok',
      detail: { rows: rows.length },
    })
    return ok({ printableId, rows: rows.length })
  }

  return {
    walletOperators: operators,
    bindingState,
    confirmSend,
    confirmVerify,
    bind,
    unbind,
    applicationStatus,
    account,
    records,
    statement,
    dispose() {
      confirmation = null
      unregister()
    },
  }
}

/** Rejection reasons as printed on receipts (Chinese; the screen words come from i18n). */
export const REJECTION_WORDS: Partial<Record<ApplicationRejectionCode, string>> = {
  NO_FUND_ACCOUNT: '没有公积金账户',
  ACCOUNT_CLOSED: '公积金账户已销户',
  ACCOUNT_FROZEN: '公积金账户已冻结',
  OPERATOR_NOT_PARTNER: '该钱包运营机构不是合作机构',
  WALLET_NOT_FOUND: '未找到该钱包，请核对钱包编号和运营机构',
  WALLET_CLASS_NOT_ALLOWED: '四类（匿名）钱包不能绑定',
  WALLET_HOLDER_MISMATCH: '钱包户名与身份证姓名不一致',
  ALREADY_BOUND: '已绑定其他钱包，请先解绑',
  APPLICATION_IN_FLIGHT: '已有业务正在办理',
  NOT_BOUND: '没有已绑定的钱包',
}
