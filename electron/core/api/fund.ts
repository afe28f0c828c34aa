/** Handlers for `fund.*`: thin over the fund service, which holds the rules and the flow. */
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
    'fund.bindingState': (_input, ctx) => fund.bindingState(ctx.session!),
    'fund.confirmSend': (input, ctx) => fund.confirmSend(ctx.session!, input.purpose),
    'fund.confirmVerify': (input, ctx) =>
      fund.confirmVerify(ctx.session!, input.purpose, input.code),
    'fund.bind': (input, ctx) =>
      fund.bind(ctx.session!, { operatorCode: input.operatorCode, walletId: input.walletId }),
    'fund.unbind': (input, ctx) => fund.unbind(ctx.session!, { bindingId: input.bindingId }),
    'fund.applicationStatus': (input) => fund.applicationStatus(input.number, input.idLast4),
    'fund.account': (_input, ctx) => fund.account(ctx.session!),
    'fund.records': (input, ctx) => fund.records(ctx.session!, input),
    'fund.statement': (input, ctx) => fund.statement(ctx.session!, input),
  }
}
