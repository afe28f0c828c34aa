/** The signed-in resident's withdrawal eligibility: what the terminal's wizard asks first. */
import type { CentralContext, Handlers } from '../context'
import { eligibilityOf } from '../withdrawals/facts'

export function withdrawalHandlers(ctx: CentralContext): Handlers<'fundWithdrawalEligibility'> {
  return {
    async fundWithdrawalEligibility(req) {
      return eligibilityOf(ctx, req.resident(), req.now)
    },
  }
}
