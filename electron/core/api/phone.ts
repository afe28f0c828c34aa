/** Handlers for `phone.*`: thin over the phone change service, built here from its deps. */
import { createPhoneChange, type PhoneChangeDeps } from '../identity/phone-change'
import type { HandlerGroup } from './handlers'

export function phoneHandlers(
  deps: PhoneChangeDeps,
): HandlerGroup<'phone.eligibility' | 'phone.sendCode' | 'phone.change'> {
  const phone = createPhoneChange(deps)
  // Every method declares `session: 'required'`: the core has checked it.
  return {
    'phone.eligibility': (_input, ctx) => phone.eligibility(ctx.session!),
    'phone.sendCode': (input, ctx) => phone.sendCode(ctx.session!, input.newPhone),
    'phone.change': (input, ctx) => phone.change(ctx.session!, input.newPhone, input.code),
  }
}
