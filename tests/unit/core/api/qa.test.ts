/** `qa.*` and `devices.*` through core.call: QA-mode gate, devices into terminal.status, demo data. */
import { describe, expect, it } from 'vitest'
import { createCore } from '../../../../electron/core/core'
import { DEMO_RESIDENT_CARDS } from '../../../../electron/core/devices/demo-cards'
import { makeStatus } from '../../../../electron/core/devices'
import { QA_METHOD_NAMES } from '../../../../electron/core/api/qa'
import { buildDemoSeed } from '../../../../electron/central/seed'
import {
  DEMO_RESIDENT_ID_NUMBERS,
  METHOD_NAMES,
  type EventMessage,
  type MethodInput,
  type TerminalStatus,
} from '../../../../shared/api'
import { memoryLogger, testConfig } from '../core.fixture'
import { identityCore, valueOf } from '../identity/identity.fixture'

/** A valid input for each qa.* method, so only the mode gate can refuse it. */
const VALID: { [M in (typeof QA_METHOD_NAMES)[number]]: MethodInput<M> } = {
  'qa.demoResidents': {},
  'qa.insertCard': { resident: '350102198506123417' },
  'qa.removeCard': {},
  'qa.setDevice': { kind: 'receiptPrinter', code: 'MEDIA_EMPTY' },
  'qa.smsInbox': { phone: '13800591234' },
  'qa.centralApplications': { kind: 'feedback' },
  'qa.centralOutage': { on: false },
  'qa.centralRentPlansAdvance': {},
  'qa.setClock': { at: '2026-12-12T05:00:00.000Z' },
}

/** The demo centre's QA routes need a running centre; tests/unit/core/help runs them against one. */
const LOCAL_QA_METHODS = QA_METHOD_NAMES.filter((m) => !m.startsWith('qa.central'))

describe('QA mode gate', () => {
  it('lists every qa.* method of the contract', () => {
    expect([...QA_METHOD_NAMES].sort()).toEqual(
      METHOD_NAMES.filter((m) => m.startsWith('qa.')).sort(),
    )
  })

  it.each(QA_METHOD_NAMES)('refuses %s outside QA mode, and changes nothing', async (method) => {
    const t = await identityCore({ config: { qa: false } })
    const before = JSON.stringify(t.core.internals.devices.list())
    expect(await t.core.call(method, VALID[method])).toEqual({
      ok: false,
      error: { code: 'QA_MODE_ONLY' },
    })
    expect(JSON.stringify(t.core.internals.devices.list())).toBe(before)
    expect(t.core.internals.devices.get('cardReader')!.hasCard()).toBe(false)
  })

  it.each(LOCAL_QA_METHODS)('runs %s in QA mode', async (method) => {
    const t = await identityCore()
    expect((await t.core.call(method, VALID[method])).ok).toBe(true)
  })

  it('refuses insertCard with both or neither of resident and card', async () => {
    const t = await identityCore()
    expect(await t.core.call('qa.insertCard', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      await t.core.call('qa.insertCard', {
        resident: '350102198506123417',
        card: DEMO_RESIDENT_CARDS['350102198506123417'].card,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('QA drives the devices', () => {
  it('setDevice reaches terminal.status, device.changed and devices.list', async () => {
    const t = await identityCore()
    const statuses: TerminalStatus[] = []
    const changed: EventMessage[] = []
    t.core.onEvent((m) => {
      if (m.event === 'terminal.status') statuses.push(m.payload as TerminalStatus)
      if (m.event === 'device.changed') changed.push(m)
    })
    const low = valueOf(
      await t.core.call('qa.setDevice', { kind: 'receiptPrinter', code: 'MEDIA_LOW' }),
    )
    expect(low).toMatchObject({ kind: 'receiptPrinter', state: 'READY', code: 'MEDIA_LOW' })
    await t.core.call('qa.setDevice', { kind: 'cardReader', code: 'OFFLINE', detail: 'unplugged' })
    expect(changed.map((m) => (m.payload as { code: string }).code)).toEqual([
      'MEDIA_LOW',
      'OFFLINE',
    ])
    const last = statuses.at(-1)!
    expect(last.devices.find((d) => d.kind === 'cardReader')).toMatchObject({
      state: 'UNAVAILABLE',
      code: 'OFFLINE',
      detail: 'unplugged',
    })
    const list = valueOf<{ devices: { kind: string; code: string }[] }>(
      await t.core.call('devices.list', {}),
    )
    expect(list.devices.map((d) => `${d.kind}:${d.code}`)).toEqual([
      'cardReader:OFFLINE',
      'camera:NOT_RESPONDING',
      'receiptPrinter:MEDIA_LOW',
      'a4Printer:OK',
    ])
    // terminal.info carries the same devices from the start.
    const info = valueOf<{ status: TerminalStatus }>(await t.core.call('terminal.info', {}))
    expect(info.status.devices).toHaveLength(4)
  })

  it('the camera report from the page reaches the status', async () => {
    const t = await identityCore({ config: { qa: false } })
    expect(valueOf(await t.core.call('devices.reportCamera', { state: 'denied' }))).toMatchObject({
      kind: 'camera',
      code: 'PERMISSION_DENIED',
    })
  })

  it('refuses to drive a device that is not simulated', async () => {
    const clock = () => new Date()
    const realPrinter = {
      kind: 'a4Printer' as const,
      description: 'ipp://printer.local/ipp/print',
      status: () => makeStatus('a4Printer', 'READY', 'OK', clock()),
      onStatus: () => () => {},
    }
    const core = await createCore(testConfig({ qa: true }), {
      logger: memoryLogger(),
      devices: { a4Printer: realPrinter },
    })
    expect(await core.call('qa.setDevice', { kind: 'a4Printer', code: 'MEDIA_EMPTY' })).toEqual({
      ok: false,
      error: { code: 'DEVICE_UNAVAILABLE', detail: 'a4Printer:not_simulated' },
    })
    // The other kinds keep their simulated drivers.
    expect((await core.call('qa.setDevice', { kind: 'receiptPrinter', code: 'JAMMED' })).ok).toBe(
      true,
    )
    await core.stop()
  })
})

describe('QA demo data and the SMS inbox', () => {
  it('lists the demo residents masked', async () => {
    const t = await identityCore()
    const { residents } = valueOf<{ residents: { idNumber: string; nameMasked: string }[] }>(
      await t.core.call('qa.demoResidents', {}),
    )
    expect(residents.map((r) => r.idNumber)).toEqual([...DEMO_RESIDENT_ID_NUMBERS])
    expect(residents[0]).toMatchObject({ nameMasked: '林**', phoneMasked: '138****1234' })
    expect(JSON.stringify(residents)).not.toContain('林晓峰')
  })

  it("matches the bundled centre's seed (names, numbers, phones, card validity)", () => {
    const seed = buildDemoSeed()
    expect(Object.keys(DEMO_RESIDENT_CARDS).sort()).toEqual(
      seed.residents.map((r) => r.idNumber).sort(),
    )
    for (const r of seed.residents) {
      const demo = DEMO_RESIDENT_CARDS[r.idNumber as keyof typeof DEMO_RESIDENT_CARDS]
      expect(demo.phone).toBe(r.phone)
      expect(demo.card).toMatchObject({
        name: r.name,
        gender: r.gender,
        birthDate: r.birthDate,
        issuingOffice: r.card.issuingOffice,
        validityStart: r.card.validityStart,
        validityEnd: r.card.validityEnd,
      })
    }
  })

  it('reads the inbox by phone, by demo ID number, or for the resident in the flow', async () => {
    const t = await identityCore()
    await t.start()
    expect(valueOf(await t.core.call('qa.smsInbox', { phone: '13800591234' }))).toEqual({
      code: null,
      sentAt: null,
    })
    expect(await t.core.call('qa.smsInbox', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    })
    await t.core.call('identity.sendSms', { idNumber: '350102198506123417' })
    const byPhone = valueOf<{ code: string }>(
      await t.core.call('qa.smsInbox', { phone: '13800591234' }),
    )
    expect(byPhone.code).toMatch(/^\d{6}$/)
    expect(valueOf(await t.core.call('qa.smsInbox', { idNumber: '350102198506123417' }))).toEqual(
      byPhone,
    )
    expect(valueOf(await t.core.call('qa.smsInbox', {}))).toEqual(byPhone)
    expect(await t.core.call('qa.smsInbox', { idNumber: '11010519491231002X' })).toMatchObject({
      ok: false,
      error: { code: 'RESIDENT_NOT_FOUND' },
    })
    expect(await t.core.call('qa.smsInbox', { idNumber: '350102198506123418' })).toMatchObject({
      ok: false,
      error: { code: 'ID_NUMBER_INVALID' },
    })
  })

  it('says CENTRAL_UNREACHABLE without a central address', async () => {
    const core = await createCore(testConfig({ qa: true, centralUrl: null }), {
      logger: memoryLogger(),
    })
    expect(await core.call('qa.smsInbox', { phone: '13800591234' })).toEqual({
      ok: false,
      error: { code: 'CENTRAL_UNREACHABLE', detail: 'no_central_url' },
    })
    await core.stop()
  })
})
