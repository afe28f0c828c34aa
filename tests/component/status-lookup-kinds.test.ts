/**
 * The status lookup types every number a receipt or a text message carries: the resident picks
 * the paper, types only digits (and a ticket's code on its own keypad), and the lookup asks the
 * core with the number as printed. An answer on screen never outlives the lookup it answered.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { ApplicationView } from '../../shared/api'
import type { Result } from '../../shared/api/result'
import FundStatusScreen from '../../renderer/screens/fund/FundStatusScreen.vue'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp } from './support/kiosk-app'

const notFound = (): Result<ApplicationView> => ({
  ok: false,
  error: { code: 'APPLICATION_NOT_FOUND' },
})

async function mountScreen(
  handler: () => Result<ApplicationView> | Promise<Result<ApplicationView>>,
) {
  const ctx = createKioskTestApp(
    createFakeKioskApi({
      // The fake awaits what a handler returns, so a late answer is a promise.
      'fund.applicationStatus': handler as () => Result<ApplicationView>,
    }),
  )
  const wrapper = mount(FundStatusScreen, ctx.mountOptions)
  await flushPromises()
  return { ctx, wrapper }
}

async function tap(wrapper: VueWrapper, testid: string): Promise<void> {
  await wrapper.find(`[data-testid="${testid}"]`).trigger('click')
}

async function choose(wrapper: VueWrapper, kind: string): Promise<void> {
  await tap(wrapper, 'status-kind')
  await tap(wrapper, `status-kind-${kind}`)
  expect(wrapper.find('[data-testid="status-kinds"]').exists()).toBe(false)
}

async function type(wrapper: VueWrapper, keys: string): Promise<void> {
  for (const key of keys) await tap(wrapper, `key-${key}`)
}

describe('status lookup: every number kind typed', () => {
  it('a rent withdrawal’s number from its text message goes to the lookup as printed', async () => {
    const { ctx, wrapper } = await mountScreen(notFound)
    await choose(wrapper, 'withdrawRent')
    await type(wrapper, '20261205000044')
    expect(wrapper.find('[data-testid="status-number"]').text()).toContain('ZF20261205000044')
    await type(wrapper, '5626')
    await tap(wrapper, 'status-submit')
    await flushPromises()
    expect(ctx.api.callsOf('fund.applicationStatus')).toEqual([
      { number: 'ZF20261205000044', idLast4: '5626' },
    ])
  })

  it('a feedback ticket: the date on the digit keypad, then its code on the ticket keypad', async () => {
    const { ctx, wrapper } = await mountScreen(notFound)
    await choose(wrapper, 'ticket')
    expect(wrapper.find('[data-testid="key-K"]').exists()).toBe(false)
    await type(wrapper, '20261205')
    expect(wrapper.find('[data-testid="status-number"]').text()).toContain('FK20261205-')
    // The code keypad holds the ticket alphabet only: no 0/O, 1/I to mix up.
    for (const absent of ['0', '1', 'O', 'I'])
      expect(wrapper.find(`[data-testid="key-${absent}"]`).exists(), absent).toBe(false)
    await type(wrapper, '7KQ2MZ')
    await type(wrapper, '3417')
    await tap(wrapper, 'status-submit')
    await flushPromises()
    expect(ctx.api.callsOf('fund.applicationStatus')).toEqual([
      { number: 'FK20261205-7KQ2MZ', idLast4: '3417' },
    ])
  })

  it('the feedback’s number from the centre’s text message, and a change of paper keeps the digits', async () => {
    const { ctx, wrapper } = await mountScreen(notFound)
    await choose(wrapper, 'bind')
    await type(wrapper, '20261205000047')
    await choose(wrapper, 'feedback')
    expect(wrapper.find('[data-testid="status-number"]').text()).toContain('FK20261205000047')
    await tap(wrapper, 'status-last4')
    await type(wrapper, '3417')
    await tap(wrapper, 'status-submit')
    await flushPromises()
    expect(ctx.api.callsOf('fund.applicationStatus')).toEqual([
      { number: 'FK20261205000047', idLast4: '3417' },
    ])
  })

  it('takes the previous answer away as soon as the next lookup is asked', async () => {
    let answer: (r: Result<ApplicationView>) => void = () => {}
    const view: ApplicationView = {
      localNo: null,
      applicationNo: 'BD20261205000042',
      kind: 'bind',
      status: 'accepted',
      rejection: null,
      notices: [],
      binding: null,
      createdAt: '2026-12-05T01:00:00.000Z',
      decidedAt: null,
    }
    let calls = 0
    const { wrapper } = await mountScreen(() =>
      ++calls === 1
        ? { ok: true, value: view }
        : new Promise<Result<ApplicationView>>((resolve) => (answer = resolve)),
    )
    await choose(wrapper, 'bind')
    await type(wrapper, '202612050000425626')
    await tap(wrapper, 'status-submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="status-result"]').exists()).toBe(true)
    // The answer takes the input's place (the intro says what is shown); "look up another"
    // brings the input back as typed.
    expect(wrapper.find('[data-testid="status-number"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="status-intro"]').text()).toBe('以下是该编号的办理进度。')
    await tap(wrapper, 'status-again')
    expect(wrapper.find('[data-testid="status-result"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="status-number"]').text()).toContain('BD20261205000042')
    expect(wrapper.find('[data-testid="status-last4"]').text()).toContain('5626')
    expect(wrapper.find('[data-testid="status-intro"]').text()).not.toBe('以下是该编号的办理进度。')
    await tap(wrapper, 'status-submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="status-result"]').exists()).toBe(false)
    answer(notFound())
    await flushPromises()
    expect(wrapper.find('[data-testid="fund-error"]').text()).toContain('APPLICATION_NOT_FOUND')
  })
})
