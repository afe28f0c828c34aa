/**
 * Withdrawals into the bound wallet: the eligibility (asked of the centre before the wizard), and
 * rent, plan change and retirement submitted through the outbox exactly like a bind: a fresh SMS
 * confirmation of the same purpose, durable before the answer says "已受理", applied once by the
 * centre (the idempotency key), answered later when the centre is down.
 *
 * The local checks repeat the centre's where the terminal can: with the centre reachable, its
 * eligibility answer; without it, the cap from the cached reference data (`withdrawalRule:rent`)
 * and one withdrawal in the outbox at a time. The centre decides in the end.
 */
import { auditAnswer, queueApplication } from './applications'
import {
  fail,
  ok,
  type Result,
  type SubmissionResult,
  type WithdrawalEligibility,
} from '../../../shared/api'
import type { WithdrawalEligibilityResponse } from '../../../shared/central'
import { maskAccountNo, maskIdNumber } from '../../../shared/domain/masking'
import { failFromCentral, isUnreachable } from '../central'
import type { VerifiedResidentRecord } from '../identity/identity'
import type { ActiveSession } from '../session/session'
import { readReferenceItems } from '../sync'
import type { createFundConfirmation } from './confirmation'
import { DEFAULT_ANSWER_WAIT_MS, type FundContext, type Out } from './context'
import {
  WITHDRAWAL_OUTBOX_KINDS,
  withdrawalKindOf,
  withdrawalReceiptOf,
  withdrawalViewOfItem,
  type WithdrawalKind,
  type WithdrawalOutboxPayload,
} from './withdrawal-view'

type CentreAnswer =
  | { ok: true; value: WithdrawalEligibilityResponse }
  | { ok: false; unreachable: boolean; fail: ReturnType<typeof failFromCentral<never>> }

/** Where a submission stands after the common checks: refused, or ready with what it needs. */
type Started =
  | { error: Result<SubmissionResult> }
  | {
      r: VerifiedResidentRecord
      e: WithdrawalEligibilityResponse | null
      base: Pick<WithdrawalOutboxPayload, 'residentRef' | 'applicant' | 'wallet'>
    }

/** The withdrawals part of the fund service. */
export function createFundWithdrawals(
  ctx: FundContext,
  confirmation: ReturnType<typeof createFundConfirmation>,
) {
  const { deps, resident, operatorName } = ctx
  const { central, clock } = deps
  const answerWaitMs = deps.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS

  /** This resident's withdrawals still waiting in the outbox. */
  const queuedFor = (residentRef: string) =>
    ctx.queuedFor(residentRef, (kind) => withdrawalKindOf(kind) !== null)

  async function centre(r: VerifiedResidentRecord): Promise<CentreAnswer> {
    const answer = await central.call(
      'fundWithdrawalEligibility',
      {},
      { residentToken: r.residentToken },
    )
    if (answer.ok) return { ok: true, value: answer.value }
    return { ok: false, unreachable: isUnreachable(answer), fail: failFromCentral<never>(answer) }
  }

  /** The rent cap from the cached reference data, for checks while the centre is away. */
  function cachedCap(): number | null {
    const data = deps.data
    if (!data) return null
    const rule = readReferenceItems(data.store, 'withdrawalRule').find((i) => i.key === 'rent')
    return rule?.data.monthlyCapFen ?? null
  }

  async function eligibility(session: ActiveSession): Out<WithdrawalEligibility> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const answer = await centre(r)
    if (!answer.ok) return answer.fail
    const e = answer.value
    const waiting = queuedFor(r.identity.residentRef)[0]
    return ok({
      wallet: e.wallet
        ? {
            bindingId: e.wallet.bindingId,
            operatorCode: e.wallet.operatorCode,
            operatorName: operatorName(e.wallet.operatorCode),
            walletIdMasked: maskAccountNo('************' + e.wallet.walletIdLast4),
          }
        : null,
      availableFen: e.availableFen,
      rent: {
        refusals: e.rent.refusals,
        monthlyCapFen: e.rent.rule.monthlyCapFen,
        payDay: e.rent.rule.payDay,
        maxMonths: e.rent.rule.maxMonths,
        maxOnceFen: e.rent.maxOnceFen,
        plan: e.rent.plan,
      },
      retire: e.retire,
      queued: waiting ? { localNo: waiting.idempotencyKey.replace(/^fund-/, '') } : null,
    })
  }

  async function submit(
    session: ActiveSession,
    r: VerifiedResidentRecord,
    kind: WithdrawalKind,
    payload: WithdrawalOutboxPayload,
  ): Out<SubmissionResult> {
    const service = WITHDRAWAL_OUTBOX_KINDS[kind]
    const queued = await queueApplication(
      { ...deps, sync: deps.sync ?? null, answerWaitMs },
      { service, payload, idNumber: r.identity.idNumber, spend: confirmation.spend },
    )
    if (!queued.ok) return queued
    const { localNo, item } = queued.value
    const view = withdrawalViewOfItem(item, operatorName)
    auditAnswer(deps.audit, service, r.identity.idNumber, localNo, view)
    const printableId = deps.printables.add(session.id, {
      kind: 'receipt',
      receipt: withdrawalReceiptOf(deps.config, clock(), r, view),
    })
    return ok({ application: view, printableId })
  }

  /**
   * The common start of every withdrawal: signed in, confirmed for this purpose, nothing of the
   * resident's already waiting, and the centre's eligibility (null when it cannot be reached).
   */
  async function start(session: ActiveSession, kind: WithdrawalKind): Promise<Started> {
    const r = resident(session)
    if (!r) return { error: fail<SubmissionResult>('NOT_SIGNED_IN') }
    if (!confirmation.take(session, kind))
      return { error: fail<SubmissionResult>('CONFIRMATION_REQUIRED') }
    if (queuedFor(r.identity.residentRef).length > 0) {
      return { error: fail<SubmissionResult>('FUND_REFUSED', 'APPLICATION_IN_FLIGHT') }
    }
    const answer = await centre(r)
    if (!answer.ok && !answer.unreachable)
      return { error: answer.fail as Awaited<Out<SubmissionResult>> }
    const e = answer.ok ? answer.value : null
    const base = {
      residentRef: r.identity.residentRef,
      applicant: { idNumberMasked: maskIdNumber(r.identity.idNumber) },
      wallet: e?.wallet
        ? { operatorCode: e.wallet.operatorCode, walletIdLast4: e.wallet.walletIdLast4 }
        : null,
    }
    return { r, e, base }
  }

  async function withdrawRent(
    session: ActiveSession,
    input: { mode: 'once' | 'plan'; amountFen: number },
  ): Out<SubmissionResult> {
    const s = await start(session, 'withdrawRent')
    if ('error' in s) return s.error
    const { r, e, base } = s
    const refusal = e?.rent.refusals[0]
    if (refusal) return fail('FUND_REFUSED', refusal)
    const cap = e
      ? input.mode === 'once'
        ? e.rent.rule.monthlyCapFen * e.rent.rule.maxMonths
        : e.rent.rule.monthlyCapFen
      : cachedCap()
    const limit = e && input.mode === 'once' ? e.rent.maxOnceFen : null
    if (cap !== null && input.amountFen > cap) return fail('FUND_REFUSED', 'AMOUNT_ABOVE_CAP')
    if (limit !== null && input.amountFen > limit) {
      return fail(
        'FUND_REFUSED',
        input.amountFen > (e?.availableFen ?? 0) ? 'AMOUNT_ABOVE_AVAILABLE' : 'AMOUNT_ABOVE_CAP',
      )
    }
    if (e && input.amountFen > e.availableFen) return fail('FUND_REFUSED', 'AMOUNT_ABOVE_AVAILABLE')
    return submit(session, r, 'withdrawRent', {
      ...base,
      mode: input.mode,
      amountFen: input.amountFen,
      ...(input.mode === 'plan' && e ? { payDay: e.rent.rule.payDay } : {}),
    })
  }

  async function rentPlanChange(
    session: ActiveSession,
    input: { action: 'change'; amountFen: number } | { action: 'stop' },
  ): Out<SubmissionResult> {
    const s = await start(session, 'rentPlanChange')
    if ('error' in s) return s.error
    const { r, e, base } = s
    if (e && !e.rent.plan) return fail('FUND_REFUSED', 'NO_PLAN')
    const cap = e ? e.rent.rule.monthlyCapFen : cachedCap()
    if (input.action === 'change' && cap !== null && input.amountFen > cap) {
      return fail('FUND_REFUSED', 'AMOUNT_ABOVE_CAP')
    }
    return submit(session, r, 'rentPlanChange', {
      ...base,
      action: input.action,
      ...(input.action === 'change' ? { amountFen: input.amountFen } : {}),
    })
  }

  async function withdrawRetire(session: ActiveSession): Out<SubmissionResult> {
    const s = await start(session, 'withdrawRetire')
    if ('error' in s) return s.error
    const { r, e, base } = s
    const refusal = e?.retire.refusals[0]
    if (refusal) return fail('FUND_REFUSED', refusal)
    return submit(session, r, 'withdrawRetire', {
      ...base,
      ...(e ? { amountFen: e.retire.amountFen } : {}),
    })
  }

  return { eligibility, withdrawRent, rentPlanChange, withdrawRetire }
}

/** The withdrawals part's methods, as the fund service exposes them. */
export type FundWithdrawals = ReturnType<typeof createFundWithdrawals>
