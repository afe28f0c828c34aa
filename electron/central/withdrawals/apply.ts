/**
 * Applying a withdrawal application the rules accepted: a once rent withdrawal and a retirement
 * withdrawal are paid at once (the retirement one closes the account), a plan is set up to pay from
 * its first pay day, a change or stop alters the running plan. Runs inside the applications route,
 * after idempotency and integrity, so each is applied exactly once.
 */
import { APPLICATION_PAYLOADS, type WithdrawalPayout } from '../../../shared/central'
import { chinaToday } from '../../../shared/domain/fund'
import type { CentralContext } from '../context'
import { refuse, type RuleOutcome } from '../rules'
import { availableOf, accountOf, boundBindingOf, payIntoWallet } from './ledger'
import { factsFor, rentRuleOf, runningPlanOf } from './facts'
import { checkPlanChange, checkRent, checkRetire } from './rules'
import { firstPlanMonth, stopPlan } from './schedule'

export type WithdrawalKind = 'withdrawRent' | 'rentPlanChange' | 'withdrawRetire'

export const WITHDRAWAL_KINDS: readonly WithdrawalKind[] = [
  'withdrawRent',
  'rentPlanChange',
  'withdrawRetire',
]

export interface WithdrawalApplied {
  outcome: RuleOutcome
  residentRef: string
  payout?: WithdrawalPayout
}

/** Decides and applies one withdrawal application (its payload already parsed by kind). */
export function applyWithdrawal(
  ctx: CentralContext,
  kind: WithdrawalKind,
  payload: unknown,
  applicationNo: string,
  now: Date,
): WithdrawalApplied {
  const st = ctx.state()
  const { residentRef } = payload as { residentRef: string }
  const resident = ctx.seed.byRef.get(residentRef)
  if (!resident) return { outcome: refuse('RESIDENT_NOT_FOUND'), residentRef }
  const facts = factsFor(ctx, resident, now)
  const binding = boundBindingOf(st, residentRef)
  const paidTo = (amountFen: number) => ({
    amountFen,
    operatorCode: binding!.operatorCode,
    walletIdLast4: binding!.walletId.slice(-4),
    paidAt: now.toISOString(),
  })
  if (kind === 'withdrawRent') {
    const p = APPLICATION_PAYLOADS.withdrawRent.parse(payload)
    const outcome = checkRent(facts, p)
    if (!outcome.ok || !binding) return { outcome, residentRef }
    if (p.mode === 'plan') {
      st.rentPlans[residentRef] = {
        residentRef,
        applicationNo,
        bindingId: binding.bindingId,
        amountFen: p.amountFen,
        state: 'active',
        nextMonth: firstPlanMonth(chinaToday(now), rentRuleOf(st).payDay),
        paidCount: 0,
        startedAt: now.toISOString(),
      }
      return { outcome, residentRef }
    }
    const id = `WD-${applicationNo}`
    payIntoWallet(st, resident, { amountFen: p.amountFen, purpose: 'rent', binding, id, now })
    return { outcome, residentRef, payout: paidTo(p.amountFen) }
  }
  if (kind === 'rentPlanChange') {
    const p = APPLICATION_PAYLOADS.rentPlanChange.parse(payload)
    const outcome = checkPlanChange(facts, p)
    const plan = runningPlanOf(st, residentRef)
    if (!outcome.ok || !plan) return { outcome, residentRef }
    if (p.action === 'stop') {
      plan.state = 'stopped'
      plan.stoppedAt = now.toISOString()
    } else {
      plan.amountFen = p.amountFen
    }
    return { outcome, residentRef }
  }
  const outcome = checkRetire(facts)
  if (!outcome.ok || !binding) return { outcome, residentRef }
  const amountFen = availableOf(accountOf(st, resident))
  payIntoWallet(st, resident, {
    amountFen,
    purpose: 'retire',
    binding,
    id: `WD-${applicationNo}`,
    now,
  })
  return { outcome, residentRef, payout: paidTo(amountFen) }
}

/** An unbind that took effect ends the resident's plan (it pays into that wallet only). */
export function planEndsWithBinding(ctx: CentralContext, bindingId: string, now: Date): void {
  for (const plan of Object.values(ctx.state().rentPlans)) {
    if (plan.state === 'active' && plan.bindingId === bindingId) {
      stopPlan(ctx, plan, '数字钱包已解绑', now)
    }
  }
}
