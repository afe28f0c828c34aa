/**
 * Opening hours and notices are judged in the hall's zone (Asia/Shanghai), whatever zone the
 * machine runs in; closed dates close a whole day; an expired or future notice is never shown;
 * the centre's reference data is checked at the boundary (bad hours, non-https app pages).
 */
import { describe, expect, it } from 'vitest'
import { NoticeData, ServiceHoursData, WalletGuideData } from '../../../shared/central'
import { DEMO_NOTICES, DEMO_SERVICE_HOURS } from '../../../electron/central/seed/centre'
import { endOfLocalDay, hoursState, localTime, noticesInForce } from '../../../shared/service-hours'
import { serviceAvailability } from '../../../shared/services'

const hours = ServiceHoursData.parse({
  days: [1, 2, 3, 4, 5]
    .map((weekday) => ({ weekday, open: '08:30', close: '17:30' }))
    .concat([{ weekday: 6, open: '09:00', close: '12:00' }]),
  closedDates: ['2027-01-01'],
})
/** Beijing wall-clock time as an instant (UTC+8, no daylight saving). */
const bj = (local: string) => new Date(`${local}+08:00`)

describe('hoursState', () => {
  it('is open inside a weekday range in Beijing time, even when UTC is another day', () => {
    // Monday 2026-12-07 08:30 in Beijing is Sunday 2026-12-06 00:30 UTC.
    expect(localTime(bj('2026-12-07T08:30'))).toEqual({
      date: '2026-12-07',
      weekday: 1,
      time: '08:30',
    })
    expect(hoursState(hours, bj('2026-12-07T08:30'))).toEqual({ open: true })
    expect(hoursState(hours, bj('2026-12-07T17:29'))).toEqual({ open: true })
  })

  it('says when it opens: later today, tomorrow, or after a weekend', () => {
    expect(hoursState(hours, bj('2026-12-07T07:00'))).toEqual({
      open: false,
      opensAt: { date: '2026-12-07', weekday: 1, time: '08:30' },
    })
    // Closing time itself is closed.
    expect(hoursState(hours, bj('2026-12-07T17:30'))).toEqual({
      open: false,
      opensAt: { date: '2026-12-08', weekday: 2, time: '08:30' },
    })
    // Saturday afternoon: the next opening is Monday.
    expect(hoursState(hours, bj('2026-12-12T13:00'))).toEqual({
      open: false,
      opensAt: { date: '2026-12-14', weekday: 1, time: '08:30' },
    })
  })

  it('keeps a closed date closed all day and skips it when saying when it opens', () => {
    // 2027-01-01 is a Friday: closed; Saturday 2 January opens at 09:00.
    expect(hoursState(hours, bj('2027-01-01T10:00'))).toEqual({
      open: false,
      opensAt: { date: '2027-01-02', weekday: 6, time: '09:00' },
    })
    expect(hoursState(hours, bj('2026-12-31T18:00'))).toEqual({
      open: false,
      opensAt: { date: '2027-01-02', weekday: 6, time: '09:00' },
    })
  })

  it('answers null for hours that never open', () => {
    expect(hoursState({ days: [] }, bj('2026-12-07T10:00'))).toEqual({
      open: false,
      opensAt: null,
    })
  })

  it('ends the local day at Beijing midnight', () => {
    expect(endOfLocalDay(bj('2026-12-07T20:15:30')).toISOString()).toBe('2026-12-07T16:00:00.000Z')
  })
})

describe('noticesInForce', () => {
  const demo = DEMO_NOTICES.map(([key, data]) => ({ key, data: NoticeData.parse(data) }))

  it('never shows the expired demo notice, and shows the rest newest first', () => {
    const shown = noticesInForce(demo, bj('2026-12-07T10:00')).map((n) => n.key)
    expect(shown).toEqual(['holiday-hours', 'iit-annual-settlement', 'wallet-binding-launch'])
    expect(shown).not.toContain('maintenance-2025-11')
  })

  it('includes validTo itself and nothing after it, in Beijing dates', () => {
    const one = [
      { key: 'n', data: { ...demo[3]!.data, validFrom: '2026-12-01', validTo: '2026-12-07' } },
    ]
    // 23:59 Beijing on the last day is shown; 00:00 the next day (still 7 Dec in UTC) is not.
    expect(noticesInForce(one, bj('2026-12-07T23:59'))).toHaveLength(1)
    expect(noticesInForce(one, bj('2026-12-08T00:00'))).toHaveLength(0)
    expect(noticesInForce(one, bj('2026-11-30T23:59'))).toHaveLength(0)
  })

  it('gives absent kind and importance their meaning', () => {
    const [n] = noticesInForce(
      [{ key: 'x', data: NoticeData.parse({ ...demo[0]!.data, kind: undefined }) }],
      bj('2026-12-07T10:00'),
    )
    expect(n).toMatchObject({ kind: 'general', important: false })
  })
})

describe('reference data at the boundary', () => {
  it('refuses hours that close before they open and closed dates that are not dates', () => {
    expect(
      ServiceHoursData.safeParse({ days: [{ weekday: 1, open: '18:00', close: '09:00' }] }).success,
    ).toBe(false)
    expect(ServiceHoursData.safeParse({ days: [], closedDates: ['2027-13-01'] }).success).toBe(
      false,
    )
    expect(
      ServiceHoursData.safeParse({ days: [{ weekday: 8, open: '08:00', close: '09:00' }] }).success,
    ).toBe(false)
  })

  it('accepts only https app pages and hotline-shaped numbers in a wallet guide', () => {
    const guide = {
      steps: [{ zh: '一', en: 'one' }],
      appUrl: 'https://www.boc.cn/',
      hotline: '95566',
    }
    expect(WalletGuideData.safeParse(guide).success).toBe(true)
    for (const appUrl of [
      'http://www.boc.cn/',
      'javascript:alert(1)',
      'www.boc.cn',
      ' https://x',
    ]) {
      expect(WalletGuideData.safeParse({ ...guide, appUrl }).success, appUrl).toBe(false)
    }
    for (const hotline of ['95566; rm', '', '9', 'tel:95566']) {
      expect(WalletGuideData.safeParse({ ...guide, hotline }).success, hotline).toBe(false)
    }
  })

  it('seeds hours for every service that keeps hours', () => {
    const keyed = new Set(DEMO_SERVICE_HOURS.map(([key]) => key))
    const closedAll = serviceAvailability({
      centralOnline: true,
      outOfService: false,
      devices: [{ kind: 'a4Printer', state: 'READY', code: 'OK' } as never],
      closed: Object.fromEntries([...keyed].map((k) => [k, null])),
    })
    for (const s of closedAll) {
      expect(s.available, s.id).toBe(!keyed.has(s.id))
    }
  })
})
