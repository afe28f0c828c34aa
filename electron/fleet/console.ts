/**
 * The console as the fleet service serves it: the API (console-routes.ts) in a Fastify plugin of
 * its own, and the built page (`out/console`, see console/ and docs/fleet.md) under `/console/`.
 * The page itself holds no data: everything it shows comes from the API, behind a session.
 */
import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { registerConsoleRoutes } from './console-routes'
import type { FleetParts } from './server'

/** The page may load only its own files and talk only to its own service. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ')

export interface ConsoleOptions {
  /** The built console page; without it `/console/` says to build it. */
  staticDir: string | null
  /** Mark the cookie Secure (the service is reached over https, e.g. behind a TLS proxy). */
  secureCookie: boolean
}

export function consoleExtension(options: ConsoleOptions) {
  return async (app: FastifyInstance, fleet: FleetParts): Promise<void> => {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', CSP)
      reply.header('x-content-type-options', 'nosniff')
      reply.header('referrer-policy', 'no-referrer')
      return payload
    })
    await app.register(async (api) => registerConsoleRoutes(api, fleet, options))
    app.get('/', async (_request, reply) => reply.redirect('/console/'))
    if (options.staticDir && existsSync(options.staticDir)) {
      await app.register(fastifyStatic, {
        root: options.staticDir,
        prefix: '/console/',
        index: ['index.html'],
        setHeaders(res, path) {
          res.header(
            'cache-control',
            path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
          )
        },
      })
    } else {
      app.get('/console/', async (_request, reply) =>
        reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('Console not built: run `npm run build`.'),
      )
    }
  }
}
