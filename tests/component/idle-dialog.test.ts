import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import App from '../../renderer/App.vue'
import { usePreferencesStore } from '../../renderer/stores/preferences'
import { useSessionStore } from '../../renderer/stores/session'
import { useTerminalStore } from '../../renderer/stores/terminal'
import { ROUTES } from '../../renderer/route-names'
import { createFakeKioskApi, demoInfo } from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

const timing = { idleSeconds: 10, warningSeconds: 5, elderFactor: 2 }
let ctx: KioskTestApp

beforeEach(async () => {
  vi.useFakeTimers()
  ctx = createKioskTestApp(
    createFakeKioskApi({ 'terminal.info': () => ({ ok: true, value: demoInfo({ timing }) }) }),
  )
  await useTerminalStore().load()
})
afterEach(() => {
  vi.useRealTimers()
})

async function advance(ms: number): Promise<void> {
  vi.advanceTimersByTime(ms)
  await nextTick()
}

describe('idle countdown dialog', () => {
  it('appears after the idle time, counts down, and continue keeps the session', async () => {
    const wrapper = mount(App, { ...ctx.mountOptions, attachTo: document.body })
    const session = useSessionStore()
    await session.start()
    await advance(9_000)
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)

    await advance(1_300)
    const dialog = wrapper.find('[role="alertdialog"]')
    expect(dialog.exists()).toBe(true)
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(dialog.text()).toContain('还需要更多时间吗？')
    expect(wrapper.find('[data-testid="idle-countdown"]').text()).toBe('5')
    expect(document.activeElement?.textContent?.trim()).toBe('继续')

    await advance(2_000)
    expect(wrapper.find('[data-testid="idle-countdown"]').text()).toBe('3')
    // A tap beside the dialog is not an answer.
    window.dispatchEvent(new Event('pointerdown'))
    await advance(300)
    expect(session.warning).toBe(true)

    await wrapper.find('[data-testid="idle-continue"]').trigger('click')
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
    expect(session.active).toBe(true)
    expect(ctx.api.callsOf('session.extend').length).toBeGreaterThanOrEqual(1)
    wrapper.unmount()
  })

  it('no answer ends the session as a timeout and wipes', async () => {
    const wrapper = mount(App, { ...ctx.mountOptions, attachTo: document.body })
    const session = useSessionStore()
    usePreferencesStore().setLocale('en')
    await session.start()
    await advance(10_300)
    expect(session.warning).toBe(true)
    await advance(5_300)
    await vi.waitFor(() => expect(session.phase).toBe('none'))
    expect(ctx.api.callsOf('session.end')).toEqual([
      { sessionId: expect.any(String), reason: 'timeout' },
    ])
    expect(usePreferencesStore().locale).toBe('zh-CN')
    expect(session.clearedNotice).toBe(true)
    await nextTick()
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('elder mode stretches the idle time by the elder factor', async () => {
    const session = useSessionStore()
    usePreferencesStore().setElder(true)
    await session.start()
    await advance(15_000)
    expect(session.warning).toBe(false)
    await advance(5_300)
    expect(session.warning).toBe(true)
  })

  it('the card-reading and face steps have their own, shorter idle time (30 s and 20 s of 60 s)', async () => {
    const wrapper = mount(App, { ...ctx.mountOptions, attachTo: document.body })
    const session = useSessionStore()
    await session.start()
    await ctx.router.push({ name: ROUTES.identityCard })
    await advance(4_700)
    expect(session.step).toBe('cardReading')
    expect(session.warning).toBe(false)
    await advance(600)
    expect(session.warning).toBe(true)

    session.continueSession()
    await ctx.router.push({ name: ROUTES.identityFace })
    await advance(3_000)
    expect(session.step).toBe('face')
    expect(session.warning).toBe(false)
    await advance(600)
    expect(session.warning).toBe(true)

    // Back on an ordinary screen, the ordinary idle time again.
    session.continueSession()
    await ctx.router.push({ name: ROUTES.home })
    expect(session.step).toBeNull()
    await advance(9_500)
    expect(session.warning).toBe(false)
    wrapper.unmount()
  })

  it('a print in flight doubles the idle time and keeps the core’s backstop alive', async () => {
    const session = useSessionStore()
    usePreferencesStore().setElder(true)
    await session.start()
    let finish!: () => void
    const printing = session.during('printing', () => new Promise<void>((r) => (finish = r)))
    const extendsBefore = ctx.api.callsOf('session.extend').length
    // Elder (×2) and printing (×2): 40 s of the 10 s idle time.
    await advance(39_000)
    expect(session.step).toBe('printing')
    expect(session.warning).toBe(false)
    // The core's own deadline (idle × elder + warning + grace) is shorter: the renderer extends.
    expect(ctx.api.callsOf('session.extend').length - extendsBefore).toBeGreaterThanOrEqual(2)
    await advance(1_300)
    expect(session.warning).toBe(true)

    // The print ends: its step is released and the ordinary idle time counts from then.
    session.continueSession()
    finish()
    await printing
    expect(session.step).toBeNull()
    await advance(19_000)
    expect(session.warning).toBe(false)
    await advance(1_300)
    expect(session.warning).toBe(true)
  })
})
