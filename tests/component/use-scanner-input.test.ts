/**
 * Hand-held scanners told apart from people by timing (renderer/composables/use-scanner-input.ts),
 * with fake timers: a fast burst ending in Enter is a scan, the same keys at a person's speed are
 * not, nor a burst without Enter, nor keys held with Ctrl/Alt/Meta. On the verification screen a
 * scan is checked as if typed and confirmed; a wrong one is answered in words and loses nothing;
 * elsewhere (home) a burst does nothing.
 */
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { effectScope, type EffectScope } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CertificateVerification } from '../../shared/api/methods/certificates'
import {
  useScannerInput,
  type UseScannerInputOptions,
} from '../../renderer/composables/use-scanner-input'
import HomeScreen from '../../renderer/screens/HomeScreen.vue'
import VerifyScreen from '../../renderer/screens/VerifyScreen.vue'
import { useCertificateVerifyStore } from '../../renderer/stores/certificate-verify'
import { useTerminalStore } from '../../renderer/stores/terminal'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

const CODE = 'ABCDEFGHJKLMNPQR'
const QR = `hallkiosk-taxcert:v1:${CODE}`

/** Keys as the page hears them: on the focused element (body), bubbling to document and window. */
function key(name: string, gapMs: number, init: KeyboardEventInit = {}): KeyboardEvent {
  vi.advanceTimersByTime(gapMs)
  const event = new KeyboardEvent('keydown', {
    key: name,
    bubbles: true,
    cancelable: true,
    ...init,
  })
  document.body.dispatchEvent(event)
  return event
}

/** Types `text` a key every `gapMs`, then Enter after the same gap; returns the Enter. */
function typeThenEnter(text: string, gapMs: number, init: KeyboardEventInit = {}): KeyboardEvent {
  for (const char of text) key(char, gapMs, init)
  return key('Enter', gapMs, init)
}

/** What reaches the page's own keydown handlers (the bubble phase on document). */
let reachedPage: string[] = []
const pageHandler = (event: KeyboardEvent) => reachedPage.push(event.key)

beforeEach(() => {
  vi.useFakeTimers()
  vi.advanceTimersByTime(10_000)
  reachedPage = []
  document.addEventListener('keydown', pageHandler)
})
afterEach(() => {
  scopes.splice(0).forEach((scope) => scope.stop())
  document.removeEventListener('keydown', pageHandler)
  vi.useRealTimers()
})
enableAutoUnmount(afterEach)

const scopes: EffectScope[] = []

/** The composable in a scope of its own, as a screen would hold it. */
function scanner(options: UseScannerInputOptions = {}) {
  const scans: string[] = []
  const scope = effectScope()
  scopes.push(scope)
  const state = scope.run(() => useScannerInput({ onScan: (t) => scans.push(t), ...options }))!
  return { scope, scans, state }
}

describe('useScannerInput', () => {
  it('takes a fast burst ending in Enter as a scan, and keeps that Enter from the page', () => {
    const { scans, state } = scanner()
    const enter = typeThenEnter(QR, 5)
    expect(scans).toEqual([QR])
    expect(state.lastScan.value).toMatchObject({ text: QR })
    expect(enter.defaultPrevented).toBe(true)
    // The characters went on to the page as usual; the Enter did not (it would press a button).
    expect(reachedPage).toEqual([...QR])
    // Capitals come with Shift held; the lone Shift keydowns a scanner sends are not text.
    for (const char of CODE) {
      key('Shift', 2, { shiftKey: true })
      key(char, 2, { shiftKey: true })
    }
    key('Enter', 2)
    expect(scans).toEqual([QR, CODE])
  })

  it('never takes the same keys at a person’s speed, nor a fast tail too short to be a code', () => {
    const { scans } = scanner()
    // 60 ms a key is about as fast as people type (10 a second), and faster than most.
    const enter = typeThenEnter(QR, 60)
    expect(enter.defaultPrevented).toBe(false)
    expect(reachedPage.at(-1)).toBe('Enter')
    // Just over the gap, every key.
    typeThenEnter(CODE, 36)
    // Fast throughout, but a slow Enter (a person confirming what a burst typed).
    for (const char of CODE) key(char, 5)
    key('Enter', 200)
    // A slow key then four fast ones (a person's rollover): five in all, under the minimum.
    key('A', 300)
    typeThenEnter('BCDE', 5)
    expect(scans).toEqual([])
    // The fast part after a slow key is a scan of its own when it is long enough.
    key('x', 300)
    vi.advanceTimersByTime(300)
    typeThenEnter(CODE, 5)
    expect(scans).toEqual([CODE])
  })

  it('takes no burst without its Enter, even when an Enter comes later', () => {
    const { scans } = scanner()
    for (const char of QR) key(char, 5)
    vi.advanceTimersByTime(1_000)
    expect(scans).toEqual([])
    expect(key('Enter', 0).defaultPrevented).toBe(false)
    expect(scans).toEqual([])
  })

  it('ignores keys with Ctrl, Alt or Meta, input-method composition and held keys', () => {
    const { scans } = scanner()
    for (const modifier of ['ctrlKey', 'altKey', 'metaKey'] as const) {
      const enter = typeThenEnter(CODE, 5, { [modifier]: true })
      expect(enter.defaultPrevented, modifier).toBe(false)
    }
    // One shortcut inside a burst spoils the whole burst, not just its head.
    for (const char of CODE.slice(0, 8)) key(char, 5)
    key('v', 5, { ctrlKey: true })
    typeThenEnter(CODE.slice(8), 5)
    typeThenEnter(CODE, 5, { isComposing: true })
    key('A', 300)
    typeThenEnter('AAAAAAAA', 5, { repeat: true })
    // An arrow or Backspace is no scanner's either.
    for (const char of CODE.slice(0, 8)) key(char, 5)
    key('Backspace', 5)
    typeThenEnter(CODE.slice(8), 5)
    expect(scans).toEqual([])
    // After a pause the next fast burst is a scan again.
    key('x', 300)
    vi.advanceTimersByTime(300)
    typeThenEnter(CODE, 5)
    expect(scans).toEqual([CODE])
  })

  it('leaves alone what `accept` refuses; ends with Tab when told; pauses; stops with its scope', () => {
    const { scans, state, scope } = scanner({
      accept: (text) => text.startsWith('hallkiosk'),
      terminators: ['Enter', 'Tab'],
    })
    expect(typeThenEnter(CODE, 5).defaultPrevented).toBe(false)
    for (const char of QR) key(char, 5)
    expect(key('Tab', 5).defaultPrevented).toBe(true)
    expect(scans).toEqual([QR])

    state.pause()
    expect(state.active.value).toBe(false)
    expect(typeThenEnter(QR, 5).defaultPrevented).toBe(false)
    state.resume()
    expect(state.active.value).toBe(true)
    typeThenEnter(QR, 5)
    expect(scans).toEqual([QR, QR])

    scope.stop()
    expect(typeThenEnter(QR, 5).defaultPrevented).toBe(false)
    expect(scans).toEqual([QR, QR])
  })
})

const genuine: CertificateVerification = {
  valid: true,
  code: 'ABCD-EFGH-JKLM-NPQR',
  certificateNo: 'SW20261120000001',
  kind: 'taxRecord',
  holder: { name: '王建国', maskedIdNumber: '350104********1135' },
  fromPeriod: '2019-01',
  toPeriod: '2024-12',
  taxType: null,
  totals: { taxPaid: 123_45, income: 9_876_54 },
  rowCount: 72,
  issuedAt: '2026-11-20T02:00:00.000Z',
}

describe('scans on the screens', () => {
  let ctx: KioskTestApp
  beforeEach(() => {
    ctx = createKioskTestApp(
      createFakeKioskApi({ 'certificate.verify': () => ({ ok: true, value: genuine }) }),
    )
  })

  it('verification: a scan is checked as if typed and confirmed; a person’s typing is not', async () => {
    const wrapper = mount(VerifyScreen, ctx.mountOptions)
    typeThenEnter(QR, 60)
    await flushPromises()
    expect(ctx.api.callsOf('certificate.verify')).toEqual([])
    expect(wrapper.find('[data-testid="verify-code"]').text()).toBe('—')

    typeThenEnter(QR, 5)
    await flushPromises()
    expect(ctx.api.callsOf('certificate.verify')).toEqual([{ code: CODE }])
    expect(wrapper.find('[data-testid="verify-result"]').attributes('data-valid')).toBe('true')
    wrapper.unmount()
  })

  it('verification: a wrong scan says so in both languages and keeps what was typed', async () => {
    const wrapper = mount(VerifyScreen, ctx.mountOptions)
    for (const char of 'ABCDE')
      await wrapper.find(`[data-testid="code-key-${char}"]`).trigger('click')
    typeThenEnter('GJJ-APP:Q482915730264', 5)
    await flushPromises()
    const problem = wrapper.find('[data-testid="verify-scan-problem"]')
    expect(problem.text()).toContain('没有识别出这个码')
    expect(wrapper.find('[data-testid="verify-code"]').text()).toBe('ABCD-E')
    expect(ctx.api.callsOf('certificate.verify')).toEqual([])

    ctx.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.find('[data-testid="verify-scan-problem"]').text()).toContain(
      'This code was not recognised',
    )
    // The next key typed carries on from what was there, and the message goes.
    await wrapper.find('[data-testid="code-key-F"]').trigger('click')
    expect(wrapper.find('[data-testid="verify-code"]').text()).toBe('ABCD-EF')
    expect(wrapper.find('[data-testid="verify-scan-problem"]').exists()).toBe(false)
    wrapper.unmount()
    // Gone with the screen: a scan after it left does nothing.
    typeThenEnter(QR, 5)
    await flushPromises()
    expect(ctx.api.callsOf('certificate.verify')).toEqual([])
  })

  it('home: a burst does nothing', async () => {
    await useTerminalStore().load()
    const wrapper = mount(HomeScreen, ctx.mountOptions)
    const before = ctx.api.calls.length
    const enter = typeThenEnter(QR, 5)
    await flushPromises()
    expect(enter.defaultPrevented).toBe(false)
    expect(reachedPage.at(-1)).toBe('Enter')
    expect(ctx.api.calls.length).toBe(before)
    expect(useCertificateVerifyStore().code).toBe('')
    wrapper.unmount()
  })
})
