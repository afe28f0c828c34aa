/**
 * The terminal's core: one `call(method, input)` entry for every host, and one event stream.
 * It parses every input with the contract, runs the method's handler, parses the output with the
 * contract (so only declared fields ever leave), and never throws past itself: every failure is a
 * `Result` with an error code (RELIABILITY-SECURITY.md promise 3). Plain Node; never imports
 * `electron`.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import {
  fail,
  isMethodName,
  methods,
  ok,
  type EventMessage,
  type MethodName,
  type Result,
} from '../../shared/api'
import type { CoreConfig } from './config'
import { createEventBus } from './events'
import { createLogger, describeError, type Logger } from './log'
import { createSessionManager, type SessionManager } from './session/session'
import { createStatusTracker, type TerminalStatusTracker } from './terminal/status'
import type { CallContext, Handler, Handlers } from './api/handlers'
import { terminalHandlers } from './api/terminal'
import { sessionHandlers } from './api/session'

export interface Core {
  readonly config: CoreConfig
  /** Runs one API method. Never throws; unknown methods and bad input are error results. */
  call(method: string, input: unknown): Promise<Result<unknown>>
  /** Subscribes to every core event; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void
  start(): Promise<void>
  stop(): Promise<void>
  /** Internals for hosts and tests; not reachable from the renderer. */
  readonly internals: {
    sessions: SessionManager
    status: TerminalStatusTracker
    log: Logger
    bootId: string
    listenerCount(): number
  }
}

export interface CoreOptions {
  /** Replaces the file logger (tests). */
  logger?: Logger
}

/** Summarises zod issues as paths and codes only: input values may be personal data. */
function describeIssues(issues: readonly { path: PropertyKey[]; code: string }[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`)
    .join('; ')
}

export function createCore(config: CoreConfig, options: CoreOptions = {}): Core {
  const log =
    options.logger ??
    createLogger({ dir: join(config.dataDir, 'logs'), clock: config.clock, echo: true })
  const bootId = randomUUID()
  const bus = createEventBus((err) =>
    log.error('event.listener_failed', { err: describeError(err) }),
  )
  const status = createStatusTracker((s) => bus.emit('terminal.status', s))
  const sessions = createSessionManager(
    {
      idleSeconds: config.idleSeconds,
      warningSeconds: config.warningSeconds,
      elderFactor: config.elderFactor,
    },
    config.clock,
    (err) => log.error('session.wipe_failed', { err: describeError(err) }),
  )
  sessions.onEnd((ended) => {
    log.info('session.ended', { reason: ended.reason })
    bus.emit('session.ended', {
      sessionId: ended.sessionId,
      reason: ended.reason,
      at: ended.at.toISOString(),
    })
  })

  const handlers: Handlers = {
    ...terminalHandlers({ config, status, bootId }),
    ...sessionHandlers({ sessions }),
  }

  async function run<M extends MethodName>(method: M, input: unknown): Promise<Result<unknown>> {
    const spec = methods[method]
    const parsed = spec.input.safeParse(input === undefined ? {} : input)
    if (!parsed.success) return fail('INVALID_INPUT', describeIssues(parsed.error.issues))
    const session = sessions.current()
    if (spec.session === 'required' && !session) return fail('NO_SESSION')
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

  return {
    config,
    async call(method, input) {
      if (!isMethodName(method)) return fail('UNKNOWN_METHOD')
      try {
        return await run(method, input)
      } catch (err) {
        log.error('api.handler_threw', { method, err: describeError(err) })
        return fail('INTERNAL')
      }
    },
    onEvent: (listener) => bus.subscribe(listener),
    async start() {
      log.info('core.started', {
        terminalId: config.terminalId,
        host: config.host,
        demo: config.demo,
      })
    },
    async stop() {
      sessions.end('staff')
      sessions.dispose()
      log.info('core.stopped')
    },
    internals: { sessions, status, log, bootId, listenerCount: bus.listenerCount },
  }
}
