/**
 * Handlers for `tax.*`: thin over the tax service. `tax.records` and `tax.certificate`
 * are session-required (the core refused calls without one) and check for a verified resident in
 * the service.
 */
import type { TaxService } from '../tax/tax-service'
import type { HandlerGroup } from './handlers'

export function taxHandlers(deps: {
  tax: TaxService
}): HandlerGroup<'tax.records' | 'tax.certificate'> {
  const { tax } = deps
  return {
    'tax.records': (input, ctx) => tax.records(ctx.session!, input),
    'tax.certificate': (input, ctx) => tax.certificate(ctx.session!, input),
  }
}
