import { describe, expect, it } from 'vitest'
import type { CentralClient, CentralClientResult } from '../../../../electron/core/central'
import type { SyncState, SyncTimers } from '../../../../electron/core/sync'
import type { CentralEndpointName } from '../../../../shared/central'
import {
  clientFor,
  engineFor,
  feedback,
  openTerminalStore,
  startCentral,
  TERMINAL_ID,
} from './sync.fixture'

type Answer = CentralClientResult<CentralEndpointName>
const down: Answer = {
  ok: false,
  status: 0,
  error: { code: 'TRANSPORT_NETWORK', message: 'refused' },
}
const unavailable: Answer = { ok: false, status: 503, error: { code: 'INTERNAL', message: '503' } }

/** Timers the test fires by hand. */
function manualTimers(): SyncTimers & { planned: { fn: () => void; ms: number; id: number }[] } {
  const planned: { fn: () => void; ms: number; id: number }[] = []
  let next = 1
  return {
    planned,
    setTimeout(fn, ms) {
      const id = next++
      planned.push({ fn, ms, id })
      return id
    },
    clearTimeout(id) {
      const index = planned.findIndex((p) => p.id === id)
      if (index >= 0) planned.splice(index, 1)
    },
  }
}

/** A client that answers every call with what the test switches it to; can hold calls. */
function switchableClient(real: CentralClient): {
  client: CentralClient
  mode: { answer: Answer | 'real'; hold?: Promise<void> }
  calls: string[]
} {
  const mode: { answer: Answer | 'real'; hold?: Promise<void> } = { answer: 'real' }
  const calls: string[] = []
  const client: CentralClient = {
    ...real,
    call: (async (name: CentralEndpointName, input: never, options?: object) => {
      calls.push(name)
      if (mode.hold) await mode.hold
      return mode.answer === 'real' ? real.call(name, input, options) : mode.answer
    }) as CentralClient['call'],
  }
  return { client, mode, calls }
}

describe('sync engine', () => {
  it('publishes connection state transitions to the status bar and listeners', async () => {
    const { url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const { client, mode } = switchableClient(clientFor(url))
    const { engine, emitted } = engineFor({ client, store, outbox, timers: manualTimers() })
    const seen: SyncState['connection'][] = []
    const unsubscribe = engine.onChange((s) => {
      if (s.connection !== 'unknown' && seen.at(-1) !== s.connection) seen.push(s.connection)
    })

    mode.answer = down
    await engine.syncNow() // unknown → offline at the first failure
    expect(engine.state().connection).toBe('offline')
    mode.answer = 'real'
    await engine.syncNow()
    expect(engine.state()).toMatchObject({ connection: 'online', failureStreak: 0 })
    expect(engine.state().lastSyncAt).not.toBeNull()

    // From online it takes a streak (2 by default): one lost call does not degrade the terminal.
    mode.answer = unavailable
    const streak: SyncState['connection'][] = []
    const off = engine.onChange((s) => streak.push(s.connection))
    await engine.syncNow() // pull fails (1), push has nothing to send, heartbeat fails (2)
    off()
    expect(streak[0]).toBe('online')
    expect(engine.state().connection).toBe('offline')
    expect(engine.state().lastError).toBe('503 INTERNAL')

    mode.answer = 'real'
    await engine.syncNow()
    expect(seen).toEqual(['offline', 'online', 'offline', 'online'])
    const connections = emitted.map((s) => s.connection).filter((c, i, all) => c !== all[i - 1])
    expect(connections).toEqual(['offline', 'online', 'offline', 'online'])
    expect(emitted.at(-1)?.dataUpdatedAt).not.toBeNull()
    unsubscribe()
  })

  it('a wrong key: the unsigned 401 is a fault, the state goes offline, the item stays', async () => {
    const { url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const client = clientFor(url, { terminalKey: 'wrong-key-wrong-key-wrong' })
    const { engine } = engineFor({ client, store, outbox, timers: manualTimers() })
    await outbox.enqueue({ kind: 'feedback', payload: feedback('x'), createdAt: Date.now() })
    const report = await engine.syncNow()
    expect(report.push).toMatchObject({
      outcome: 'retry',
      remaining: 1,
      failure: { status: 0, kind: 'transient', code: 'ANSWER_UNTRUSTED' },
    })
    expect(engine.state().connection).toBe('offline')
  })

  it('a signed 401 that survives the re-signature turns the state offline and raises a staff issue', async () => {
    const { store, outbox } = await openTerminalStore()
    const client: CentralClient = {
      terminalId: TERMINAL_ID,
      clockOffsetMs: () => 0,
      verifyReceipt: async () => true,
      call: (async () => ({
        ok: false,
        status: 401,
        error: { code: 'AUTH_REPLAYED_NONCE', message: 'nonce already used' },
      })) as unknown as CentralClient['call'],
    }
    const { engine, emitted } = engineFor({ client, store, outbox, timers: manualTimers() })
    await outbox.enqueue({ kind: 'feedback', payload: feedback('x'), createdAt: Date.now() })
    const report = await engine.syncNow()
    expect(report.push).toMatchObject({
      outcome: 'retry',
      remaining: 1,
      failure: { status: 401, kind: 'auth' },
    })
    expect(engine.state().connection).toBe('offline')
    expect(emitted.at(-1)?.issues.map((i) => i.code)).toContain('CENTRAL_AUTH_FAILED')
  })

  it('schedules back-off with jitter and cap after failures, the interval after success', async () => {
    const { store, outbox } = await openTerminalStore()
    const timers = manualTimers()
    let pullAnswer: Answer = down
    const client: CentralClient = {
      terminalId: TERMINAL_ID,
      clockOffsetMs: () => 0,
      verifyReceipt: async () => true,
      call: (async (name: CentralEndpointName) =>
        name === 'referenceData'
          ? pullAnswer
          : {
              ok: true,
              status: 200,
              value: { serverTime: new Date().toISOString(), nextHeartbeatSeconds: 45 },
            }) as unknown as CentralClient['call'],
    }
    const { engine } = engineFor({
      client,
      store,
      outbox,
      timers,
      random: () => 0.999,
      config: {
        terminalId: TERMINAL_ID,
        version: 't',
        demo: true,
        pullIntervalMs: 30_000,
        pushIntervalMs: 20_000,
        backoff: { baseMs: 1000, capMs: 8000 },
      },
    })
    const settle = () => new Promise((r) => setTimeout(r, 20))
    engine.start()
    await settle()
    // Push drained (nothing queued) → its interval; heartbeat → the centre's 45 s; pull → back-off.
    expect(timers.planned.map((p) => p.ms).sort((a, b) => a - b)).toEqual([999, 20_000, 45_000])
    const pullWaits: number[] = []
    for (let i = 0; i < 6; i++) {
      const planned = timers.planned.find((p) => p.ms < 20_000)!
      pullWaits.push(planned.ms)
      timers.clearTimeout(planned.id)
      planned.fn()
      await settle()
    }
    // Full jitter with r = 0.999 of min(cap, 1 s × 2^(n−1)).
    expect(pullWaits).toEqual([999, 1998, 3996, 7992, 7992, 7992])
    // Recovery: a success plans the regular interval.
    pullAnswer = {
      ok: true,
      status: 200,
      value: { reset: false, items: [], cursor: 'c' },
    } as Answer
    const pull = timers.planned.find((p) => p.ms < 20_000)!
    timers.clearTimeout(pull.id)
    pull.fn()
    await settle()
    expect(timers.planned.map((p) => p.ms).sort((a, b) => a - b)).toEqual([20_000, 30_000, 45_000])
    await engine.stop()
    expect(timers.planned).toHaveLength(0)
  })

  it('runs never overlap: triggers during a run coalesce into one more run', async () => {
    const { url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const { client, mode, calls } = switchableClient(clientFor(url))
    const { engine } = engineFor({ client, store, outbox, timers: manualTimers() })
    await outbox.enqueue({ kind: 'feedback', payload: feedback('1'), createdAt: Date.now() })
    let release!: () => void
    mode.hold = new Promise((r) => (release = r))
    const a = engine.pushNow()
    const b = engine.pushNow()
    const c = engine.pushNow()
    await new Promise((r) => setTimeout(r, 30))
    expect(calls.filter((n) => n === 'applicationsSubmit')).toHaveLength(1)
    mode.hold = undefined
    release()
    const [ra, rb, rc] = await Promise.all([a, b, c])
    expect(ra).toMatchObject({ accepted: 1 })
    expect(rb).toBe(rc) // the two later triggers share the one follow-up run
    expect(calls.filter((n) => n === 'applicationsSubmit')).toHaveLength(1)
  })

  it('stop() aborts calls in flight and leaves nothing scheduled', async () => {
    const { store, outbox } = await openTerminalStore()
    const timers = manualTimers()
    const { client, mode } = switchableClient(clientFor('http://127.0.0.1:9'))
    let release!: () => void
    mode.hold = new Promise((r) => (release = r))
    mode.answer = { ok: false, status: 0, error: { code: 'TRANSPORT_ABORTED', message: 'aborted' } }
    const { engine } = engineFor({ client, store, outbox, timers })
    engine.start()
    const stopping = engine.stop()
    release()
    await stopping
    expect(timers.planned).toHaveLength(0)
    expect(engine.state().running).toBe(false)
  })

  it("heartbeats carry the terminal health and follow the centre's interval", async () => {
    const { server, url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const { engine, status } = engineFor({
      client: clientFor(url),
      store,
      outbox,
      timers: manualTimers(),
    })
    status.setDevice({
      kind: 'receiptPrinter',
      state: 'READY',
      code: 'MEDIA_LOW',
      since: new Date().toISOString(),
    })
    await outbox.enqueue({ kind: 'teleport', payload: {}, createdAt: Date.now() })
    const report = await engine.syncNow()
    expect(report.heartbeat).toMatchObject({ outcome: 'sent' })
    const beat = server.snapshot().heartbeats[TERMINAL_ID]!.health
    expect(beat).toMatchObject({
      appVersion: '0.1.0-test',
      mode: 'demo',
      outboxPending: 0,
      outboxRejected: 1,
      freeDiskBytes: 1_000_000,
      devices: [{ kind: 'receiptPrinter', state: 'READY', status: 'MEDIA_LOW' }],
    })
    expect(beat.referenceCursor).toBeTruthy()
    expect(beat.lastSyncAt).toBeTruthy()
  })
})
