/**
 * The facts the withdrawal rules decide on, gathered from the seed (home, retirement), the state
 * (bindings, the plan, the ledger) and the centre's reference data (the rent rule), and the
 * eligibility answer the terminal asks for before its wizard.
 */
import { RentRuleData, type WithdrawalEligibilityResponse } from '../../../shared/central'
import { chinaToday } from '../../../shared/domain/fund'
import type { CentralContext } from '../context'
import { DEMO_RENT_RULE, type SeedResident } from '../seed'
import type { CentralState } from '../state'
import {
  accountOf,
  availableOf,
  boundBindingOf,
  continuousDepositMonths,
  monthsSinceRent,
  recordsOf,
} from './ledger'
import { maxOnceFen, rentRefusals, retireRefusals, type WithdrawalFacts } from './rules'
import { payDateOf } from '../../../shared/domain/rent-schedule'

/** The rent rule the centre publishes (reference data `withdrawalRule:rent`). */
export function rentRuleOf(st: CentralState): RentRuleData {
  const item = st.reference.items['withdrawalRule:rent']
  const parsed = RentRuleData.safeParse(item && !item.deleted ? item.data : undefined)
  // An operator who deleted the rule leaves the demo's; a real centre always publishes one.
  return parsed.success ? parsed.data : DEMO_RENT_RULE
}

/** The running plan of a resident, if any. */
export function runningPlanOf(st: CentralState, residentRef: string) {
  const plan = st.rentPlans[residentRef]
  return plan?.state === 'active' ? plan : undefined
}

/** Everything the rules need about `resident` now. */
export function factsFor(ctx: CentralContext, resident: SeedResident, now: Date): WithdrawalFacts {
  const st = ctx.state()
  const account = accountOf(st, resident)
  const rule = rentRuleOf(st)
  return {
    account,
    ownsHomeInCity: resident.facts.ownsHomeInCity,
    retired: resident.facts.retired,
    continuousDepositMonths: continuousDepositMonths(recordsOf(st, resident)),
    bound: boundBindingOf(st, resident.residentRef) !== undefined,
    planRunning: runningPlanOf(st, resident.residentRef) !== undefined,
    rule,
    monthsSinceRent: monthsSinceRent(st, resident, chinaToday(now), rule.maxMonths),
    availableFen: availableOf(account),
  }
}

/** The eligibility answer: reasons, the figures the keypad enforces, the wallet and the plan. */
export function eligibilityOf(
  ctx: CentralContext,
  resident: SeedResident,
  now: Date,
): WithdrawalEligibilityResponse {
  const st = ctx.state()
  const f = factsFor(ctx, resident, now)
  const binding = boundBindingOf(st, resident.residentRef)
  const plan = runningPlanOf(st, resident.residentRef)
  const retire = retireRefusals(f)
  return {
    wallet: binding
      ? {
          bindingId: binding.bindingId,
          operatorCode: binding.operatorCode,
          walletIdLast4: binding.walletId.slice(-4),
        }
      : null,
    availableFen: f.availableFen,
    rent: {
      refusals: rentRefusals(f),
      rule: f.rule,
      maxOnceFen: maxOnceFen(f),
      plan: plan
        ? {
            amountFen: plan.amountFen,
            nextMonth: plan.nextMonth,
            nextPayDate: payDateOf(plan.nextMonth, f.rule.payDay),
            paidCount: plan.paidCount,
            applicationNo: plan.applicationNo,
          }
        : null,
    },
    retire: { refusals: retire, amountFen: retire.length === 0 ? f.availableFen : 0 },
  }
}
