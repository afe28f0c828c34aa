/**
 * The first touch answers at once: home is shown while `session.start` is in
 * flight; every other session screen waits for it; a refused start brings attract back with the
 * reason; "finish" tapped meanwhile ends the session that was starting; a touch on attract while
 * the last session is still ending is not lost.
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { useSessionNavigation } from '../../renderer/composables/use-session-navigation'
import { ROUTES } from '../../renderer/route-names'
import { useSessionStore } from '../../renderer/stores/session'
import { useTerminalStore } from '../../renderer/stores/terminal'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

let ctx: KioskTestApp
let release: () => void

beforeEach(async () => {
  ctx = createKioskTestApp()
  await useTerminalStore().load()
  await ctx.router.push({ name: ROUTES.attract })
  release = holdAnswers('session.start')
})
afterEach(() => ctx.app.unmount())

const route = () => ctx.router.currentRoute.value.name

/** The shell's session navigation (back to attract when the session is gone), mounted alone. */
const mountShell = () =>
  mount(
    defineComponent({ setup: () => useSessionNavigation(), render: () => null }),
    ctx.mountOptions,
  )

/** Holds every answer to `method` until the returned function is called. */
function holdAnswers(method: string): () => void {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const call = ctx.api.call
  ctx.api.call = (async (m: string, input: unknown) => {
    if (m === method) await gate
    return call(m as never, input as never)
  }) as typeof ctx.api.call
  return open
}

describe('session start', () => {
  it('shows home while the session starts; other session screens wait for it', async () => {
    const session = useSessionStore()
    const started = session.start()
    expect(session.phase).toBe('starting')
    const again = session.start() // a second touch does not start a second session
    await ctx.router.push({ name: ROUTES.home })
    expect(route()).toBe(ROUTES.home)

    const faq = ctx.router.push({ name: ROUTES.helpFaq })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(route()).toBe(ROUTES.home)
    release()
    expect(await started).toBe(true)
    expect(await again).toBe(true)
    await faq
    expect(route()).toBe(ROUTES.helpFaq)
    expect(ctx.api.callsOf('session.start')).toHaveLength(1)
  })

  it('a refused start brings attract back, with the reason', async () => {
    ctx.api.handlers['session.start'] = () => ({ ok: false, error: { code: 'OUT_OF_SERVICE' } })
    const shell = mountShell()
    const session = useSessionStore()
    const started = session.start()
    await ctx.router.push({ name: ROUTES.home })
    expect(route()).toBe(ROUTES.home)
    release()
    expect(await started).toBe(false)
    await ctx.router.isReady()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(route()).toBe(ROUTES.attract)
    expect(session.startError?.code).toBe('OUT_OF_SERVICE')
    shell.unmount()
  })

  it('"finish" while the session starts ends the session that was starting', async () => {
    const session = useSessionStore()
    const started = session.start()
    const ended = session.end('finish')
    release()
    await started
    await ended
    expect(session.phase).toBe('none')
    expect(ctx.api.callsOf('session.end')).toEqual([
      { sessionId: expect.any(String), reason: 'finish' },
    ])
  })

  it('a touch on attract while the last session is still ending starts the next one', async () => {
    const shell = mountShell()
    const session = useSessionStore()
    release()
    expect(await session.start()).toBe(true)
    await ctx.router.push({ name: ROUTES.home })
    const endAnswered = holdAnswers('session.end')

    const ended = session.end('finish')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(session.phase).toBe('ending')
    expect(route()).toBe(ROUTES.attract)
    const next = session.start()
    const again = session.start() // a second touch joins the first
    endAnswered()
    await ended
    expect(await next).toBe(true)
    expect(await again).toBe(true)
    expect(session.phase).toBe('active')
    expect(ctx.api.callsOf('session.start')).toHaveLength(2)
    shell.unmount()
  })
})
