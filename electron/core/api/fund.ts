/**
 * Handlers for `fund.*`: each method goes straight to the part of the fund service that holds it
 * (fund/applications.ts, fund/confirmation.ts, fund/account.ts).
 */
import { ok } from '../../../shared/api'
import type { FundService } from '../fund/fund-service'
import type { HandlerGroup } from './handlers'

type FundMethodName =
  | 'fund.walletOperators'
  | 'fund.bindingState'
  | 'fund.confirmSend'
  | 'fund.confirmVerify'
  | 'fund.bind'
  | 'fund.unbind'
  | 'fund.applicationStatus'
  | 'fund.account'
  | 'fund.records'
  | 'fund.statement'

export function fundHandlers(deps: { fund: FundService }): HandlerGroup<FundMethodName> {
  const { fund } = deps
  // Every method but the wallet list declares `session: 'required'`: the core has checked it.
  return {
    'fund.walletOperators': () => ok({ operators: fund.walletOperators() }),
    'fund.bindingState': (_input, ctx) => fund.applications.bindingState(ctx.session!),
    'fund.confirmSend': (input, ctx) => fund.confirmation.confirmSend(ctx.session!, input.purpose),
    'fund.confirmVerify': (input, ctx) =>
      fund.confirmation.confirmVerify(ctx.session!, input.purpose, input.code),
    'fund.bind': (input, ctx) =>
      fund.applications.bind(ctx.session!, {
        operatorCode: input.operatorCode,
        walletId: input.walletId,
      }),
    'fund.unbind': (input, ctx) =>
      fund.applications.unbind(ctx.session!, { bindingId: input.bindingId }),
    'fund.applicationStatus': (input) =>
      fund.applications.applicationStatus(input.number, input.idLast4),
    'fund.account': (_input, ctx) => fund.account.account(ctx.session!),
    'fund.records': (input, ctx) => fund.account.records(ctx.session!, input),
    'fund.statement': (input, ctx) => fund.account.statement(ctx.session!, input),
  }
}
