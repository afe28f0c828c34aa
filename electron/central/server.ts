/**
 * The bundled reference central service: a real HTTP server on loopback implementing the contract in
 * shared/central (fund, tax, wallet bindings, identity, SMS, reference data, applications). Used in
 * demo mode, by QA and by the tests. What crosses here: signed JSON requests from terminals (every
 * /v1 route is authenticated, see auth.ts) and, in demo mode only, the unsigned demo routes.
 * It shares nothing with the terminal core but the contract. This file only wires the parts
 * together; electron/central/README.md maps them.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import type { ReferenceItem, ReferenceKind } from '../../shared/central'
import { registerAnswerSigning } from './auth'
import { createCentralContext, type CentralServerOptions, type Handlers } from './context'
import { drainOnClose } from './drain-on-close'
import { registerEndpoints } from './http/endpoints'
import { BODY_LIMIT_BYTES, HttpError, registerPlumbing } from './http/plumbing'
import { applicationHandlers } from './routes/applications'
import { certificateHandlers } from './routes/certificates'
import { registerDemoRoutes, type DemoOutage } from './routes/demo'
import { fundHandlers } from './routes/fund'
import { identityHandlers } from './routes/identity'
import { phoneHandlers } from './routes/phone'
import { referenceDesk, referenceHandlers } from './routes/reference'
import { taxHandlers } from './routes/tax'
import { terminalHandlers } from './routes/terminal'
import { findApplication } from './status-lookup'
import { feedbackRepliedText, phoneToTell, sendMessage } from './messages'
import { withdrawalHandlers } from './routes/withdrawals'
import type { CentralState } from './state'

export type { CentralServerOptions } from './context'
export { BODY_LIMIT_BYTES, MAX_JSON_DEPTH } from './http/plumbing'
export {
  RESIDENT_TOKEN_TTL_MS,
  SMS_CODE_TTL_MS,
  SMS_MAX_PER_HOUR,
  SMS_MAX_WRONG_TRIES,
  SMS_RESEND_AFTER_MS,
} from './routes/identity'

export interface CentralServer {
  /** Loads or creates the state file and listens on 127.0.0.1. */
  start(): Promise<{ url: string }>
  /** Stops listening and waits for the last state write. */
  stop(): Promise<void>
  /** The base URL once started. */
  readonly url: string | undefined
  /** Changes reference data as an operator of the centre would (tests, QA). */
  putReferenceItem<K extends ReferenceKind>(
    kind: K,
    key: string,
    data: ReferenceDataOf<K>,
  ): Promise<void>
  deleteReferenceItem(kind: ReferenceKind, key: string): Promise<void>
  /** Forgets tombstones and history: every older cursor gets `reset: true` from now on. */
  compactReferenceHistory(): Promise<void>
  /**
   * Marks a feedback (by the centre's number or the terminal's ticket number) answered, as the
   * centre's staff do once they have replied to the resident; false when there is no such feedback.
   */
  replyToFeedback(number: string): Promise<boolean>
  /** A read-only look at the state (tests). */
  snapshot(): CentralState
}

type ReferenceDataOf<K extends ReferenceKind> = NonNullable<
  Extract<ReferenceItem, { kind: K }>['data']
>

/**
 * Creates the central service. Nothing happens until `start()`.
 *
 * @example
 * const central = createCentralServer({ stateFile, terminalKeys: { T1: 'secret' }, demo: true })
 * const { url } = await central.start() // http://127.0.0.1:PORT
 */
export function createCentralServer(options: CentralServerOptions): CentralServer {
  const ctx = createCentralContext(options)
  const handlers: Handlers = {
    ...identityHandlers(ctx),
    ...phoneHandlers(ctx),
    ...fundHandlers(ctx),
    ...referenceHandlers(ctx),
    ...applicationHandlers(ctx),
    ...taxHandlers(ctx),
    ...certificateHandlers(ctx),
    ...terminalHandlers(ctx),
    ...withdrawalHandlers(ctx),
  }
  const reference = referenceDesk(ctx)
  /** Demo only: while on, every /v1 route answers 503 as if the centre were down (QA, e2e). */
  const outage: DemoOutage = { on: false }
  const refuseFirst = () => (outage.on ? new HttpError(503, 'INTERNAL', 'demo outage') : undefined)
  let app: FastifyInstance | undefined
  let url: string | undefined

  function build(): FastifyInstance {
    const instance = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES })
    drainOnClose(instance)
    registerPlumbing(instance)
    registerAnswerSigning(instance, ctx)
    registerEndpoints(instance, ctx, handlers, refuseFirst)
    if (options.demo) registerDemoRoutes(instance, ctx, outage)
    return instance
  }

  return {
    async start() {
      if (url) return { url }
      await ctx.load()
      app = build()
      const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 })
      url = address.replace('[::1]', '127.0.0.1')
      return { url }
    },
    async stop() {
      await app?.close()
      await ctx.settle()
      app = undefined
      url = undefined
    },
    get url() {
      return url
    },
    putReferenceItem(kind, key, data) {
      return reference.change(kind, key, data)
    },
    deleteReferenceItem(kind, key) {
      return reference.change(kind, key, null)
    },
    compactReferenceHistory() {
      return reference.compact()
    },
    replyToFeedback(number) {
      return ctx.exclusive(async () => {
        const app = findApplication(ctx.state(), number)
        if (app?.kind !== 'feedback') return false
        if (!app.repliedAt) {
          const now = ctx.clock()
          app.repliedAt = now.toISOString()
          // The resident hears of the reply once, as of every other decision.
          const phone = await phoneToTell(ctx, app, app.payload)
          if (phone) {
            sendMessage(
              ctx.state(),
              phone,
              feedbackRepliedText(app.applicationNo),
              now,
              app.applicationNo,
            )
          }
        }
        await ctx.save()
        return true
      })
    },
    snapshot() {
      return structuredClone(ctx.state())
    },
  }
}
