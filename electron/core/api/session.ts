/** Handlers for `session.*`. */
import { fail, ok } from '../../../shared/api'
import type { AuditTrail } from '../data/terminal-data'
import type { SessionManager } from '../session/session'
import type { HandlerGroup } from './handlers'

export function sessionHandlers(deps: {
  sessions: SessionManager
  audit: AuditTrail
}): HandlerGroup<'session.start' | 'session.extend' | 'session.end'> {
  const { sessions, audit } = deps
  return {
    'session.start': (input) => {
      const info = sessions.start({ elder: input.elder ?? false })
      void audit.record({
        action: 'session.start',
        subject: null,
        outcome: 'ok',
        detail: { elder: input.elder ?? false },
      })
      return ok(info)
    },
    'session.extend': (input) => {
      const info = sessions.touch(input.sessionId)
      return info ? ok(info) : fail('SESSION_MISMATCH')
    },
    'session.end': (input) => ok({ ended: sessions.end(input.reason, input.sessionId) }),
  }
}
