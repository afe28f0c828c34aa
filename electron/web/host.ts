/**
 * The web host: the same core over HTTP for development, browser tests and Chromium-kiosk
 * deployments. What crosses here:
 *   POST /api/<method>   JSON input → JSON `Result` (always HTTP 200 once authorised)
 *   GET  /api/events     server-sent events, one `{ event, payload }` JSON per message
 *   GET  /*              the built renderer (static files)
 * It listens on 127.0.0.1 only and checks the Host of every request (DNS rebinding). The API and
 * event routes live in their own plugin (`api-routes.ts`) whose guard runs on the route the router
 * matched: the per-launch token, Origin and Sec-Fetch-Site. Every answer carries the same CSP as
 * the Electron host.
 */
import { existsSync } from 'node:fs'
import Fastify, { type FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { fail } from '../../shared/api'
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp'
import type { Core } from '../core/core'
import { drainOnClose } from '../central/drain-on-close'
import { apiRoutes } from './api-routes'
import { assertWebToken } from './token'

export interface WebHostOptions {
  core: Core
  /** Folder of the built renderer (`out/renderer`). */
  rendererDir: string
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number
  /** The per-launch token the page must present; at least 32 characters, else this throws. */
  token: string
  /** Largest request body in bytes (a face-check still frame is the biggest input). */
  bodyLimit?: number
  /** Interval of SSE keep-alive comments. */
  keepAliveMs?: number
}

export interface WebHost {
  /** Origin, e.g. `http://127.0.0.1:8788`. */
  origin: string
  /** The URL to open: origin + the token for the page to pick up. */
  pageUrl: string
  app: FastifyInstance
  close(): Promise<void>
}

const LOOPBACK = '127.0.0.1'

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
}

/** Starts the web host on 127.0.0.1. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options
  assertWebToken(options.token)
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024 })
  drainOnClose(app)
  let allowedHosts = new Set<string>()
  const openStreams = new Set<() => void>()

  app.addHook('onRequest', async (req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value)
    // DNS rebinding: a foreign name that resolves to 127.0.0.1 still carries its own Host.
    if (!allowedHosts.has(String(req.headers.host ?? ''))) {
      return reply.code(403).send(fail('INVALID_INPUT', 'host'))
    }
  })

  // JSON only: a text body is a wrong content type (415), not a string input.
  app.removeContentTypeParser(['text/plain'])

  // Fastify's own failures (bad JSON, wrong content type, body too large) become contract errors.
  app.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
    const code =
      err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (code === 500) core.internals.log.error('web.request_failed', { err: String(err) })
    return reply.code(code).send(fail(code === 500 ? 'INTERNAL' : 'INVALID_INPUT', `http-${code}`))
  })

  await app.register(apiRoutes, {
    prefix: '/api',
    core,
    token: Buffer.from(options.token),
    securityHeaders: SECURITY_HEADERS,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    openStreams,
  })

  if (existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, {
      root: options.rendererDir,
      index: ['index.html'],
      setHeaders(res, path) {
        // The shell must always be fresh after an update; hashed assets may be cached.
        res.header(
          'cache-control',
          path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
        )
      },
    })
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('Renderer not built: run `npm run build`.'),
    )
  }

  await app.listen({ host: LOOPBACK, port: options.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const origin = `http://${LOOPBACK}:${port}`
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`])

  return {
    origin,
    pageUrl: `${origin}/?token=${encodeURIComponent(options.token)}`,
    app,
    async close() {
      for (const close of [...openStreams]) close()
      await app.close()
    },
  }
}
