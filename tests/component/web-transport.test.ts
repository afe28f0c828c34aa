import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBridgeTransport } from '../../renderer/api/bridge-transport'
import { createWebTransport } from '../../renderer/api/web-transport'
import { takeWebToken } from '../../renderer/api/web-token'

/** A controllable EventSource stand-in. */
class FakeSource {
  static instances: FakeSource[] = []
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSED = 2
  readyState = 0
  onopen: (() => void) | null = null
  onmessage: ((ev: { data: string }) => void) | null = null
  onerror: (() => void) | null = null
  constructor(readonly url: string) {
    FakeSource.instances.push(this)
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  send(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) })
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0
    this.onerror?.()
  }
  close() {
    this.readyState = 2
  }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

beforeEach(() => {
  FakeSource.instances = []
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

function transport(fetchImpl: typeof fetch) {
  return createWebTransport({
    token: 'tok',
    fetch: fetchImpl,
    EventSource: FakeSource as unknown as typeof EventSource,
  })
}

describe('web transport', () => {
  it('posts the input with the token and returns the result', async () => {
    const fetchMock = vi.fn(async () => json({ ok: true, value: { ended: true } }))
    const api = transport(fetchMock as unknown as typeof fetch)
    const result = await api.call('session.end', { reason: 'finish' })
    expect(result).toEqual({ ok: true, value: { ended: true } })
    expect(fetchMock).toHaveBeenCalledWith('/api/session.end', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': 'tok' },
      body: '{"reason":"finish"}',
    })
    api.close()
  })

  it('turns network failures, HTTP errors and garbage into INTERNAL results', async () => {
    const answers = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(new Response('no', { status: 401 })),
      () => Promise.resolve(new Response('<html>', { status: 200 })),
      () => Promise.resolve(json({ hello: 1 })),
    ]
    for (const answer of answers) {
      const api = transport(answer as unknown as typeof fetch)
      const result = await api.call('terminal.info', {})
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('INTERNAL')
      api.close()
    }
  })

  it('delivers events by name, reports the stream state and unsubscribes', () => {
    const api = transport(vi.fn() as unknown as typeof fetch)
    const source = FakeSource.instances[0]!
    expect(source.url).toBe('/api/events?token=tok')
    const states: string[] = []
    const ended: unknown[] = []
    api.onTransport((s) => states.push(s))
    const stop = api.on('session.ended', (p) => ended.push(p))
    source.open()
    source.send({ event: 'session.ended', payload: { sessionId: 's', reason: 'staff', at: '' } })
    source.send({ event: 'terminal.status', payload: {} })
    source.onmessage?.({ data: 'not json' })
    stop()
    source.send({ event: 'session.ended', payload: {} })
    expect(ended).toEqual([{ sessionId: 's', reason: 'staff', at: '' }])
    source.fail(false)
    expect(states).toEqual(['open', 'lost'])
    api.close()
  })

  it('reopens a closed stream with a growing delay', () => {
    const api = transport(vi.fn() as unknown as typeof fetch)
    FakeSource.instances[0]!.fail(true)
    vi.advanceTimersByTime(999)
    expect(FakeSource.instances).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeSource.instances).toHaveLength(2)
    FakeSource.instances[1]!.fail(true)
    vi.advanceTimersByTime(1999)
    expect(FakeSource.instances).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSource.instances).toHaveLength(3)
    api.close()
    FakeSource.instances[2]!.fail(true)
    vi.advanceTimersByTime(60_000)
    expect(FakeSource.instances).toHaveLength(3)
  })
})

describe('bridge transport', () => {
  it('wraps window.kiosk: typed calls, events, rejections as INTERNAL', async () => {
    let push: (m: { event: string; payload: unknown }) => void = () => {}
    const unsubscribe = vi.fn()
    const api = createBridgeTransport({
      call: vi.fn(async (method: string) => {
        if (method === 'session.end') throw new Error('boom')
        return { ok: true, value: { method } }
      }),
      on: (listener) => {
        push = listener
        return unsubscribe
      },
    })
    expect(await api.call('terminal.info', {})).toEqual({
      ok: true,
      value: { method: 'terminal.info' },
    })
    expect(await api.call('session.end', { reason: 'finish' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', detail: 'bridge' },
    })
    const seen: unknown[] = []
    api.on('terminal.status', (p) => seen.push(p))
    push({ event: 'terminal.status', payload: { connection: 'online' } })
    expect(seen).toEqual([{ connection: 'online' }])
    api.close()
    expect(unsubscribe).toHaveBeenCalled()
  })
})

describe('web token', () => {
  it('takes the token from the address, keeps it and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/?token=abc&x=1#/')
    expect(takeWebToken(window)).toBe('abc')
    expect(window.location.search).toBe('?x=1')
    expect(takeWebToken(window)).toBe('abc')
  })
})
