/**
 * The binding card reads the fund store's one binding (`fund.bindingState`): a binding on its way
 * shows its state in words and the application being decided; none shows "未绑定" and a way to
 * bind; and the `actions` slot, where services paid into the wallet add their buttons, is handed
 * the current binding.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import type { FundBindingState } from '../../shared/api'
import BindingCard from '../../renderer/components/fund/BindingCard.vue'
import { useFundStore } from '../../renderer/stores/fund'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp } from './support/kiosk-app'

const NONE: FundBindingState = {
  account: { status: '01', accountNoMasked: '***5678', employerName: '某公司' },
  current: null,
  bindRefusal: null,
  unbindRefusal: 'NOT_BOUND',
  notices: [],
  queued: null,
}
const PENDING: FundBindingState = {
  ...NONE,
  current: {
    bindingId: 'B1',
    operatorCode: 'ICBC',
    operatorName: { zh: '工商银行', en: 'ICBC' },
    walletIdMasked: '************2151',
    walletClass: 2,
    state: 'pending',
    since: '2026-12-05T02:00:00.000Z',
    pendingApplicationNo: 'BD20261205000004',
  },
  bindRefusal: 'APPLICATION_IN_FLIGHT',
}

async function cardFor(state: FundBindingState) {
  const ctx = createKioskTestApp(
    createFakeKioskApi({
      'fund.bindingState': () => ({ ok: true, value: state }),
      'fund.walletOperators': () => ({ ok: true, value: { operators: [] } }),
    }),
  )
  const wrapper = mount(BindingCard, {
    ...ctx.mountOptions,
    slots: {
      actions: (props: { binding: FundBindingState['current'] }) =>
        h('span', { 'data-testid': 'slot' }, props.binding?.bindingId ?? 'none'),
    },
  })
  await useFundStore().loadState()
  await flushPromises()
  return { ctx, wrapper }
}

describe('binding card', () => {
  it('a pending bind: state in words, the application being decided, the slot gets the binding', async () => {
    const { ctx, wrapper } = await cardFor(PENDING)
    expect(wrapper.find('[data-testid="binding-state"]').text()).toBe('绑定中')
    expect(wrapper.find('[data-testid="binding-pending-no"]').text()).toBe('BD20261205000004')
    expect(wrapper.text()).toContain('工商银行')
    expect(wrapper.text()).toContain('2026-12-05')
    expect(wrapper.find('[data-testid="binding-bind"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="slot"]').text()).toBe('B1')
    ctx.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.find('[data-testid="binding-state"]').text()).toBe('Binding in progress')
  })

  it('no binding: 未绑定 with a way to bind', async () => {
    const { wrapper } = await cardFor(NONE)
    expect(wrapper.find('[data-testid="binding-none"]').text()).toBe('未绑定')
    expect(wrapper.find('[data-testid="binding-bind"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="slot"]').text()).toBe('none')
  })
})
