/**
 * The staff dashboard's words: what "清除已处理的问题" says it did — all cleared, or some
 * kept because their cause is still there — and the oldest queued item named in words. The core's
 * side of both is tested in tests/unit/core/supervisor; this is what staff read. And the out-of-service
 * form: asked first, and a preset goes to attract in Chinese whatever language staff read.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SupervisorDashboard } from '../../shared/api/methods/supervisor'
import SupervisorScreen from '../../renderer/screens/supervisor/SupervisorScreen.vue'
import { useSupervisorStore } from '../../renderer/stores/supervisor'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

function dashboard(change: Partial<SupervisorDashboard> = {}): SupervisorDashboard {
  return {
    terminalId: 'FZ-GJJ-T001',
    version: '0.1.0',
    host: 'web',
    demo: true,
    startedAt: '2026-12-05T01:00:00.000Z',
    uptimeSeconds: 600,
    connection: 'online',
    lastSyncAt: '2026-12-05T01:09:00.000Z',
    dataUpdatedAt: '2026-12-05T01:09:00.000Z',
    lastSyncError: null,
    outbox: { depth: 1, oldestAt: '2026-12-05T01:08:00.000Z', oldestKind: 'audit', rejected: 0 },
    devices: [],
    disk: { freeBytes: 10e9, totalBytes: 100e9 },
    today: { sessions: 3, services: [] },
    callStaff: [],
    outOfService: null,
    issues: [
      { code: 'STORE_WRITE_FAILED', at: '2026-12-05T01:05:00.000Z', detail: 'ENOSPC' },
      { code: 'DISK_LOW', at: '2026-12-05T01:06:00.000Z' },
    ],
    storeAvailable: true,
    ...change,
  }
}

let ctx: KioskTestApp
let cleared: { cleared: number; remaining: number }

beforeEach(async () => {
  ctx = createKioskTestApp(
    createFakeKioskApi({
      'supervisor.enter': () => ({
        ok: true,
        value: {
          token: 'staff-token-0123456789',
          expiresAt: '2026-12-05T02:00:00Z',
          idleSeconds: 120,
        },
      }),
      'supervisor.dashboard': () => ({ ok: true, value: dashboard() }),
      'supervisor.receipts': () => ({ ok: true, value: { receipts: [] } }),
      'supervisor.clearIssues': () => ({ ok: true, value: cleared }),
      'supervisor.setOutOfService': (input) => ({
        ok: true,
        value: { outOfService: input.inService ? null : { message: input.message ?? '' } },
      }),
    }),
  )
  expect(await useSupervisorStore().enter('246810')).toBe(true)
})
afterEach(() => ctx.app.unmount())

async function clearIssues() {
  const screen = mount(SupervisorScreen, ctx.mountOptions)
  await flushPromises()
  await screen.find('[data-testid="staff-clear-issues"]').trigger('click')
  await flushPromises()
  return screen
}

describe('staff dashboard words', () => {
  it('says how many issues were cleared when none stayed', async () => {
    cleared = { cleared: 2, remaining: 0 }
    const screen = await clearIssues()
    const outcome = screen.find('[data-testid="staff-outcome"]').text()
    expect(outcome).toContain('已清除 2 条问题')
    expect(outcome).not.toContain('其余')
  })

  it('says which stayed, and why, when some causes are still there', async () => {
    cleared = { cleared: 2, remaining: 1 }
    const screen = await clearIssues()
    expect(screen.find('[data-testid="staff-outcome"]').text()).toContain(
      '已清除 2 条问题；其余 1 条的原因仍在',
    )
  })

  it('names the oldest queued item in words, not its outbox kind', async () => {
    const screen = mount(SupervisorScreen, ctx.mountOptions)
    await flushPromises()
    const outbox = screen.find('[data-testid="staff-outbox-depth"]').element.closest('dl')!
    expect(outbox.textContent).toContain('审计记录')
    expect(outbox.textContent).not.toMatch(/\baudit\b/)
  })
})

describe('out of service', () => {
  async function chooseAndAsk(locale: 'zh-CN' | 'en', option: number) {
    ctx.i18n.global.locale.value = locale
    const screen = mount(SupervisorScreen, ctx.mountOptions)
    await flushPromises()
    const select = screen.find('[data-testid="staff-oos-message"]')
    const chosen = (select.element as HTMLSelectElement).options[option]
    await select.setValue(chosen.value)
    await screen.find('[data-testid="staff-outOfService"]').trigger('click')
    await flushPromises()
    return { screen, label: chosen.text.trim() }
  }

  it('asks first; cancelling takes nothing out of service', async () => {
    const { screen } = await chooseAndAsk('zh-CN', 1)
    expect(screen.find('[data-testid="staff-confirm"]').text()).toContain('确定暂停吗')
    expect(ctx.api.callsOf('supervisor.setOutOfService')).toEqual([])
    await screen.find('[data-testid="staff-confirm-cancel"]').trigger('click')
    await flushPromises()
    expect(screen.find('[data-testid="staff-confirm"]').exists()).toBe(false)
    expect(ctx.api.callsOf('supervisor.setOutOfService')).toEqual([])
  })

  it.each(['zh-CN', 'en'] as const)(
    'stores a preset in Chinese when staff read %s (attract shows it as it is)',
    async (locale) => {
      const { screen, label } = await chooseAndAsk(locale, 1)
      expect(label).toBe(
        locale === 'en'
          ? 'System maintenance, please go to window 3'
          : '系统维护，请到 3 号窗口办理',
      )
      await screen.find('[data-testid="staff-confirm-ok"]').trigger('click')
      await flushPromises()
      expect(ctx.api.callsOf('supervisor.setOutOfService')).toEqual([
        expect.objectContaining({ message: '系统维护，请到 3 号窗口办理' }),
      ])
    },
  )

  it('sends the default message in staff’s language when nothing is chosen', async () => {
    const { screen } = await chooseAndAsk('en', 0)
    await screen.find('[data-testid="staff-confirm-ok"]').trigger('click')
    await flushPromises()
    expect(ctx.api.callsOf('supervisor.setOutOfService')).toEqual([
      expect.objectContaining({ message: 'Under maintenance, please go to a staffed counter' }),
    ])
  })
})
