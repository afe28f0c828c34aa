/**
 * The console's API (`/console/api/…`): sign-in, the hall at a glance, calls, commands, usage and a
 * live stream of changes. Everything but signing in needs a session cookie, and everything is
 * within the account's halls (console-store.ts filters in SQL). Changes need the
 * `x-fleet-console` header, which a page on another site cannot send without the preflight this
 * service never grants; the cookie is SameSite=Strict besides.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { CallId, FLEET_HEARTBEAT_SECONDS } from '../../shared/fleet/contract'
import {
  answerCall,
  listHalls,
  listTerminals,
  openCalls,
  terminalsOf,
  usage,
  type Scope,
} from './console-store'
import { usageCsv } from './usage-csv'
import type { FleetParts } from './server'
import { createStaffDesk, SESSION_TTL_MS, type StaffPrincipal } from './staff'
import { queueCommand } from './terminal-store'

export const SESSION_COOKIE = 'fleet_session'
export const CONSOLE_HEADER = 'x-fleet-console'

const SignIn = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
})
const Command = z.object({
  target: z.union([
    z.object({ terminalId: z.string().min(1).max(64) }).strict(),
    z.object({ hallId: z.string().min(1).max(64) }).strict(),
  ]),
  kind: z.enum(['outOfService', 'resume', 'syncNow', 'restartWhenIdle']),
  message: z.string().max(200).optional(),
})
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const UsageQuery = z.object({
  from: Day,
  to: Day,
  grain: z.enum(['day', 'hour', 'total']).default('day'),
  hall: z.string().min(1).max(64).optional(),
})

class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code)
  }
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

function body<T>(schema: z.ZodType<T>, request: FastifyRequest): T {
  let json: unknown
  try {
    json = JSON.parse(typeof request.body === 'string' ? request.body : '{}')
  } catch {
    throw new ConsoleError(400, 'BAD_JSON')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new ConsoleError(400, 'INVALID_INPUT')
  return parsed.data
}

/** Day `YYYY-MM-DD` in the halls' time (UTC+8, no daylight saving) as an instant. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`)

const scopeOf = (staff: StaffPrincipal): Scope => staff.halls
const inScope = (staff: StaffPrincipal, hallId: string) =>
  staff.halls === null || staff.halls.includes(hallId)

/**
 * Registers the console API. Call it inside its own Fastify plugin (`app.register`): its session
 * hook and error handler must not reach the terminals' routes.
 */
export function registerConsoleRoutes(
  app: FastifyInstance,
  fleet: FleetParts,
  options: { secureCookie: boolean },
): void {
  const desk = createStaffDesk(fleet.db, fleet.clock)
  const principals = new WeakMap<FastifyRequest, StaffPrincipal>()
  const who = (request: FastifyRequest) => principals.get(request)!

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof ConsoleError)
      return reply.code(error.status).send({ error: { code: error.code } })
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
    return reply.code(status).send({ error: { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST' } })
  })

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store')
    if (request.method !== 'GET' && request.headers[CONSOLE_HEADER] !== '1') {
      throw new ConsoleError(403, 'CONSOLE_HEADER_MISSING')
    }
    if (request.url === '/console/api/session' && request.method === 'POST') return
    const staff = await desk.session(cookie(request, SESSION_COOKIE))
    if (!staff) throw new ConsoleError(401, 'NO_SESSION')
    principals.set(request, staff)
  })

  const setCookie = (reply: FastifyReply, value: string, maxAge: number) =>
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}` +
        (options.secureCookie ? '; Secure' : ''),
    )

  app.post('/console/api/session', async (request, reply) => {
    const input = body(SignIn, request)
    const result = await desk.signIn(input.username, input.password)
    if (result === 'locked') throw new ConsoleError(429, 'SIGN_IN_LOCKED')
    if (!result) throw new ConsoleError(401, 'SIGN_IN_FAILED')
    setCookie(reply, result.token, SESSION_TTL_MS / 1000)
    return { staff: result.staff }
  })
  app.get('/console/api/session', async (request) => ({ staff: who(request) }))
  app.delete('/console/api/session', async (request, reply) => {
    await desk.signOut(cookie(request, SESSION_COOKIE))
    setCookie(reply, '', 0)
    return { signedOut: true }
  })

  app.get('/console/api/overview', async (request) => {
    const scope = scopeOf(who(request))
    return {
      serverTime: fleet.clock().toISOString(),
      heartbeatSeconds: FLEET_HEARTBEAT_SECONDS,
      halls: await listHalls(fleet.db, scope),
      terminals: await listTerminals(fleet.db, scope),
      calls: await openCalls(fleet.db, scope),
    }
  })

  app.post<{ Params: { id: string; action: string } }>(
    '/console/api/calls/:id/:action',
    async (request) => {
      const staff = who(request)
      const action = request.params.action
      if (
        (action !== 'going' && action !== 'handled') ||
        !CallId.safeParse(request.params.id).success
      ) {
        throw new ConsoleError(404, 'NOT_FOUND')
      }
      const call = await answerCall(
        fleet.db,
        scopeOf(staff),
        request.params.id,
        action,
        staff.displayName,
        fleet.clock(),
      )
      if (!call) throw new ConsoleError(404, 'CALL_NOT_OPEN')
      await queueCommand(
        fleet.db,
        [call.terminalId],
        { kind: action === 'going' ? 'staffComing' : 'callHandled', body: { callId: call.id } },
        staff.username,
      )
      fleet.changed({ type: 'call', hallId: call.hallId, callId: call.id, isNew: false })
      return { call }
    },
  )

  app.post('/console/api/commands', async (request) => {
    const staff = who(request)
    const input = body(Command, request)
    const targets = await terminalsOf(fleet.db, scopeOf(staff), input.target)
    // Another hall's terminal is answered like one that does not exist.
    if (targets.length === 0) throw new ConsoleError(404, 'NO_TERMINAL_IN_SCOPE')
    const ids = await queueCommand(
      fleet.db,
      targets.map((t) => t.id),
      {
        kind: input.kind,
        ...(input.kind === 'outOfService' ? { body: { message: input.message ?? '' } } : {}),
      },
      staff.username,
    )
    for (const t of targets) fleet.changed({ type: 'terminal', hallId: t.hallId, terminalId: t.id })
    return { queued: ids.length }
  })

  async function usageRows(request: FastifyRequest) {
    const parsed = UsageQuery.safeParse(request.query)
    if (!parsed.success) throw new ConsoleError(400, 'INVALID_INPUT')
    const { from, to, grain, hall } = parsed.data
    const end = new Date(dayStart(to).getTime() + 86_400_000)
    if (!(dayStart(from) < end) || end.getTime() - dayStart(from).getTime() > 366 * 86_400_000) {
      throw new ConsoleError(400, 'BAD_RANGE')
    }
    if (hall && !inScope(who(request), hall)) throw new ConsoleError(404, 'NOT_FOUND')
    return usage(
      fleet.db,
      scopeOf(who(request)),
      { from: dayStart(from), to: end, hallId: hall },
      grain,
    )
  }
  app.get('/console/api/usage', async (request) => ({ rows: await usageRows(request) }))
  app.get('/console/api/usage.csv', async (request, reply) => {
    const rows = await usageRows(request)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="hall-usage.csv"')
      .send(usageCsv(rows))
  })

  app.get('/console/api/events', (request, reply) => {
    const staff = who(request)
    reply.hijack()
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    reply.raw.write('retry: 2000\n\n')
    const listener = (change: Parameters<FleetParts['changed']>[0]) => {
      if (inScope(staff, change.hallId))
        reply.raw.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`)
    }
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 20_000)
    fleet.events.on('change', listener)
    request.raw.on('close', () => {
      clearInterval(keepAlive)
      fleet.events.off('change', listener)
    })
  })
}
