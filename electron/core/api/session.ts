/** Handlers for `session.*`. */
import { fail, ok } from '../../../shared/api'
import type { SessionManager } from '../session/session'
import type { HandlerGroup } from './handlers'

export function sessionHandlers(deps: {
  sessions: SessionManager
}): HandlerGroup<'session.start' | 'session.extend' | 'session.end'> {
  const { sessions } = deps
  return {
    'session.start': (input) => ok(sessions.start({ elder: input.elder ?? false })),
    'session.extend': (input) => {
      const info = sessions.touch(input.sessionId)
      return info ? ok(info) : fail('SESSION_MISMATCH')
    },
    'session.end': (input) => ok({ ended: sessions.end(input.reason, input.sessionId) }),
  }
}
