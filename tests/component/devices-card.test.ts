/**
 * The staff devices card names the driver and port serving each device (the hall's hardware
 * profile), in both languages, and the GA 467 reader's details in words.
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SupervisorDashboard } from '../../shared/api/methods/supervisor'
import DevicesCard from '../../renderer/screens/supervisor/DevicesCard.vue'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

const devices: SupervisorDashboard['devices'] = [
  {
    kind: 'cardReader',
    state: 'UNAVAILABLE',
    code: 'OFFLINE',
    detail: 'NO_READER',
    since: '2026-12-05T01:00:00.000Z',
    driver: 'ga467',
    port: '/dev/hall-id-reader@115200',
  },
  {
    kind: 'a4Printer',
    state: 'READY',
    code: 'OK',
    since: '2026-12-05T01:00:00.000Z',
    driver: 'cups',
    port: 'a4',
  },
  { kind: 'camera', state: 'READY', code: 'OK', since: '2026-12-05T01:00:00.000Z' },
]

let ctx: KioskTestApp
beforeEach(() => {
  ctx = createKioskTestApp()
})
afterEach(() => ctx.app.unmount())

function render(locale: 'zh-CN' | 'en') {
  ctx.i18n.global.locale.value = locale
  const card = mount(DevicesCard, {
    ...ctx.mountOptions,
    props: { dashboard: { devices } as SupervisorDashboard },
  })
  return card.findAll('li').map((li) => li.text().replace(/\s+/g, ' '))
}

describe('devices card', () => {
  it('shows each driver and port in Chinese', () => {
    const [reader, printer, camera] = render('zh-CN')
    expect(reader).toContain('二代证阅读器(GA 467) · /dev/hall-id-reader@115200')
    expect(reader).toContain('端口上没有阅读器')
    expect(printer).toContain('CUPS · a4')
    expect(camera).not.toContain('·  ·')
  })

  it('shows each driver and port in English', () => {
    const [reader] = render('en')
    expect(reader).toContain('ID card reader (GA 467) · /dev/hall-id-reader@115200')
    expect(reader).toContain('no reader on the port')
  })
})
