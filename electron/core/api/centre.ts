/** Handlers for the centre's notices, promises, wallet guide, hours override and QA clock. */
import { fail, ok, type Result } from '../../../shared/api'
import type { AuditTrail } from '../data/terminal-data'
import type { SupervisorMode } from '../supervisor/supervisor-mode'
import type { CentreInfo } from '../terminal/centre-info'
import type { HandlerGroup } from './handlers'

export function centreHandlers(deps: {
  centre: CentreInfo
  qa: boolean
  mode: SupervisorMode
  audit: AuditTrail
}): HandlerGroup<
  | 'terminal.notices'
  | 'terminal.promises'
  | 'help.walletGuide'
  | 'supervisor.openHours'
  | 'qa.setClock'
> {
  const { centre } = deps
  return {
    'terminal.notices': () => ok({ notices: centre.notices() }),
    'terminal.promises': () => ok(centre.promises()),
    'help.walletGuide': async () => ok({ operators: await centre.walletGuide() }),
    'supervisor.openHours': async (input) => {
      if (!deps.mode.touch(input.token)) return fail('SUPERVISOR_REQUIRED') as Result<never>
      const hoursOverride = await centre.setOverride(input.open)
      await deps.audit.record({
        action: input.open ? 'supervisor.openHours' : 'supervisor.closeHours',
        subject: null,
        outcome: 'ok',
        detail: hoursOverride ?? undefined,
      })
      return ok({ hoursOverride })
    },
    'qa.setClock': (input) => {
      if (!deps.qa) return fail('QA_MODE_ONLY') as Result<never>
      centre.setQaClock(input.at === null ? null : new Date(input.at))
      return ok({ now: centre.now().toISOString() })
    },
  }
}
