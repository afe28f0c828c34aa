import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IdentityStatus } from '../../shared/api/methods/identity'
import { ROUTES } from '../../renderer/route-names'
import { useIdentityStore } from '../../renderer/stores/identity'
import { useSessionStore } from '../../renderer/stores/session'
import { useTerminalStore } from '../../renderer/stores/terminal'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

const idle: IdentityStatus = {
  stage: 'idle',
  subject: null,
  sms: null,
  resident: null,
  failures: 0,
  failuresLeft: 3,
  cardPresent: false,
  faceAvailable: false,
  faceUnavailableReason: 'noCard',
}
const smsSent: IdentityStatus = {
  ...idle,
  stage: 'smsSent',
  subject: {
    via: 'idNumber',
    nameMasked: null,
    idNumberMasked: '350102********3417',
    phoneMasked: '138****1234',
  },
  sms: {
    phoneMasked: '138****1234',
    sentAt: '2025-06-01T02:00:00.000Z',
    expiresAt: '2025-06-01T02:05:00.000Z',
    expiresInSeconds: 300,
    resendAt: '2025-06-01T02:01:00.000Z',
    resendInSeconds: 60,
    attemptsLeft: 5,
    void: false,
    codeLength: 6,
  },
}
const verified: IdentityStatus = {
  ...idle,
  stage: 'verified',
  resident: {
    nameMasked: '林**',
    idNumberMasked: '350102********3417',
    phoneMasked: '138****1234',
    method: 'idNumber+sms',
    hasFundAccount: true,
    verifiedAt: '2025-06-01T02:01:00.000Z',
  },
}

let ctx: KioskTestApp
let current: IdentityStatus

beforeEach(async () => {
  vi.useFakeTimers()
  current = idle
  ctx = createKioskTestApp(
    createFakeKioskApi({
      'identity.status': () => ({ ok: true, value: current }),
      'identity.sendSms': () => ({ ok: true, value: (current = smsSent) }),
      'identity.verifySms': (input) =>
        input.code === '123456'
          ? { ok: true, value: (current = verified) }
          : { ok: false, error: { code: 'SMS_CODE_WRONG', detail: 'attemptsLeft=4' } },
      'identity.reset': () => ({ ok: true, value: (current = idle) }),
    }),
  )
  await useTerminalStore().load()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('identity store', () => {
  it('keeps the full ID number out of the store and counts the SMS timers down', async () => {
    const identity = useIdentityStore()
    await useSessionStore().start()
    expect(await identity.sendSms('350102198506123417')).toBe(true)
    expect(ctx.api.callsOf('identity.sendSms')).toEqual([{ idNumber: '350102198506123417' }])
    expect(JSON.stringify(ctx.pinia.state.value)).not.toContain('350102198506123417')
    expect(identity.smsResendIn).toBe(60)
    vi.advanceTimersByTime(10_000)
    expect(identity.smsResendIn).toBe(50)
    expect(identity.smsExpiresIn).toBe(290)

    expect(await identity.verifySms('000000')).toBe(false)
    expect(identity.error).toEqual({ code: 'SMS_CODE_WRONG', detail: 'attemptsLeft=4' })
    expect(await identity.verifySms('123456')).toBe(true)
    expect(identity.verified).toBe(true)
    expect(identity.resident?.idNumberMasked).toBe('350102********3417')
  })

  it('is wiped at session end with every other store', async () => {
    const identity = useIdentityStore()
    const session = useSessionStore()
    await session.start()
    await identity.sendSms('350102198506123417')
    await identity.verifySms('123456')
    identity.rememberTarget('/tax/records')
    expect(identity.verified).toBe(true)

    await session.end('finish')
    expect(identity.status).toBeNull()
    expect(identity.verified).toBe(false)
    expect(identity.resident).toBeNull()
    expect(identity.error).toBeNull()
    expect(identity.returnTo).toBeNull()
    expect(identity.busy).toBeNull()
    expect(JSON.stringify(ctx.pinia.state.value)).not.toContain('林**')
  })

  it('drops an answer that arrives after the session ended', async () => {
    let release: () => void = () => {}
    const slow = new Promise<void>((resolve) => (release = resolve))
    const originalCall = ctx.api.call
    ctx.api.call = (async (method: string, input: unknown) => {
      if (method === 'identity.verifySms') {
        await slow
        return { ok: true, value: verified }
      }
      return originalCall(method as never, input as never)
    }) as typeof ctx.api.call
    const identity = useIdentityStore()
    const session = useSessionStore()
    await session.start()
    const pending = identity.verifySms('123456')
    await session.end('finish')
    release()
    expect(await pending).toBe(false)
    expect(identity.verified).toBe(false)
  })

  it('a refresh while a card read is in flight leaves the read and its error alone', async () => {
    let release: () => void = () => {}
    const slow = new Promise<void>((resolve) => (release = resolve))
    ctx.api.handlers['identity.readCard'] = () => ({ ok: false, error: { code: 'CARD_EXPIRED' } })
    const originalCall = ctx.api.call
    ctx.api.call = (async (method: string, input: unknown) => {
      if (method === 'identity.readCard') await slow
      return originalCall(method as never, input as never)
    }) as typeof ctx.api.call
    const identity = useIdentityStore()
    await useSessionStore().start()
    const reading = identity.readCard()
    // The choose screen's late refresh (its camera probe took a while): skipped, not run over it.
    expect(await identity.refresh()).toBe(false)
    expect(ctx.api.callsOf('identity.status')).toEqual([])
    release()
    expect(await reading).toBe(false)
    expect(identity.error?.code).toBe('CARD_EXPIRED')
    expect(identity.busy).toBeNull()
  })

  it('ends the session on IDENTITY_LOCKED; the shell then shows the ask-staff screen', async () => {
    ctx.api.handlers['identity.sendSms'] = () => ({
      ok: false,
      error: { code: 'IDENTITY_LOCKED' },
    })
    const identity = useIdentityStore()
    const session = useSessionStore()
    await session.start()
    await identity.sendSms('11010519491231002X')
    await vi.waitFor(() => expect(session.lastEndReason).toBe('identityFailures'))
    expect(ctx.api.callsOf('session.end')).toEqual([
      { sessionId: expect.any(String), reason: 'identityFailures' },
    ])
    expect(ROUTES.identityLocked).toBe('identity-locked')
  })
})

describe('identity guard', () => {
  it('sends an unverified resident to the identity flow and remembers the target', async () => {
    ctx.router.addRoute({
      path: '/example/needs-identity',
      name: 'example-needs-identity',
      component: { render: () => null },
      meta: { session: true, identity: true },
    })
    const identity = useIdentityStore()
    await useSessionStore().start()
    await ctx.router.push('/example/needs-identity?x=1')
    expect(ctx.router.currentRoute.value.name).toBe(ROUTES.identity)
    expect(identity.returnTo).toBe('/example/needs-identity?x=1')

    await identity.sendSms('350102198506123417')
    await identity.verifySms('123456')
    await ctx.router.replace(identity.takeTarget()!)
    expect(ctx.router.currentRoute.value.fullPath).toBe('/example/needs-identity?x=1')
    expect(identity.returnTo).toBeNull()
  })
})
