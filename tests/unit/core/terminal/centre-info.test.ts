/**
 * The centre's hours close the tiles of the services that keep hours (and only those), say when
 * they open, follow the QA clock, and yield to the staff override until the end of the local day.
 */
import { describe, expect, it } from 'vitest'
import { NoticeData, REFERENCE_DATA, type ReferenceKind } from '../../../../shared/central'
import {
  DEMO_NOTICES,
  DEMO_PROMISES,
  DEMO_SERVICE_HOURS,
  demoWalletGuide,
} from '../../../../electron/central/seed/centre'
import { createCentreInfo } from '../../../../electron/core/terminal/centre-info'
import { createStatusTracker } from '../../../../electron/core/terminal/status'
import type { CachedReferenceItem } from '../../../../electron/core/sync/reference-cache'

const bj = (local: string) => new Date(`${local}+08:00`)

function setup(
  cache: Partial<Record<ReferenceKind, { key: string; data: unknown }[]>>,
  startAt: Date | null = null,
) {
  const memory = new Map<string, string>()
  const status = createStatusTracker(() => {})
  status.update({ connection: 'online' })
  let real = bj('2026-12-07T10:00') // a Monday, inside hours
  const centre = createCentreInfo({
    items: <K extends ReferenceKind>(kind: K) =>
      (cache[kind] ?? []).map((i) => ({
        key: i.key,
        version: 1,
        data: REFERENCE_DATA[kind].parse(i.data),
      })) as CachedReferenceItem<K>[],
    clock: () => real,
    status,
    startAt,
    settings: {
      read: (k) => memory.get(k),
      write: async (k, v) => void (v === null ? memory.delete(k) : memory.set(k, v)),
    },
  })
  const tile = (id: string) => status.snapshot().services.find((s) => s.id === id)!
  return { centre, status, tile, advance: (to: Date) => (real = to) }
}

const demoCache = {
  serviceHours: DEMO_SERVICE_HOURS.map(([key, data]) => ({ key, data })),
  notice: DEMO_NOTICES.map(([key, data]) => ({ key, data })),
  servicePromise: DEMO_PROMISES.map(([key, data]) => ({ key, data })),
  walletOperator: [
    {
      key: 'BOC',
      data: {
        code: 'BOC',
        name: '中国银行',
        nameEn: 'Bank of China',
        enabled: true,
        order: 1,
        guide: demoWalletGuide('BOC', '中国银行', 'Bank of China'),
      },
    },
    { key: 'X', data: { code: 'X', name: '无指引', nameEn: 'No guide', enabled: true, order: 2 } },
  ],
}

describe('centre info', () => {
  it('closes services outside their hours with when they open; help stays open', () => {
    const { centre, tile } = setup(demoCache)
    centre.refresh()
    expect(tile('fund.bind').available).toBe(true)
    centre.setQaClock(bj('2026-12-12T13:00')) // Saturday afternoon
    expect(tile('fund.bind')).toEqual({
      id: 'fund.bind',
      available: false,
      reason: { code: 'CLOSED', opensAt: { date: '2026-12-14', weekday: 1, time: '08:30' } },
    })
    expect(tile('tax.records').reason).toMatchObject({ code: 'CLOSED', opensAt: { time: '09:00' } })
    for (const id of ['wallet.guide', 'help.faq', 'help.callStaff']) {
      expect(tile(id).available, id).toBe(true)
    }
    centre.setQaClock(null)
    expect(tile('fund.bind').available).toBe(true)
  })

  it('opens closed services on staff override until the end of the local day', async () => {
    const { centre, status, tile, advance } = setup(demoCache)
    centre.setQaClock(bj('2026-12-07T20:00'))
    expect(tile('fund.bind').reason?.code).toBe('CLOSED')
    const override = await centre.setOverride(true)
    expect(override).toEqual({ until: '2026-12-07T16:00:00.000Z' })
    expect(tile('fund.bind').available).toBe(true)
    expect(status.snapshot().hoursOverride).toEqual(override)
    // After midnight (Beijing) the override has lapsed by itself.
    advance(bj('2026-12-07T14:01'))
    centre.refresh()
    expect(tile('fund.bind').reason?.code).toBe('CLOSED')
    expect(status.snapshot().hoursOverride).toBeNull()
    // Turned off before it lapses.
    advance(bj('2026-12-07T10:00'))
    centre.setQaClock(bj('2026-12-07T20:00'))
    await centre.setOverride(true)
    expect(tile('fund.bind').available).toBe(true)
    await centre.setOverride(false)
    expect(tile('fund.bind').reason?.code).toBe('CLOSED')
  })

  it('starts at the configured QA instant and goes back there, not to the real clock', () => {
    const { centre, tile } = setup(demoCache, bj('2026-12-13T10:00')) // a Sunday
    centre.refresh()
    expect(tile('fund.bind').reason?.code).toBe('CLOSED')
    centre.setQaClock(bj('2026-12-07T10:00'))
    expect(tile('fund.bind').available).toBe(true)
    centre.setQaClock(null)
    expect(centre.now().toISOString()).toBe(bj('2026-12-13T10:00').toISOString())
    expect(tile('fund.bind').reason?.code).toBe('CLOSED')
  })

  it('keeps every service open when the centre sent no hours', () => {
    const { centre, tile } = setup({})
    centre.setQaClock(bj('2026-12-13T03:00'))
    expect(tile('fund.bind').available).toBe(true)
  })

  it('serves notices in force, promises from the centre, and guides with a QR', async () => {
    const { centre } = setup(demoCache)
    expect(centre.notices().map((n) => n.key)).not.toContain('maintenance-2025-11')
    centre.setQaClock(bj('2025-11-27T10:00'))
    expect(centre.notices().map((n) => n.key)).toEqual(['maintenance-2025-11'])
    expect(NoticeData.safeParse(centre.notices()[0]).success).toBe(true)

    expect(centre.promises()).toEqual({
      unbindDays: 1,
      feedbackDays: 5,
      fundHotline: '12329',
      taxHotline: '12366',
    })
    const changed = setup({
      servicePromise: [
        { key: 'feedback', data: { workingDays: 3 } },
        { key: 'fundHotline', data: { phone: '0591-12329' } },
      ],
    })
    expect(changed.centre.promises()).toMatchObject({ feedbackDays: 3, fundHotline: '0591-12329' })

    const guide = await centre.walletGuide()
    expect(guide.map((g) => g.code)).toEqual(['BOC'])
    expect(guide[0]).toMatchObject({ hotline: '95566', appUrl: 'https://www.boc.cn/' })
    expect(guide[0]!.qrSvg).toMatch(/^<svg[^>]*>.*<path/s)
    expect(guide[0]!.steps.some((s) => s.zh.includes('16 位'))).toBe(true)
  })
})
