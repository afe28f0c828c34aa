/**
 * The terminal's reports to the hall's fleet service (docs/fleet.md): a heartbeat every 15 s (2 s
 * while a resident's call is open), each call-staff request as soon as it is made, usage events,
 * and the commands the answers carry. Everything runs on its own timer and nothing a resident does
 * waits on it; while the fleet cannot be reached, calls and usage wait in a bounded queue (the
 * oldest are dropped, and counted, when it is full).
 */
import {
  FLEET_HEARTBEAT_SECONDS,
  FLEET_PATHS,
  FleetAck,
  FleetHeartbeatAnswer,
  type FleetCallReport,
  type FleetCommand,
  type FleetHeartbeat,
  type UsageEvent,
} from '../../../shared/fleet/contract'
import type { FleetClient } from './fleet-client'

/** Reports kept while the fleet is down; a day of a busy terminal's calls and usage batches. */
export const FLEET_QUEUE_LIMIT = 500
const MAX_BACKOFF_MS = 60_000
/** Applied command ids remembered, so one sent again before our acknowledgement lands is not re-run. */
const APPLIED_MEMORY = 200

type Report =
  | { path: typeof FLEET_PATHS.call; body: FleetCallReport }
  | { path: typeof FLEET_PATHS.usage; body: { events: UsageEvent[] } }

export interface FleetReporterDeps {
  client: FleetClient
  clock: () => Date
  /** The terminal's state for a heartbeat (everything but what the reporter itself adds). */
  state(): Omit<FleetHeartbeat, 'ackCommands' | 'droppedReports'>
  /** The open call-staff requests, newest first. */
  openCalls(): FleetCallReport[]
  /** Usage events since the last call (taken: they are not given again). */
  takeUsage(): UsageEvent[]
  /** Applies one command (out of service, resume, sync now, staff coming, call handled). */
  apply(command: FleetCommand): Promise<void>
  /** Restarts the app; called once no resident is in a session after `restartWhenIdle`. */
  restart(): void
  onProblem(event: string, detail: Record<string, unknown>): void
  /** How often the reporter looks for new calls and usage (default 1 s). */
  pollMs?: number
  queueLimit?: number
}

export interface FleetReporter {
  start(): void
  stop(): Promise<void>
  /** Reports waiting to be sent, and how many were dropped because the queue was full. */
  backlog(): { queued: number; dropped: number }
  /** One heartbeat now (tests; the console's commands otherwise arrive on the next one). */
  heartbeatNow(): Promise<boolean>
}

export function createFleetReporter(deps: FleetReporterDeps): FleetReporter {
  const pollMs = deps.pollMs ?? 1000
  const limit = deps.queueLimit ?? FLEET_QUEUE_LIMIT
  const queue: Report[] = []
  const reported = new Set<string>()
  const applied: number[] = []
  const toAck = new Set<number>()
  let dropped = 0
  let failures = 0
  let retryAt = 0
  let nextHeartbeatAt = 0
  let heartbeatMs = FLEET_HEARTBEAT_SECONDS * 1000
  let restart: { id: number; acked: boolean } | null = null
  let timer: NodeJS.Timeout | undefined
  let running = false
  let stopped = false
  let busy: Promise<unknown> = Promise.resolve()
  let inFlight = false

  const now = () => deps.clock().getTime()
  const enqueue = (report: Report) => {
    queue.push(report)
    while (queue.length > limit) {
      queue.shift()
      dropped++
    }
  }
  const failed = (what: string, result: { reason: string; status: number }) => {
    failures++
    retryAt = now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 6))
    // Refusals and untrusted answers are worth a look; an unreachable fleet is a normal day.
    if (result.reason !== 'unreachable')
      deps.onProblem(`fleet.${what}_${result.reason}`, { status: result.status })
  }

  function collect(): void {
    // Oldest first: the queue is in time order, and a full one drops the oldest report.
    for (const call of [...deps.openCalls()].reverse()) {
      if (reported.has(call.callId)) continue
      reported.add(call.callId)
      enqueue({ path: FLEET_PATHS.call, body: call })
      // A resident is waiting: try at once whatever the back-off said, and heartbeat right after,
      // so the answer switches to the quick interval that brings staff's "I'm going" back.
      retryAt = 0
      nextHeartbeatAt = 0
    }
    const usage = deps.takeUsage()
    for (let i = 0; i < usage.length; i += 200) {
      enqueue({ path: FLEET_PATHS.usage, body: { events: usage.slice(i, i + 200) } })
    }
  }

  async function flush(): Promise<void> {
    while (queue.length > 0 && !stopped) {
      const report = queue[0]!
      const result = await deps.client(report.path, report.body, FleetAck)
      if (!result.ok) {
        // A report the fleet refuses as malformed will never pass: drop it, keep the rest moving.
        if (result.reason === 'refused' && result.status === 400) queue.shift()
        return failed('report', result)
      }
      queue.shift()
      failures = 0
    }
  }

  async function applyAll(commands: FleetCommand[]): Promise<void> {
    for (const command of commands) {
      toAck.add(command.id)
      if (applied.includes(command.id)) continue
      applied.push(command.id)
      applied.splice(0, Math.max(0, applied.length - APPLIED_MEMORY))
      if (command.kind === 'restartWhenIdle') {
        restart ??= { id: command.id, acked: false }
        continue
      }
      try {
        await deps.apply(command)
      } catch (err) {
        deps.onProblem('fleet.command_failed', { kind: command.kind, err: String(err) })
      }
    }
  }

  async function heartbeat(): Promise<boolean> {
    const ackCommands = [...toAck].slice(0, 50)
    const body: FleetHeartbeat = { ...deps.state(), ackCommands, droppedReports: dropped }
    const result = await deps.client(FLEET_PATHS.heartbeat, body, FleetHeartbeatAnswer)
    if (!result.ok) {
      failed('heartbeat', result)
      nextHeartbeatAt = now() + heartbeatMs
      return false
    }
    failures = 0
    for (const id of ackCommands) toAck.delete(id)
    if (restart && ackCommands.includes(restart.id)) restart.acked = true
    heartbeatMs = Math.min(3600, Math.max(1, result.value.nextHeartbeatSeconds)) * 1000
    nextHeartbeatAt = now() + heartbeatMs
    await applyAll(result.value.commands)
    // Tell the fleet at once what the commands changed (and acknowledge them), not 15 s later.
    if (result.value.commands.length > 0) nextHeartbeatAt = now()
    return true
  }

  async function tick(): Promise<void> {
    collect()
    if (now() >= retryAt) await flush()
    if (now() >= nextHeartbeatAt && now() >= retryAt) await heartbeat()
    // Restart only once the fleet holds our acknowledgement (else it would ask again after).
    if (restart?.acked && !deps.state().sessionActive) {
      restart = null
      deps.restart()
    }
  }

  function schedule(): void {
    if (!running) return
    timer = setTimeout(() => {
      if (inFlight) return schedule()
      inFlight = true
      busy = tick()
        .catch((err: unknown) => deps.onProblem('fleet.tick_failed', { err: String(err) }))
        .finally(() => {
          inFlight = false
          schedule()
        })
    }, pollMs)
    timer.unref?.()
  }

  return {
    start() {
      if (running) return
      running = true
      schedule()
    },
    async stop() {
      running = false
      stopped = true
      clearTimeout(timer)
      await busy
    },
    backlog: () => ({ queued: queue.length, dropped }),
    async heartbeatNow() {
      await busy
      collect()
      await flush()
      return heartbeat()
    },
  }
}
