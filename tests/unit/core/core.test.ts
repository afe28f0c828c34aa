import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventMessage } from '../../../shared/api'
import { testCore } from './core.fixture'

describe('core', () => {
  it('describes the terminal with its timings, modes and status', async () => {
    const { core } = await testCore({ idleSeconds: 7, warningSeconds: 3, qa: true })
    const result = await core.call('terminal.info', {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({
      terminalId: 'T-TEST-01',
      demo: true,
      qa: true,
      host: 'web',
      timing: { idleSeconds: 7, warningSeconds: 3, elderFactor: 2 },
      status: { connection: 'unknown', outOfService: null },
    })
    // One tile per service, each with availability (none are built in the foundation).
    const services = (result.value as { status: { services: { id: string }[] } }).status.services
    expect(services.map((s) => s.id)).toHaveLength(10)
  })

  it('never lets the terminal key reach a caller', async () => {
    const { core } = await testCore()
    const result = await core.call('terminal.info', {})
    expect(JSON.stringify(result)).not.toContain(core.config.terminalKey)
  })

  it('turns a handler that throws into INTERNAL and logs it', async () => {
    const { core, log } = await testCore()
    vi.spyOn(core.internals.sessions, 'start').mockImplementation(() => {
      throw new Error('boom')
    })
    expect(await core.call('session.start', {})).toEqual({ ok: false, error: { code: 'INTERNAL' } })
    expect(log.lines.some((l) => l.event === 'api.handler_threw')).toBe(true)
  })

  it('strips fields the contract does not declare from outputs', async () => {
    const { core } = await testCore()
    const original = core.internals.sessions.start.bind(core.internals.sessions)
    vi.spyOn(core.internals.sessions, 'start').mockImplementation((o) => ({
      ...original(o),
      secret: 'leak',
    }))
    const result = await core.call('session.start', {})
    expect(JSON.stringify(result)).not.toContain('leak')
  })
})

describe('session lifecycle in the core', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts, extends and ends a session, announcing the end', async () => {
    const { core } = await testCore()
    const seen: EventMessage[] = []
    const off = core.onEvent((m) => seen.push(m))
    const started = await core.call('session.start', {})
    if (!started.ok) throw new Error('start failed')
    const { sessionId } = started.value as { sessionId: string }
    expect((await core.call('session.extend', { sessionId })).ok).toBe(true)
    expect(await core.call('session.end', { sessionId, reason: 'finish' })).toEqual({
      ok: true,
      value: { ended: true },
    })
    expect(seen).toContainEqual({
      event: 'session.ended',
      payload: { sessionId, reason: 'finish', at: expect.any(String) },
    })
    // A second end is harmless and says nothing happened.
    expect(await core.call('session.end', { sessionId, reason: 'finish' })).toEqual({
      ok: true,
      value: { ended: false },
    })
    off()
    expect(core.internals.listenerCount()).toBe(0)
  })

  it('refuses to extend without a session or with a stale one', async () => {
    const { core } = await testCore()
    const stale = 'a'.repeat(36)
    expect(await core.call('session.extend', { sessionId: stale })).toEqual({
      ok: false,
      error: { code: 'NO_SESSION' },
    })
    await core.call('session.start', {})
    expect(await core.call('session.extend', { sessionId: stale })).toEqual({
      ok: false,
      error: { code: 'SESSION_MISMATCH' },
    })
  })

  it('ends a session by itself when the renderer goes silent (idle + warning + grace)', async () => {
    const { core } = await testCore({ idleSeconds: 10, warningSeconds: 5 })
    const ended: string[] = []
    core.onEvent((m) => {
      if (m.event === 'session.ended') ended.push(m.payload.reason)
    })
    await core.call('session.start', {})
    await vi.advanceTimersByTimeAsync(29_000)
    expect(ended).toEqual([])
    await vi.advanceTimersByTimeAsync(2_000)
    expect(ended).toEqual(['timeout'])
    expect(core.internals.sessions.current()).toBeNull()
  })

  it('gives elder mode the longer idle budget', async () => {
    const { core } = await testCore({ idleSeconds: 10, warningSeconds: 5, elderFactor: 2 })
    await core.call('session.start', { elder: true })
    await vi.advanceTimersByTimeAsync(35_000)
    expect(core.internals.sessions.current()).not.toBeNull()
    await vi.advanceTimersByTimeAsync(6_000)
    expect(core.internals.sessions.current()).toBeNull()
  })

  it('replaces an open session when a new one starts (a stale renderer)', async () => {
    const { core } = await testCore()
    const reasons: string[] = []
    core.onEvent((m) => {
      if (m.event === 'session.ended') reasons.push(m.payload.reason)
    })
    await core.call('session.start', {})
    await core.call('session.start', {})
    expect(reasons).toEqual(['replaced'])
  })
})
