/** Handlers for `terminal.*`. */
import { ok } from '../../../shared/api'
import type { CoreConfig } from '../config'
import type { TerminalStatusTracker } from '../terminal/status'
import type { HandlerGroup } from './handlers'

export function terminalHandlers(deps: {
  config: CoreConfig
  status: TerminalStatusTracker
  bootId: string
}): HandlerGroup<'terminal.info'> {
  const { config } = deps
  return {
    'terminal.info': () =>
      ok({
        terminalId: config.terminalId,
        hallName: config.hallName,
        hallNameEn: config.hallNameEn,
        version: config.version,
        host: config.host,
        demo: config.demo,
        qa: config.qa,
        cameraLabel: config.cameraLabel ?? null,
        timing: {
          idleSeconds: config.idleSeconds,
          warningSeconds: config.warningSeconds,
          elderFactor: config.elderFactor,
        },
        bootId: deps.bootId,
        status: deps.status.snapshot(),
      }),
  }
}
