import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { usePreferencesStore } from '../../renderer/stores/preferences'
import { useSessionStore } from '../../renderer/stores/session'
import { useTerminalStore } from '../../renderer/stores/terminal'
import { createFakeKioskApi, demoInfo } from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

let ctx: KioskTestApp

beforeEach(async () => {
  vi.useFakeTimers()
  ctx = createKioskTestApp()
  await useTerminalStore().load()
})
afterEach(() => {
  ctx.app.unmount()
  vi.useRealTimers()
})

describe('session store', () => {
  it('starts with the elder preference and ends with every store reset', async () => {
    const session = useSessionStore()
    const preferences = usePreferencesStore()
    const terminal = useTerminalStore()
    preferences.setLocale('en')
    preferences.setElder(true)

    expect(await session.start()).toBe(true)
    expect(ctx.api.callsOf('session.start')).toEqual([{ elder: true }])
    expect(session.active).toBe(true)

    await session.end('finish')
    expect(ctx.api.callsOf('session.end')).toEqual([
      { sessionId: expect.any(String), reason: 'finish' },
    ])
    expect(session.sessionId).toBeNull()
    expect(session.phase).toBe('none')
    expect(preferences.locale).toBe('zh-CN')
    expect(preferences.elder).toBe(false)
    // The terminal store describes the machine and stays.
    expect(terminal.info?.terminalId).toBe('FZ-TEST-01')
    expect(session.clearedNotice).toBe(true)
    vi.advanceTimersByTime(6000)
    expect(session.clearedNotice).toBe(false)
  })

  it('wipes even when the core cannot be told', async () => {
    ctx.api.handlers['session.end'] = () => ({ ok: false, error: { code: 'INTERNAL' } })
    const session = useSessionStore()
    usePreferencesStore().setElder(true)
    await session.start()
    await session.end('finish')
    expect(session.sessionId).toBeNull()
    expect(usePreferencesStore().elder).toBe(false)
  })

  it('resets on the core’s session.ended for its own session only', async () => {
    const session = useSessionStore()
    await session.start()
    const id = session.sessionId!
    ctx.api.emit('session.ended', { sessionId: 'someone-else-1', reason: 'staff', at: '' })
    expect(session.sessionId).toBe(id)
    ctx.api.emit('session.ended', { sessionId: id, reason: 'staff', at: '' })
    expect(session.sessionId).toBeNull()
    expect(session.lastEndReason).toBe('staff')
  })

  it('a changed bootId after a reconnect ends the session', async () => {
    const session = useSessionStore()
    await session.start()
    ctx.api.setTransport('lost')
    expect(useTerminalStore().unreachable).toBe(true)
    ctx.api.handlers['terminal.info'] = () => ({ ok: true, value: demoInfo({ bootId: 'boot-2' }) })
    ctx.api.setTransport('open')
    await vi.waitFor(() => expect(useTerminalStore().info?.bootId).toBe('boot-2'))
    await nextTick()
    expect(session.sessionId).toBeNull()
    expect(session.lastEndReason).toBe('recovery')
  })

  it('keeps the session over a reconnect to the same core', async () => {
    const session = useSessionStore()
    await session.start()
    ctx.api.setTransport('lost')
    ctx.api.setTransport('open')
    await vi.waitFor(() => expect(ctx.api.callsOf('terminal.info')).toHaveLength(2))
    await nextTick()
    expect(session.active).toBe(true)
  })

  it('reports a refused start and stays on attract', async () => {
    ctx.api.handlers['session.start'] = () => ({ ok: false, error: { code: 'OUT_OF_SERVICE' } })
    const session = useSessionStore()
    expect(await session.start()).toBe(false)
    expect(session.startError?.code).toBe('OUT_OF_SERVICE')
    expect(session.phase).toBe('none')
  })

  it('throttles session.extend while the resident is active', async () => {
    const session = useSessionStore()
    await session.start()
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(1000)
      window.dispatchEvent(new Event('pointerdown'))
      await nextTick()
    }
    // 40 s of constant activity: one extend every 15 s at most.
    const extends_ = ctx.api.callsOf('session.extend').length
    expect(extends_).toBeGreaterThanOrEqual(2)
    expect(extends_).toBeLessThanOrEqual(3)
    expect(session.phase).toBe('active')
  })

  it('removes its event listeners when disposed', () => {
    const api = createFakeKioskApi()
    const local = createKioskTestApp(api)
    useSessionStore()
    expect(api.listenerCount()).toBeGreaterThan(0)
    local.pinia._s.forEach((store) => store.$dispose())
    expect(api.listenerCount()).toBe(0)
  })
})
