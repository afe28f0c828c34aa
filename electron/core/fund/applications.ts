/**
 * Fund applications: the binding state and what the rules allow, bind / unbind through the outbox,
 * and the queueing step every fund application goes out by (withdrawals too); the status lookup is
 * `application-status.ts`.
 *
 * Acknowledgement (nothing is confirmed before it is durable): the answer of `bind` / `unbind`
 * exists only after `outbox.enqueue` resolved, so "已受理" on screen always means durable. The
 * centre's number comes later; the resident gets the terminal's own number (`Q…`) at once, and it
 * keeps working after the centre answered because the outbox item (found by its key, `fund-Q…`)
 * records the centre's number.
 */
import { randomBytes } from 'node:crypto'
import {
  fail,
  ok,
  type Result,
  type FundBindingState,
  type SubmissionResult,
} from '../../../shared/api'
import type { WalletBinding, WalletBindingState } from '../../../shared/central'
import {
  bindNotices,
  bindRefusal,
  idempotencyKeyOf,
  newLocalApplicationNo,
  unbindRefusal,
} from '../../../shared/domain/fund'
import { maskAccountNo, maskIdNumber } from '../../../shared/domain/masking'
import { failFromCentral, isUnreachable } from '../central'
import type { VerifiedResidentRecord } from '../identity/identity'
import type { AuditTrail, TerminalData } from '../data/terminal-data'
import type { Logger } from '../log'
import type { ActiveSession } from '../session/session'
import type { SyncEngine } from '../sync'
import type { OutboxItem } from '../store'
import { bindingView, viewOfItem } from './application-view'
import { createApplicationStatus } from './application-status'
import type { createFundConfirmation } from './confirmation'
import {
  FUND_OUTBOX_KINDS,
  type FundContext,
  type FundPayload,
  type Out,
  type UnbindOutboxPayload,
} from './context'
import { receiptOf } from './documents'

/** How long bind/unbind wait for the centre's answer before saying "waiting for confirmation". */
export const DEFAULT_ANSWER_WAIT_MS = 4_000

const ACTIVE_BINDING: readonly WalletBindingState[] = ['bound', 'pending', 'unbinding']

/** The applications part of the fund service. */
export function createFundApplications(
  ctx: FundContext,
  confirmation: ReturnType<typeof createFundConfirmation>,
) {
  const { deps, resident, operators, operatorName, queuedFor, centreFacts, factsOf } = ctx
  const { central, clock } = deps
  const answerWaitMs = deps.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS

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

  return {
    bindingState,
    bind,
    unbind,
    applicationStatus: createApplicationStatus(ctx).applicationStatus,
  }
}

// -- The queueing step, shared with the withdrawals -------------------------------------------
//
// The one way a fund application (bind, unbind, a withdrawal) goes out from this terminal: a new
// local number (`Q…`, printed on the receipt) and its idempotency key, the outbox item (durable:
// only now may the screen say "已受理", and the confirmation code is spent), the audit entry, then
// a short wait for the centre's answer through the sync engine (`pushAndAwait`).

export interface EnqueueDeps {
  data: TerminalData | null
  sync: SyncEngine | null
  audit: AuditTrail
  clock: () => Date
  log: Logger
  /** How long to wait for the centre before answering "waiting" (ms). */
  answerWaitMs: number
}

/** Queues, spends the confirmation, audits, and waits a little for the centre's answer. */
export async function queueApplication(
  deps: EnqueueDeps,
  application: {
    /** The outbox kind, also the audit action's stem (`fund.bind`, `fund.withdrawRent` …). */
    service: string
    payload: unknown
    /** The applicant's ID number (audited masked). */
    idNumber: string
    /** Spends the SMS confirmation once the item is durable. */
    spend: () => void
  },
): Promise<Result<{ localNo: string; item: OutboxItem }>> {
  const { data } = deps
  if (!data) return fail('STORE_WRITE_FAILED', 'no_store')
  const localNo = newLocalApplicationNo((n) => randomBytes(n))
  const key = idempotencyKeyOf(localNo)
  try {
    await data.outbox.enqueue({
      kind: application.service,
      idempotencyKey: key,
      payload: application.payload,
      createdAt: deps.clock().getTime(),
    })
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unknown'
    deps.log.error('fund.enqueue_failed', { kind: application.service, code })
    return fail('STORE_WRITE_FAILED')
  }
  application.spend()
  void deps.audit.record({
    action: `${application.service}.submit`,
    subject: maskIdNumber(application.idNumber),
    outcome: 'queued',
    detail: { localNo },
  })
  const item = (await deps.sync?.pushAndAwait(key, deps.answerWaitMs)) ?? data.outbox.get(key)
  if (!item) return fail('INTERNAL', 'outbox_item_missing')
  return ok({ localNo, item })
}

/** Audits the centre's answer to an application, once there is one (not while "waiting"). */
export function auditAnswer(
  audit: AuditTrail,
  service: string,
  idNumber: string,
  localNo: string,
  view: { status: string; applicationNo: string | null; rejection: string | null },
): void {
  if (view.status === 'waiting') return
  void audit.record({
    action: `${service}.answer`,
    subject: maskIdNumber(idNumber),
    outcome: view.status,
    detail: { localNo, applicationNo: view.applicationNo, code: view.rejection },
  })
}
