/** The reporter's own rules, with a scripted fleet: a bounded queue, and restart only when idle. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { FleetClient, FleetPostResult } from '../../../../electron/core/fleet/fleet-client'
import { createFleetReporter } from '../../../../electron/core/fleet/fleet-reporter'
import type {
  FleetCallReport,
  FleetCommand,
  FleetHeartbeat,
} from '../../../../shared/fleet/contract'

const state = (sessionActive: boolean) => ({
  appVersion: '0.1.0',
  startedAt: new Date().toISOString(),
  uptimeSeconds: 1,
  mode: 'demo' as const,
  connection: 'online' as const,
  outboxPending: 0,
  outboxRejected: 0,
  lastSyncAt: null,
  devices: [],
  issues: [],
  auditHead: null,
  outOfService: null,
  openCalls: [],
  sessionActive,
})

function scripted(answer: (path: string, body: unknown) => FleetPostResult<unknown>) {
  const sent: { path: string; body: unknown }[] = []
  const client: FleetClient = async <T>(path: string, body: unknown) => {
    sent.push({ path, body })
    return answer(path, body) as FleetPostResult<T>
  }
  return { client, sent }
}
const beatAnswer = (commands: FleetCommand[] = []) => ({
  ok: true as const,
  value: { serverTime: new Date().toISOString(), nextHeartbeatSeconds: 15, commands },
})

describe('fleet reporter', () => {
  it('keeps at most the queue limit while the fleet is down, counts the rest, then says so', async () => {
    let up = false
    const calls: FleetCallReport[] = []
    const { client, sent } = scripted((path) =>
      !up
        ? { ok: false, reason: 'unreachable', status: 0 }
        : path.endsWith('heartbeat')
          ? beatAnswer()
          : { ok: true, value: { accepted: 1 } },
    )
    const reporter = createFleetReporter({
      client,
      clock: () => new Date(),
      state: () => state(false),
      openCalls: () => calls,
      takeUsage: () => [],
      apply: async () => {},
      restart: () => {},
      onProblem: () => {},
      queueLimit: 3,
    })
    for (let i = 0; i < 5; i++) {
      calls.unshift({
        callId: randomUUID(),
        at: new Date().toISOString(),
        screen: 'home',
        step: null,
        lastError: null,
      })
    }
    expect(await reporter.heartbeatNow()).toBe(false)
    expect(reporter.backlog()).toEqual({ queued: 3, dropped: 2 })
    up = true
    expect(await reporter.heartbeatNow()).toBe(true)
    expect(reporter.backlog()).toEqual({ queued: 0, dropped: 2 })
    const beat = sent.filter((s) => s.path.endsWith('heartbeat')).at(-1)!.body as FleetHeartbeat
    expect(beat.droppedReports).toBe(2)
    // The three kept are the newest (the oldest went first).
    const delivered = sent
      .filter((s) => s.path.endsWith('calls') && up)
      .map((s) => (s.body as FleetCallReport).callId)
    expect(delivered.slice(-3)).toEqual(
      calls
        .slice(0, 3)
        .reverse()
        .map((c) => c.callId),
    )
  })

  it('restarts only after the fleet holds the acknowledgement, and only when no resident is in a session', async () => {
    let session = true
    let commands: FleetCommand[] = [{ id: 7, kind: 'restartWhenIdle' }]
    const { client, sent } = scripted((path, body) => {
      if (!path.endsWith('heartbeat')) return { ok: true, value: { accepted: 1 } }
      if ((body as FleetHeartbeat).ackCommands.includes(7)) commands = []
      return beatAnswer(commands)
    })
    const restart = vi.fn()
    const reporter = createFleetReporter({
      client,
      clock: () => new Date(),
      state: () => state(session),
      openCalls: () => [],
      takeUsage: () => [],
      apply: async () => {},
      restart,
      onProblem: () => {},
      pollMs: 10,
    })
    await reporter.heartbeatNow() // receives the command
    reporter.start()
    await expect
      .poll(() => sent.some((s) => (s.body as FleetHeartbeat).ackCommands?.includes(7)))
      .toBe(true)
    await new Promise((r) => setTimeout(r, 100))
    expect(restart).not.toHaveBeenCalled() // a resident is still being served
    session = false
    await expect.poll(() => restart.mock.calls.length).toBe(1)
    await new Promise((r) => setTimeout(r, 100))
    expect(restart).toHaveBeenCalledTimes(1)
    await reporter.stop()
  })
})
