/** Handlers for the withdrawal methods: thin over the fund service's withdrawals part. */
import type { FundWithdrawals } from '../fund/withdrawals'
import type { HandlerGroup } from './handlers'

type WithdrawalMethodName =
  'fund.withdrawalEligibility' | 'fund.withdrawRent' | 'fund.rentPlanChange' | 'fund.withdrawRetire'

export function withdrawalHandlers(deps: {
  withdrawals: FundWithdrawals
}): HandlerGroup<WithdrawalMethodName> {
  const { withdrawals } = deps
  // Every method declares `session: 'required'`: the core has checked it.
  return {
    'fund.withdrawalEligibility': (_input, ctx) => withdrawals.eligibility(ctx.session!),
    'fund.withdrawRent': (input, ctx) => withdrawals.withdrawRent(ctx.session!, input),
    'fund.rentPlanChange': (input, ctx) => withdrawals.rentPlanChange(ctx.session!, input),
    'fund.withdrawRetire': (_input, ctx) => withdrawals.withdrawRetire(ctx.session!),
  }
}
