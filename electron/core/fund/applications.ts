/**
 * Fund applications: the binding state and what the rules allow, bind / unbind through the outbox,
 * and the application status lookup.
 *
 * Acknowledgement (nothing is confirmed before it is durable): the answer of `bind` / `unbind`
 * exists only after `outbox.enqueue` resolved, so "已受理" on screen always means durable. The
 * centre's number comes later; the resident gets the terminal's own number (`Q…`) at once, and it
 * keeps working after the centre answered because the outbox item (found by its key, `fund-Q…`)
 * records the centre's number.
 */
import {
  fail,
  ok,
  type ApplicationView,
  type FundBindingState,
  type SubmissionResult,
} from '../../../shared/api'
import type {
  CentralResponse,
  WalletBinding,
  WalletBindingState,
  WithdrawalPayout,
} from '../../../shared/central'
import {
  bindNotices,
  bindRefusal,
  idempotencyKeyOf,
  isLocalApplicationNo,
  unbindRefusal,
} from '../../../shared/domain/fund'
import { createLookupLimiter } from '../../../shared/domain/lookup-limit'
import { maskAccountNo, maskIdNumber } from '../../../shared/domain/masking'
import { failFromCentral, isUnreachable } from '../central'
import type { VerifiedResidentRecord } from '../identity/identity'
import type { ActiveSession } from '../session/session'
import type { OutboxItem } from '../store'
import { bindingView, viewOfItem } from './application-view'
import { auditAnswer, queueApplication } from './enqueue'
import type { createFundConfirmation } from './confirmation'
import {
  FUND_OUTBOX_KINDS,
  type FundContext,
  type FundPayload,
  type Out,
  type UnbindOutboxPayload,
} from './context'
import { receiptOf } from './documents'
import { withdrawalKindOf, withdrawalViewOfItem } from './withdrawal-view'

/** How long bind/unbind wait for the centre's answer before saying "waiting for confirmation". */
export const DEFAULT_ANSWER_WAIT_MS = 4_000

/** The kinds a fund status lookup answers for. */
const FUND_VIEW_KINDS: readonly ApplicationView['kind'][] = [
  'bind',
  'unbind',
  'withdrawRent',
  'rentPlanChange',
  'withdrawRetire',
]

const ACTIVE_BINDING: readonly WalletBindingState[] = ['bound', 'pending', 'unbinding']

/** The applications part of the fund service. */
export function createFundApplications(
  ctx: FundContext,
  confirmation: ReturnType<typeof createFundConfirmation>,
) {
  const { deps, resident, operators, operatorName, queuedFor, centreFacts, factsOf } = ctx
  const { central, clock } = deps
  const answerWaitMs = deps.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS
  // Lookups this terminal answers from its own outbox never reach the centre's limit.
  const localLookups = createLookupLimiter()

  async function bindingState(session: ActiveSession): Out<FundBindingState> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const facts = await centreFacts(r)
    if (!facts.ok) return failFromCentral(facts.failure)
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
      current: current ? bindingView(current, operatorName) : null,
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

  // -- Submission ----------------------------------------------------------------------------

  /** The binding this application concerns, as the centre knows it now (null when unknown). */
  async function bindingNow(
    r: VerifiedResidentRecord | null,
    find: (b: WalletBinding) => boolean,
  ): Promise<WalletBinding | null> {
    if (!r) return null
    const answer = await central.call('fundWalletBindings', {}, { residentToken: r.residentToken })
    return answer.ok ? (answer.value.bindings.find(find) ?? null) : null
  }

  async function submit(
    session: ActiveSession,
    r: VerifiedResidentRecord,
    kind: 'bind' | 'unbind',
    payload: FundPayload,
  ): Out<SubmissionResult> {
    const service = FUND_OUTBOX_KINDS[kind]
    const queued = await queueApplication(
      { ...deps, sync: deps.sync ?? null, answerWaitMs },
      { service, payload, idNumber: r.identity.idNumber, spend: confirmation.spend },
    )
    if (!queued.ok) return queued
    const { localNo, item } = queued.value
    let known: WalletBinding | null = null
    if (item.state === 'accepted' && resident(session)) {
      known = await bindingNow(r, (b) =>
        kind === 'bind'
          ? b.applicationNo === item.applicationNo
          : b.bindingId === (payload as UnbindOutboxPayload).bindingId,
      )
    }
    const view = viewOfItem(item, known, operatorName)
    auditAnswer(deps.audit, service, r.identity.idNumber, localNo, view)
    const printableId = deps.printables.add(session.id, {
      kind: 'receipt',
      receipt: receiptOf(deps.config, clock(), r, view, service),
    })
    return ok({ application: view, printableId })
  }

  async function bind(
    session: ActiveSession,
    input: { operatorCode: string; walletId: string },
  ): Out<SubmissionResult> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    if (!confirmation.take(session, 'bind')) return fail('CONFIRMATION_REQUIRED')
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
    if (!facts.ok && !isUnreachable(facts.failure)) return failFromCentral(facts.failure)
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
    if (!confirmation.take(session, 'unbind')) return fail('CONFIRMATION_REQUIRED')
    const queued = queuedFor(r.identity.residentRef)
    if (queued.length > 0) return fail('FUND_REFUSED', 'APPLICATION_IN_FLIGHT')
    // Unbind needs the binding's operator and last 4 for the receipt: the centre must answer.
    const facts = await centreFacts(r)
    if (!facts.ok) return failFromCentral(facts.failure)
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

  /** A feedback ticket as the lookup answers it: received (已受理) or answered (已答复). */
  function feedbackView(a: CentralResponse<'applicationStatus'>): ApplicationView {
    return {
      localNo: null,
      applicationNo: a.applicationNo,
      kind: 'feedback',
      status: a.repliedAt ? 'replied' : a.status === 'rejected' ? 'rejected' : 'accepted',
      rejection: a.code ?? null,
      notices: [],
      binding: null,
      createdAt: a.createdAt,
      decidedAt: a.repliedAt ?? null,
    }
  }

  /**
   * Finds an application by the terminal's number (`Q…`: the outbox item, then the centre's
   * status under the number the centre gave it) or by the centre's number (asked directly), and
   * answers only when the last 4 ID characters match.
   */
  async function applicationStatus(number: string, idLast4: string): Out<ApplicationView> {
    const data = deps.data
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
        void deps.sync?.pushNow()
        return ok(anyViewOf(item))
      }
      applicationNo = item.applicationNo
      if (!applicationNo) return ok(anyViewOf(item)) // refused before it got a number
    } else {
      const found = data?.outbox.findByApplicationNo(number)
      if (
        found &&
        (found.kind === FUND_OUTBOX_KINDS.bind ||
          found.kind === FUND_OUTBOX_KINDS.unbind ||
          withdrawalKindOf(found.kind))
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
        return masked?.slice(-4) === idLast4 ? ok(anyViewOf(item)) : notFound()
      }
      return failFromCentral(answer)
    }
    const a = answer.value
    if (a.kind === 'feedback') return ok(feedbackView(a))
    const kind = FUND_VIEW_KINDS.find((k) => k === a.kind)
    if (!kind) return notFound()
    const local = item ? anyViewOf(item) : null
    return ok({
      ...(local?.withdrawal ? { withdrawal: local.withdrawal } : {}),
      ...(a.payout ? { payout: payoutView(a.payout) } : {}),
      localNo: local?.localNo ?? null,
      applicationNo: a.applicationNo,
      kind,
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

  /** The view of any fund outbox item: a withdrawal's own, or a bind / unbind. */
  function anyViewOf(item: OutboxItem): ApplicationView {
    return withdrawalKindOf(item.kind)
      ? withdrawalViewOfItem(item, operatorName)
      : viewOfItem(item, null, operatorName)
  }

  /** What the centre says it paid (已到账), with the operator's name and the wallet masked. */
  function payoutView(p: WithdrawalPayout): NonNullable<ApplicationView['payout']> {
    return {
      amountFen: p.amountFen,
      operatorName: operatorName(p.operatorCode),
      walletIdMasked: maskAccountNo('************' + p.walletIdLast4),
      paidAt: p.paidAt,
      ...(p.instalments !== undefined ? { instalments: p.instalments } : {}),
    }
  }

  return { bindingState, bind, unbind, applicationStatus }
}
