/**
 * The core's one central client, built from the configured address (none without one). An answer
 * that is not the centre's (unsigned, altered, replayed) is refused as a broken connection, and
 * staff see why.
 */
import type { CoreConfig } from './config'
import { createCentralClient, type CentralClient } from './central'
import type { Logger } from './log'
import type { TerminalStatusTracker } from './terminal/status'

/** The client for `config.centralUrl`, or null when the terminal has no centre configured. */
export function centralClientFromConfig(
  config: CoreConfig,
  deps: { log: Logger; status: TerminalStatusTracker },
): CentralClient | null {
  if (!config.centralUrl) return null
  return createCentralClient({
    baseUrl: config.centralUrl,
    terminalId: config.terminalId,
    terminalKey: config.terminalKey,
    clock: config.clock,
    // Endpoint, claimed status and cause only: never the body, it may be personal. An unsigned
    // 401 is how the centre refuses a key it does not know.
    onUntrustedAnswer: ({ endpoint, problem, httpStatus }) => {
      deps.status.addIssue(
        'CENTRAL_ANSWER_UNTRUSTED',
        config.clock(),
        [endpoint, `HTTP ${httpStatus}`],
        problem.toUpperCase(),
      )
      deps.log.warn('central.answer_untrusted', { endpoint, problem, httpStatus })
    },
  })
}
