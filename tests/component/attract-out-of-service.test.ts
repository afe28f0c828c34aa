/**
 * The attract screen of a terminal that cannot serve: out of service, no "touch to start", and
 * what staff should do in words (a bad config names its fields; a terminal never provisioned
 * says how to provision it), in both languages.
 */
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import AttractScreen from '../../renderer/screens/AttractScreen.vue'
import { useTerminalStore } from '../../renderer/stores/terminal'
import type { TerminalStatus } from '../../shared/api/methods/terminal'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'
import { createFakeKioskApi, demoInfo, demoStatus } from './support/fake-kiosk-api'

let ctx: KioskTestApp | undefined
afterEach(() => ctx?.app.unmount())

async function attractWith(issues: TerminalStatus['issues']) {
  const api = createFakeKioskApi({
    'terminal.info': () => ({
      ok: true,
      value: demoInfo({
        demo: false,
        qa: false,
        status: demoStatus({ outOfService: { message: '' }, issues }),
      }),
    }),
  })
  ctx = createKioskTestApp(api)
  await useTerminalStore().load()
  return mount(AttractScreen, ctx.mountOptions)
}

const at = '2025-01-06T02:30:00.000Z'

describe('attract screen out of service', () => {
  it('tells staff how to provision a terminal that was never set up', async () => {
    const wrapper = await attractWith([{ code: 'NOT_PROVISIONED', at }])
    expect(wrapper.find('[data-testid="touch-to-start"]').exists()).toBe(false)
    const note = wrapper.get('[data-testid="not-provisioned"]')
    expect(note.text()).toContain('hall-kiosk --provision')
    expect(note.text()).toContain('尚未配置')
    expect(wrapper.find('[data-testid="config-invalid"]').exists()).toBe(false)

    ctx!.i18n.global.locale.value = 'en'
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid="not-provisioned"]').text()).toContain(
      'This terminal is not set up yet',
    )
  })

  it('names the bad fields of an invalid config, and only that', async () => {
    const wrapper = await attractWith([{ code: 'CONFIG_INVALID', at, fields: ['terminalKey'] }])
    expect(wrapper.get('[data-testid="config-invalid"]').text()).toContain('terminalKey')
    expect(wrapper.find('[data-testid="not-provisioned"]').exists()).toBe(false)
  })
})
