/**
 * The web host's API and event routes, in one encapsulated Fastify plugin (registered under
 * `/api`) whose first act is the guard: every route in here, including one added later, runs
 * behind it. The guard runs on the route the router matched, never on the raw URL, so a
 * percent-encoded, absolute-form or otherwise unusual spelling that reaches one of these routes
 * meets the same checks, and one that does not reach them reaches nothing of the core.
 *
 *   POST /api/<method>   token in the `x-kiosk-token` header → the core's `Result` as JSON
 *   GET  /api/events     token in the `?token=` query (EventSource cannot set headers) → SSE
 *   anything else        401 without the token, else 404 `UNKNOWN_METHOD`
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { fail } from '../../shared/api'
import type { Core } from '../core/core'
import { sameToken } from './token'

export const TOKEN_HEADER = 'x-kiosk-token'

/** Where a route takes the token from; a route without one accepts none. */
type TokenPlace = { method: 'POST'; in: 'header' } | { method: 'GET'; in: 'query' }

/** The per-route setting the guard reads (Fastify route `config`). */
interface GuardConfig {
  token?: TokenPlace
}

export interface ApiRoutesOptions {
  core: Core
  /** The per-launch token. */
  token: Buffer
  /** Sent on the event stream too (it bypasses Fastify's reply once hijacked). */
  securityHeaders: Record<string, string>
  keepAliveMs: number
  /** Closers of the open event streams, for the host's close. */
  openStreams: Set<() => void>
}

/**
 * Origin and site: a browser page may call only from the very origin it was served from, that is
 * `http://` + the Host it addressed (127.0.0.1 or localhost, checked before this runs).
 * `Sec-Fetch-Site` other than `same-origin` (another port of localhost is `same-site`) is refused;
 * clients that send neither header (tests, curl) are judged on the token alone.
 */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return false
  const site = req.headers['sec-fetch-site']
  return site === undefined || site === 'same-origin'
}

/** The token the matched route accepts, from the one place it accepts it. */
function presentedToken(req: FastifyRequest): unknown {
  const place = (req.routeOptions.config as GuardConfig).token
  if (!place || req.method !== place.method) return undefined
  if (place.in === 'header') return req.headers[TOKEN_HEADER]
  return (req.query as Record<string, unknown> | undefined)?.token
}

/** The plugin; register it with `{ prefix: '/api' }` and without `fastify-plugin`. */
export async function apiRoutes(app: FastifyInstance, options: ApiRoutesOptions): Promise<void> {
  const { core, token, securityHeaders, openStreams } = options

  // First, before any route: Fastify gives this hook to every route of this plugin and its children.
  app.addHook('onRequest', async (req, reply) => {
    if (!sameOrigin(req)) return reply.code(403).send(fail('INVALID_INPUT', 'origin'))
    if (!sameToken(presentedToken(req), token)) {
      return reply.code(401).send(fail('INVALID_INPUT', 'token'))
    }
  })

  const headerToken: GuardConfig = { token: { method: 'POST', in: 'header' } }
  const queryToken: GuardConfig = { token: { method: 'GET', in: 'query' } }

  app.post(
    '/:method',
    { config: headerToken },
    async (req: FastifyRequest<{ Params: { method: string } }>) =>
      core.call(req.params.method, req.body ?? {}),
  )

  // No HEAD twin: a HEAD would open a stream with nothing to read.
  app.get(
    '/events',
    { config: queryToken, exposeHeadRoute: false },
    (req: FastifyRequest, reply: FastifyReply) => {
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 1000\n\n')
      const unsubscribe = core.onEvent((message) => {
        res.write(`data: ${JSON.stringify(message)}\n\n`)
      })
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), options.keepAliveMs)
      const close = () => {
        clearInterval(keepAlive)
        unsubscribe()
        openStreams.delete(close)
        res.end()
      }
      openStreams.add(close)
      req.raw.on('close', close)
    },
  )

  app.all('/*', { config: headerToken }, async (_req, reply) =>
    reply.code(404).send(fail('UNKNOWN_METHOD')),
  )
}
