/**
 * The hall's fleet service (docs/fleet.md): terminals report to it, staff watch and command them
 * from the console it serves. A separate system like the central service: plain Node, Fastify,
 * PostgreSQL (PGlite embedded by default). This file wires the parts together.
 */
import { EventEmitter } from 'node:events'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { openFleetDb, type FleetDb, type FleetDbLocation } from './db'
import { migrate } from './migrations'
import { FleetHttpError, registerFleetAnswerSigning } from './terminal-auth'
import { registerTerminalRoutes, type FleetChange } from './terminal-routes'
import {
  loadTerminals,
  registerTerminal,
  saveHall,
  type RegisteredTerminal,
} from './terminal-store'

/** Bodies larger than this are refused (a heartbeat is ~2 KiB, a full usage batch ~40 KiB). */
export const FLEET_BODY_LIMIT_BYTES = 256 * 1024

export interface FleetServerOptions {
  database: FleetDbLocation
  /** Port on `host` (0: any free port). */
  port?: number
  /** Default 127.0.0.1; a hall's server binds its LAN address. */
  host?: string
  clock?: () => Date
  heartbeatSeconds?: number
  /** Extra routes (the console), given the service's parts. */
  extend?: (app: FastifyInstance, fleet: FleetParts) => void | Promise<void>
}

/** What the console and tests reach. */
export interface FleetParts {
  db: FleetDb
  clock: () => Date
  events: EventEmitter<{ change: [FleetChange] }>
  changed(change: FleetChange): void
  terminal(id: string): RegisteredTerminal | undefined
}

export interface FleetServer {
  start(): Promise<{ url: string }>
  stop(): Promise<void>
  readonly url: string | undefined
  readonly parts: FleetParts
  saveHall(hall: { id: string; name: string; nameEn: string }): Promise<void>
  registerTerminal(terminal: RegisteredTerminal): Promise<void>
}

/** How often expired sessions are removed and (on PGlite) dead row versions reclaimed. */
export const HOUSEKEEPING_MS = 10 * 60 * 1000

/**
 * Removes expired sessions and acknowledged commands older than a week. PGlite has no autovacuum
 * (it is a single process): every heartbeat leaves a dead row version behind, so it is vacuumed
 * here; a PostgreSQL server's autovacuum does that itself.
 */
export async function tidy(db: FleetDb, clock: () => Date): Promise<void> {
  const now = clock()
  await db.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [now])
  await db.query('DELETE FROM commands WHERE acked_at < $1', [
    new Date(now.getTime() - 7 * 86_400_000),
  ])
  if (db.kind === 'pglite') await db.exec('VACUUM')
}

/** Opens the database, applies migrations and listens. Nothing happens until `start()`. */
export async function createFleetServer(options: FleetServerOptions): Promise<FleetServer> {
  const clock = options.clock ?? (() => new Date())
  const db = await openFleetDb(options.database)
  await migrate(db)
  const terminals = new Map((await loadTerminals(db)).map((t) => [t.id, t]))
  const events = new EventEmitter<{ change: [FleetChange] }>()
  events.setMaxListeners(0)
  const parts: FleetParts = {
    db,
    clock,
    events,
    changed: (change) => events.emit('change', change),
    terminal: (id) => terminals.get(id),
  }
  let app: FastifyInstance | undefined
  let url: string | undefined
  let housekeeping: NodeJS.Timeout | undefined

  async function build(): Promise<FastifyInstance> {
    // Closing ends every connection at once: the console's live streams never end by themselves.
    const instance = Fastify({
      logger: false,
      bodyLimit: FLEET_BODY_LIMIT_BYTES,
      forceCloseConnections: true,
    })
    instance.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    )
    instance.setErrorHandler((error: FastifyError | FleetHttpError, _request, reply) => {
      if (error instanceof FleetHttpError) {
        return reply.code(error.status).send({ error: { code: error.code } })
      }
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
      return reply
        .code(status)
        .send({ error: { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST' } })
    })
    registerFleetAnswerSigning(instance, parts)
    registerTerminalRoutes(instance, {
      ...parts,
      ...(options.heartbeatSeconds ? { heartbeatSeconds: options.heartbeatSeconds } : {}),
    })
    await options.extend?.(instance, parts)
    return instance
  }

  return {
    parts,
    get url() {
      return url
    },
    async start() {
      if (url) return { url }
      app = await build()
      const address = await app.listen({
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 0,
      })
      url = address.replace('[::1]', '127.0.0.1')
      housekeeping = setInterval(() => void tidy(db, clock).catch(() => {}), HOUSEKEEPING_MS)
      housekeeping.unref()
      return { url }
    },
    async stop() {
      clearInterval(housekeeping)
      await app?.close()
      app = undefined
      url = undefined
      await db.close()
    },
    saveHall: (hall) => saveHall(db, hall),
    async registerTerminal(terminal) {
      await registerTerminal(db, terminal)
      terminals.set(terminal.id, terminal)
    },
  }
}
