/**
 * The status lookup screen says in words, in both languages, that this terminal asked too often
 * (the centre's 429, LOOKUP_RATE_LIMITED), instead of a generic refusal.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import FundStatusScreen from '../../renderer/screens/fund/FundStatusScreen.vue'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp } from './support/kiosk-app'

describe('status lookup refused as too many', () => {
  it('shows the translated words and the code for staff', async () => {
    const ctx = createKioskTestApp(
      createFakeKioskApi({
        'fund.applicationStatus': () => ({
          ok: false,
          error: { code: 'LOOKUP_RATE_LIMITED', detail: 'retryAfterSeconds=42' },
        }),
      }),
    )
    const wrapper = mount(FundStatusScreen, ctx.mountOptions)
    await flushPromises()
    // The number (prefix Q is chosen), then the field moves on to the last 4 by itself.
    for (const key of '1234567890123417') {
      await wrapper.find(`[data-testid="key-${key}"]`).trigger('click')
    }
    await wrapper.find('[data-testid="status-submit"]').trigger('click')
    await flushPromises()
    expect(ctx.api.callsOf('fund.applicationStatus')).toEqual([
      { number: 'Q123456789012', idLast4: '3417' },
    ])
    const error = wrapper.find('[data-testid="fund-error"]')
    expect(error.text()).toContain('本终端查询过于频繁，请一分钟后再试。')
    expect(error.text()).toContain('LOOKUP_RATE_LIMITED')
    ctx.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.find('[data-testid="fund-error"]').text()).toContain(
      'Too many lookups from this terminal. Please try again in a minute.',
    )
  })
})
