/** Handlers for `help.*`: FAQ, complaints and feedback, call staff (see help/help-desk.ts). */
import { fail, ok } from '../../../shared/api'
import type { HelpDesk } from '../help/help-desk'
import type { HandlerGroup } from './handlers'

export function helpHandlers(deps: {
  help: HelpDesk
  /** True while staff have the terminal out of service: feedback is refused, calling staff is not. */
  outOfService: () => boolean
}): HandlerGroup<'help.faq' | 'help.feedback' | 'help.callStaff'> {
  const { help } = deps
  return {
    'help.faq': () => ok(help.faq()),
    'help.feedback': (input, ctx) =>
      deps.outOfService() ? fail('OUT_OF_SERVICE') : help.feedback(ctx.session!, input),
    'help.callStaff': (input, ctx) => help.callStaff(ctx.session, input),
  }
}
