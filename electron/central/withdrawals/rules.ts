/**
 * The centre's withdrawal rules, pure: rent (once or a monthly plan, and changing or stopping the
 * plan) and retirement. The refusal lists feed the eligibility answer the terminal shows before its
 * wizard; the checks decide applications with the first refusal as the reason, then the amount.
 * Sentences come from the one shared table (shared/domain/rejections.ts).
 */
import type {
  FundAccount,
  RentPlanChangePayload,
  RentRuleData,
  WithdrawRentPayload,
  WithdrawalRefusal,
} from '../../../shared/central'
import type { z } from 'zod'
import { refuse, type RuleOutcome } from '../rules'

/** What the rules decide on, gathered by the desk from the seed, the state and the ledger. */
export interface WithdrawalFacts {
  account: FundAccount | null
  ownsHomeInCity: boolean
  retired: boolean
  continuousDepositMonths: number
  /** A `bound` binding exists. */
  bound: boolean
  /** The resident's plan is running. */
  planRunning: boolean
  rule: RentRuleData
  monthsSinceRent: number
  availableFen: number
}

const ACCEPTED: RuleOutcome = { ok: true, notices: [] }

/** The account's own refusals, shared by every withdrawal. */
function accountRefusals(f: WithdrawalFacts): WithdrawalRefusal[] {
  if (!f.account) return ['NO_FUND_ACCOUNT']
  return f.account.status === '01' ? [] : ['ACCOUNT_NOT_ACTIVE']
}

/** Every reason a new rent withdrawal is refused, in the order a rejection gives them. */
export function rentRefusals(f: WithdrawalFacts): WithdrawalRefusal[] {
  const out = accountRefusals(f)
  if (out.includes('NO_FUND_ACCOUNT')) return out
  if (!f.bound) out.push('NOT_BOUND')
  if (f.ownsHomeInCity) out.push('OWNS_HOME')
  if (f.continuousDepositMonths < f.rule.minDepositMonths) out.push('DEPOSITS_TOO_SHORT')
  if (f.planRunning) out.push('PLAN_RUNNING')
  return out
}

/** The most a once rent withdrawal may be: cap × months since the last one, within the balance. */
export function maxOnceFen(f: WithdrawalFacts): number {
  return Math.min(f.rule.monthlyCapFen * f.monthsSinceRent, f.availableFen)
}

/** Every reason a retirement withdrawal is refused. */
export function retireRefusals(f: WithdrawalFacts): WithdrawalRefusal[] {
  const out = accountRefusals(f)
  if (out.includes('NO_FUND_ACCOUNT')) return out
  if (!f.retired) out.push('NOT_RETIRED')
  if (!f.bound) out.push('NOT_BOUND')
  if (out.length === 0 && f.availableFen <= 0) out.push('NOTHING_TO_WITHDRAW')
  return out
}

/** Decides a rent withdrawal: the first refusal, then the amount against the cap and balance. */
export function checkRent(f: WithdrawalFacts, p: z.infer<typeof WithdrawRentPayload>): RuleOutcome {
  const first = rentRefusals(f)[0]
  if (first) return refuse(first)
  const cap = p.mode === 'once' ? f.rule.monthlyCapFen * f.monthsSinceRent : f.rule.monthlyCapFen
  if (p.amountFen > cap) return refuse('AMOUNT_ABOVE_CAP')
  if (p.amountFen > f.availableFen) return refuse('AMOUNT_ABOVE_AVAILABLE')
  return ACCEPTED
}

/** Decides a plan change or stop: a plan must be running; a new amount keeps within the cap. */
export function checkPlanChange(
  f: WithdrawalFacts,
  p: z.infer<typeof RentPlanChangePayload>,
): RuleOutcome {
  if (!f.account) return refuse('NO_FUND_ACCOUNT')
  if (!f.planRunning) return refuse('NO_PLAN')
  if (p.action === 'stop') return ACCEPTED
  if (p.amountFen > f.rule.monthlyCapFen) return refuse('AMOUNT_ABOVE_CAP')
  return ACCEPTED
}

/** Decides a retirement withdrawal. */
export function checkRetire(f: WithdrawalFacts): RuleOutcome {
  const first = retireRefusals(f)[0]
  return first ? refuse(first) : ACCEPTED
}
