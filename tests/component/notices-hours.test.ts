/**
 * Home with the centre's data: a tile outside its hours says when it opens and does not start,
 * in both languages; the notices strip shows the newest notice and opens the list; attract shows
 * the newest important notice. The core filters expired notices (unit tests); here the renderer
 * shows exactly what the core sends.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { NoticeEntry } from '../../shared/api/methods/centre'
import AttractScreen from '../../renderer/screens/AttractScreen.vue'
import HomeScreen from '../../renderer/screens/HomeScreen.vue'
import { ROUTES } from '../../renderer/route-names'
import { usePreferencesStore } from '../../renderer/stores/preferences'
import { useSessionStore } from '../../renderer/stores/session'
import { useTerminalStore } from '../../renderer/stores/terminal'
import { createFakeKioskApi, demoInfo, demoStatus } from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'
import { SERVICE_IDS } from '../../shared/services'

const notice = (key: string, over: Partial<NoticeEntry> = {}): NoticeEntry => ({
  key,
  level: 'info',
  kind: 'general',
  important: false,
  title: { zh: `标题 ${key}`, en: `Title ${key}` },
  body: { zh: `正文 ${key}`, en: `Body ${key}` },
  validFrom: '2026-11-20',
  ...over,
})
const NOTICES = [
  notice('newest-plain', { validFrom: '2026-12-01' }),
  notice('important-one', { important: true, level: 'warning', validFrom: '2026-11-25' }),
  notice('tax-one', { kind: 'tax' }),
]

const status = demoStatus({
  services: SERVICE_IDS.map((id) =>
    id === 'fund.bind'
      ? {
          id,
          available: false,
          reason: { code: 'CLOSED', opensAt: { date: '2026-12-07', weekday: 1, time: '08:30' } },
        }
      : id === 'fund.unbind'
        ? { id, available: false, reason: { code: 'CLOSED' } }
        : { id, available: true },
  ),
})
let ctx: KioskTestApp

beforeEach(async () => {
  ctx = createKioskTestApp(
    createFakeKioskApi({
      'terminal.info': () => ({ ok: true, value: demoInfo({ status }) }),
      'terminal.notices': () => ({ ok: true, value: { notices: NOTICES } }),
    }),
  )
  await useTerminalStore().load()
})

describe('tiles outside service hours', () => {
  it('say when they open, point at what stays open, and do not start', async () => {
    await useSessionStore().start()
    const wrapper = mount(HomeScreen, ctx.mountOptions)
    const tile = wrapper.find('[data-service="fund.bind"]')
    expect(tile.attributes('aria-disabled')).toBe('true')
    expect(tile.find('[data-reason="CLOSED"]').text()).toContain('周一 08:30 开放')
    // What stays open is said once, above the tiles, not in each closed tile.
    expect(wrapper.find('[data-testid="home-hint"]').text()).toContain(
      '常见问题、钱包指引和进度查询随时可用',
    )
    expect(tile.text()).not.toContain('随时可用')
    expect(tile.text()).not.toContain('请到人工窗口办理')
    expect(wrapper.find('[data-service="fund.unbind"]').text()).toContain('暂未开放')

    const pushes: unknown[] = []
    ctx.router.beforeEach((to) => {
      pushes.push(to.name)
      return false
    })
    await tile.trigger('click')
    await wrapper.find('[data-service="help.faq"]').trigger('click')
    await flushPromises()
    expect(pushes).toEqual([ROUTES.helpFaq])

    usePreferencesStore().setLocale('en')
    ctx.i18n.global.locale.value = 'en'
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-service="fund.bind"]').text()).toContain('Opens Mon 08:30')
    expect(wrapper.find('[data-testid="home-hint"]').text()).toContain('always open')
  })
})

describe('notices', () => {
  it('home strip shows the count and the newest title, and opens the list', async () => {
    await useSessionStore().start()
    const wrapper = mount(HomeScreen, ctx.mountOptions)
    await flushPromises()
    const strip = wrapper.find('[data-testid="notices-strip"]')
    expect(strip.text()).toContain('通知公告（3）')
    expect(strip.text()).toContain('标题 newest-plain')
    const pushes: unknown[] = []
    ctx.router.beforeEach((to) => {
      pushes.push(to.name)
      return false
    })
    await strip.trigger('click')
    await flushPromises()
    expect(pushes).toEqual([ROUTES.notices])
  })

  it('home has no strip when the centre has no notices in force', async () => {
    ctx.api.handlers['terminal.notices'] = () => ({ ok: true, value: { notices: [] } })
    const wrapper = mount(HomeScreen, ctx.mountOptions)
    await flushPromises()
    expect(wrapper.find('[data-testid="notices-strip"]').exists()).toBe(false)
  })

  it('attract shows the newest important notice, in the UI language', async () => {
    const wrapper = mount(AttractScreen, ctx.mountOptions)
    await flushPromises()
    const shown = wrapper.find('[data-testid="attract-notice"]')
    expect(shown.attributes('data-notice')).toBe('important-one')
    expect(shown.text()).toContain('正文 important-one')
    ctx.i18n.global.locale.value = 'en'
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-testid="attract-notice"]').text()).toContain('Title important-one')
  })
})
