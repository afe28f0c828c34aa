/**
 * The core's one way in: `call(method, input)` parses the input with the contract, checks the
 * session rule, runs the method's handler and parses its output with the contract (so only
 * declared fields ever leave). It never throws: every failure is a `Result` with an error code.
 */
import { fail, isMethodName, methods, ok, type MethodName, type Result } from '../../shared/api'
import type { CallContext, Handler, Handlers } from './api/handlers'
import { describeError, type Logger } from './log'
import type { SessionManager } from './session/session'

/** Summarises zod issues as paths and codes only: input values may be personal data. */
function describeIssues(issues: readonly { path: PropertyKey[]; code: string }[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`)
    .join('; ')
}

/** The `call` of a core over its handler table. */
export function createDispatcher(deps: {
  handlers: Handlers
  sessions: SessionManager
  log: Logger
}): (method: string, input: unknown) => Promise<Result<unknown>> {
  const { handlers, sessions, log } = deps

  async function run<M extends MethodName>(method: M, input: unknown): Promise<Result<unknown>> {
    const spec = methods[method]
    const parsed = spec.input.safeParse(input === undefined ? {} : input)
    if (!parsed.success) return fail('INVALID_INPUT', describeIssues(parsed.error.issues))
    const session = sessions.current()
    if (spec.session === 'required') {
      if (!session) return fail('NO_SESSION')
      sessions.touch(session.id) // any call inside the session is activity for the backstop
    }
    const ctx: CallContext = { session }
    const handler = handlers[method] as Handler<M>
    const result = await handler(parsed.data as never, ctx)
    if (!result.ok) return result
    const out = spec.output.safeParse(result.value)
    if (!out.success) {
      log.error('api.output_invalid', { method, issues: describeIssues(out.error.issues) })
      return fail('INTERNAL', 'output')
    }
    return ok(out.data)
  }

  return async (method, input) => {
    if (!isMethodName(method)) return fail('UNKNOWN_METHOD')
    try {
      return await run(method, input)
    } catch (err) {
      log.error('api.handler_threw', { method, err: describeError(err) })
      return fail('INTERNAL')
    }
  }
}
