/**
 * The web host: the same core over HTTP for development, browser tests and Chromium-kiosk
 * deployments (RELIABILITY-SECURITY.md, "The web host"). What crosses here:
 *   POST /api/<method>   JSON input → JSON `Result` (always HTTP 200 once authorised)
 *   GET  /api/events     server-sent events, one `{ event, payload }` JSON per message
 *   GET  /*              the built renderer (static files)
 * It listens on 127.0.0.1 only, requires the per-launch token on every API and event request,
 * refuses other origins (Origin, Sec-Fetch-Site and Host are checked: DNS rebinding), and sends
 * the same CSP as the Electron host.
 */
import { timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import { fail } from '../../shared/api'
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp'
import type { Core } from '../core/core'
import { drainOnClose } from '../central/drain-on-close'

export interface WebHostOptions {
  core: Core
  /** Folder of the built renderer (`out/renderer`). */
  rendererDir: string
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number
  /** The per-launch token the page must present. */
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

export const TOKEN_HEADER = 'x-kiosk-token'
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

function sameToken(given: unknown, expected: Buffer): boolean {
  if (typeof given !== 'string') return false
  const buf = Buffer.from(given)
  return buf.length === expected.length && timingSafeEqual(buf, expected)
}

/** Starts the web host on 127.0.0.1. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options
  const expectedToken = Buffer.from(options.token)
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024 })
  drainOnClose(app)
  let origin = ''
  let allowedHosts = new Set<string>()
  const openStreams = new Set<() => void>()

  app.addHook('onRequest', async (req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value)
    // DNS rebinding: a foreign name that resolves to 127.0.0.1 still carries its own Host.
    if (!allowedHosts.has(String(req.headers.host ?? ''))) {
      return reply.code(403).send(fail('INVALID_INPUT', 'host'))
    }
    if (!req.url.startsWith('/api/')) return
    const requestOrigin = req.headers.origin
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return reply.code(403).send(fail('INVALID_INPUT', 'origin'))
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      return reply.code(403).send(fail('INVALID_INPUT', 'origin'))
    }
    const query = req.query as Record<string, unknown> | undefined
    const token = req.headers[TOKEN_HEADER] ?? query?.token
    if (!sameToken(token, expectedToken)) {
      return reply.code(401).send(fail('INVALID_INPUT', 'token'))
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

  app.post('/api/:method', async (req: FastifyRequest<{ Params: { method: string } }>) => {
    return core.call(req.params.method, req.body ?? {})
  })

  app.get('/api/events', (req: FastifyRequest, reply: FastifyReply) => {
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    res.write('retry: 1000\n\n')
    const unsubscribe = core.onEvent((message) => {
      res.write(`data: ${JSON.stringify(message)}\n\n`)
    })
    const keepAlive = setInterval(
      () => res.write(': keep-alive\n\n'),
      options.keepAliveMs ?? 15_000,
    )
    const close = () => {
      clearInterval(keepAlive)
      unsubscribe()
      openStreams.delete(close)
      res.end()
    }
    openStreams.add(close)
    req.raw.on('close', close)
  })

  app.all('/api/*', async (_req, reply) => reply.code(404).send(fail('UNKNOWN_METHOD')))

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
  origin = `http://${LOOPBACK}:${port}`
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
