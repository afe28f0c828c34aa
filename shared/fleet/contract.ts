/**
 * What terminals send the hall's fleet service and what it answers (docs/fleet.md). Every request
 * is signed with the terminal's own key exactly like its requests to the centre
 * (shared/central/signing.ts), and every answer is signed back, so a command that reaches a
 * terminal is known to come from the fleet service. Nothing here carries personal data: calls say
 * where the resident was, never who; usage events name a service and an outcome.
 */
import { z } from 'zod'
import { IsoDateTime, Sha256Hex } from '../central/primitives'

/** Paths of the terminal-facing routes (all POST, JSON, signed). */
export const FLEET_PATHS = {
  heartbeat: '/fleet/v1/heartbeat',
  call: '/fleet/v1/calls',
  usage: '/fleet/v1/usage',
} as const

/** How often a terminal reports when nothing is happening. */
export const FLEET_HEARTBEAT_SECONDS = 15
/** How often while a resident's call is open: staff's "I'm going" should reach them quickly. */
export const FLEET_CALL_OPEN_HEARTBEAT_SECONDS = 2

const Code = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/)
const Short = z.string().max(64)
/** A call-staff request's id as the terminal made it (a UUID). */
export const CallId = z.uuid()

/** A device as the status bar sees it. */
export const FleetDevice = z.object({ kind: Short, state: Short, status: Short })

/** One heartbeat: the terminal's state as staff in the hall need to see it. */
export const FleetHeartbeat = z.object({
  appVersion: Short,
  startedAt: IsoDateTime,
  uptimeSeconds: z.number().int().nonnegative().safe(),
  mode: z.enum(['demo', 'production']),
  /** The terminal's link to the centre (not to the fleet service). */
  connection: z.enum(['online', 'offline', 'unknown']),
  outboxPending: z.number().int().nonnegative().safe(),
  outboxRejected: z.number().int().nonnegative().safe(),
  lastSyncAt: IsoDateTime.nullable(),
  devices: z.array(FleetDevice).max(16),
  /** Issue codes on the terminal's dashboard (words are the console's). */
  issues: z.array(Code).max(32),
  auditHead: z.object({ seq: z.number().int().nonnegative().safe(), hash: Sha256Hex }).nullable(),
  outOfService: z.object({ message: z.string().max(200) }).nullable(),
  /** Call-staff requests still open on the terminal, newest first. */
  openCalls: z.array(CallId).max(20),
  /** A resident is in a session (restart-when-idle waits for this to be false). */
  sessionActive: z.boolean(),
  /** Reports the terminal had to drop because its queue was full while the fleet was down. */
  droppedReports: z.number().int().nonnegative().safe(),
  /** Commands the terminal has applied; they are not sent again. */
  ackCommands: z.array(z.number().int().positive().safe()).max(50),
})
export type FleetHeartbeat = z.infer<typeof FleetHeartbeat>

/** Commands a heartbeat's answer carries; each is sent until the terminal acknowledges it. */
export const FleetCommand = z.discriminatedUnion('kind', [
  z.object({
    id: z.number().int().positive(),
    kind: z.literal('outOfService'),
    message: z.string().max(200),
  }),
  z.object({ id: z.number().int().positive(), kind: z.literal('resume') }),
  z.object({ id: z.number().int().positive(), kind: z.literal('syncNow') }),
  z.object({ id: z.number().int().positive(), kind: z.literal('restartWhenIdle') }),
  /** Staff pressed "I'm going": the resident sees that someone is on the way. */
  z.object({ id: z.number().int().positive(), kind: z.literal('staffComing'), callId: CallId }),
  /** Staff marked the call handled at the console: the terminal closes it too. */
  z.object({ id: z.number().int().positive(), kind: z.literal('callHandled'), callId: CallId }),
])
export type FleetCommand = z.infer<typeof FleetCommand>
export type FleetCommandKind = FleetCommand['kind']

export const FleetHeartbeatAnswer = z.object({
  serverTime: IsoDateTime,
  nextHeartbeatSeconds: z.number().int().positive(),
  commands: z.array(FleetCommand).max(50),
})
export type FleetHeartbeatAnswer = z.infer<typeof FleetHeartbeatAnswer>

/** A resident pressed "call staff": sent the moment it happens. No identity, ever. */
export const FleetCallReport = z.object({
  callId: CallId,
  at: IsoDateTime,
  /** The screen the resident was on (a route name). */
  screen: Code,
  step: Code.nullable(),
  /** The last error code the resident saw, if any. */
  lastError: Code.nullable(),
})
export type FleetCallReport = z.infer<typeof FleetCallReport>

/** A service a resident can use (the home tiles' keys); usage is counted per service. */
export const UsageService = Code

/** One usage event: a service started, completed or abandoned. Anonymous by construction. */
export const UsageEvent = z.object({
  /** Unique per terminal (a retried batch is not counted twice). */
  eventId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  at: IsoDateTime,
  service: UsageService,
  kind: z.enum(['started', 'completed', 'abandoned']),
  /** For completed and abandoned: how long since the service started. */
  durationMs: z
    .number()
    .int()
    .nonnegative()
    .max(24 * 3600 * 1000)
    .nullable(),
})
export type UsageEvent = z.infer<typeof UsageEvent>

export const UsageBatch = z.object({ events: z.array(UsageEvent).min(1).max(200) })
export type UsageBatch = z.infer<typeof UsageBatch>

/** What the fleet service answers a call or usage report. */
export const FleetAck = z.object({ accepted: z.number().int().nonnegative() })
