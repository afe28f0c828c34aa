/** Handlers for `identity.*`: thin over the identity service, which holds the flow and the data. */
import { ok } from '../../../shared/api'
import type { IdentityService } from '../identity/identity'
import type { HandlerGroup } from './handlers'

type IdentityMethodName =
  | 'identity.status'
  | 'identity.readCard'
  | 'identity.sendSms'
  | 'identity.verifySms'
  | 'identity.faceCheck'
  | 'identity.reset'

export function identityHandlers(deps: {
  identity: IdentityService
}): HandlerGroup<IdentityMethodName> {
  const { identity } = deps
  // Every method declares `session: 'required'`, so the core has already refused calls without one.
  return {
    'identity.status': (_input, ctx) => ok(identity.status(ctx.session!)),
    'identity.readCard': (input, ctx) => identity.readCard(ctx.session!, input.waitSeconds ?? 0),
    'identity.sendSms': (input, ctx) => identity.sendSms(ctx.session!, input.idNumber),
    'identity.verifySms': (input, ctx) => identity.verifySms(ctx.session!, input.code),
    'identity.faceCheck': (input, ctx) => identity.faceCheck(ctx.session!, input.image),
    'identity.reset': (_input, ctx) => ok(identity.reset(ctx.session!)),
  }
}
