/**
 * The routes terminals report to (shared/fleet/contract.ts): heartbeats answered with pending
 * commands, call-staff requests the moment they are made, and usage events. Each body is parsed
 * with the contract's schema; what fails is refused with 400 and nothing of it is stored.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodType } from 'zod'
import {
  FLEET_CALL_OPEN_HEARTBEAT_SECONDS,
  FLEET_HEARTBEAT_SECONDS,
  FLEET_PATHS,
  FleetCallReport,
  FleetHeartbeat,
  UsageBatch,
  type FleetHeartbeatAnswer,
} from '../../shared/fleet/contract'
import type { FleetDb } from './db'
import {
  authenticateTerminal,
  createNonceMemory,
  FleetHttpError,
  type TerminalAuthDeps,
} from './terminal-auth'
import { recordCall, recordHeartbeat, recordUsage } from './terminal-store'

/** What changed, for the console's live view. */
export type FleetChange =
  | { type: 'terminal'; hallId: string; terminalId: string }
  | { type: 'call'; hallId: string; callId: string; isNew: boolean }

export interface TerminalRouteDeps extends TerminalAuthDeps {
  db: FleetDb
  changed: (change: FleetChange) => void
  /** Seconds between heartbeats told to terminals (tests shorten it). */
  heartbeatSeconds?: number
}

function parse<T>(schema: ZodType<T>, request: FastifyRequest): T {
  let json: unknown
  try {
    json = JSON.parse(typeof request.body === 'string' ? request.body : '')
  } catch {
    throw new FleetHttpError(400, 'BAD_JSON')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new FleetHttpError(400, 'INVALID_INPUT')
  return parsed.data
}

export function registerTerminalRoutes(app: FastifyInstance, deps: TerminalRouteDeps): void {
  const nonces = createNonceMemory(deps.clock)
  const every = deps.heartbeatSeconds ?? FLEET_HEARTBEAT_SECONDS

  app.post(FLEET_PATHS.heartbeat, async (request) => {
    const terminal = await authenticateTerminal(request, deps, nonces)
    const heartbeat = parse(FleetHeartbeat, request)
    const now = deps.clock()
    const commands = await recordHeartbeat(deps.db, terminal.id, heartbeat, now)
    deps.changed({ type: 'terminal', hallId: terminal.hallId, terminalId: terminal.id })
    const answer: FleetHeartbeatAnswer = {
      serverTime: now.toISOString(),
      nextHeartbeatSeconds:
        heartbeat.openCalls.length > 0 ? Math.min(every, FLEET_CALL_OPEN_HEARTBEAT_SECONDS) : every,
      commands,
    }
    return answer
  })

  app.post(FLEET_PATHS.call, async (request) => {
    const terminal = await authenticateTerminal(request, deps, nonces)
    const call = parse(FleetCallReport, request)
    const isNew = await recordCall(deps.db, terminal, call, deps.clock())
    deps.changed({ type: 'call', hallId: terminal.hallId, callId: call.callId, isNew })
    return { accepted: isNew ? 1 : 0 }
  })

  app.post(FLEET_PATHS.usage, async (request) => {
    const terminal = await authenticateTerminal(request, deps, nonces)
    const batch = parse(UsageBatch, request)
    return { accepted: await recordUsage(deps.db, terminal, batch.events) }
  })
}
