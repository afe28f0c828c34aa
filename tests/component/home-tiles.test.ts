import { SERVICE_ROUTES } from '../../renderer/route-names'
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { SERVICE_IDS } from '../../shared/services'
import HomeScreen from '../../renderer/screens/HomeScreen.vue'
import { usePreferencesStore } from '../../renderer/stores/preferences'
import { useSessionStore } from '../../renderer/stores/session'
import { useTerminalStore } from '../../renderer/stores/terminal'
import {
  comingSoonServices,
  createFakeKioskApi,
  demoInfo,
  demoStatus,
} from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

const status = demoStatus({
  services: comingSoonServices().map((service) => {
    if (service.id === 'help.faq') return { id: service.id, available: true }
    if (service.id === 'tax.certificate')
      return {
        id: service.id,
        available: false,
        reason: { code: 'DEVICE_UNAVAILABLE', device: 'a4Printer', deviceCode: 'MEDIA_EMPTY' },
      }
    if (service.id === 'fund.query')
      return { id: service.id, available: false, reason: { code: 'CENTRAL_OFFLINE' } }
    return service
  }),
})
let ctx: KioskTestApp

beforeEach(async () => {
  ctx = createKioskTestApp(
    createFakeKioskApi({ 'terminal.info': () => ({ ok: true, value: demoInfo({ status }) }) }),
  )
  await useTerminalStore().load()
})

describe('home tiles', () => {
  it('shows one tile per service in catalogue order, unavailable ones disabled with a reason', () => {
    const wrapper = mount(HomeScreen, ctx.mountOptions)
    const tiles = wrapper.findAll('[data-testid="service-tile"]')
    expect(tiles.map((t) => t.attributes('data-service'))).toEqual([...SERVICE_IDS])

    const byId = (id: string) => tiles.find((t) => t.attributes('data-service') === id)!
    expect(byId('help.faq').attributes('aria-disabled')).toBe('false')
    expect(byId('help.faq').text()).toContain('常见问题')
    expect(byId('help.faq').text()).not.toContain('请到人工窗口办理')

    expect(byId('fund.bind').attributes('aria-disabled')).toBe('true')
    expect(byId('fund.bind').text()).toContain('即将开放')
    expect(byId('fund.bind').text()).toContain('请到人工窗口办理')
    expect(byId('tax.certificate').text()).toContain('A4 打印机暂不可用：缺纸')
    expect(byId('fund.query').text()).toContain('中心系统暂时连接不上')
  })

  it('follows a terminal.status event and the language', async () => {
    const wrapper = mount(HomeScreen, ctx.mountOptions)
    ctx.api.emit('terminal.status', demoStatus({ outOfService: { message: '' } }))
    usePreferencesStore().setLocale('en')
    ctx.i18n.global.locale.value = 'en'
    await wrapper.vm.$nextTick()
    const first = wrapper.find('[data-testid="service-tile"]')
    expect(first.text()).toContain('Link wallet')
    expect(first.text()).toContain('Coming soon')
    expect(first.text()).toContain('Please ask at the counter')
  })

  it('opens an available service and ignores a disabled one', async () => {
    await useSessionStore().start()
    const wrapper = mount(HomeScreen, ctx.mountOptions)
    const pushes: unknown[] = []
    ctx.router.beforeEach((to) => {
      pushes.push(to.name)
      return false
    })
    await wrapper.find('[data-service="fund.bind"]').trigger('click')
    await wrapper.find('[data-service="help.faq"]').trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    // A built service opens its own first screen (SERVICE_ROUTES).
    expect(pushes).toEqual([SERVICE_ROUTES['help.faq']])
  })
})
