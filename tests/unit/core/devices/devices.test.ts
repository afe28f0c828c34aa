/** The device model: registry, simulated drivers, the async-status adapter, status → tiles. */
import { describe, expect, it, vi } from 'vitest'
import {
  adaptAsyncStatusDriver,
  createDeviceRegistry,
  createReportedCamera,
  createSimulatedCardReader,
  createSimulatedDrivers,
  createSimulatedPrinter,
  defaultStateFor,
  makeStatus,
  type CardPresenceEvent,
} from '../../../../electron/core/devices'
import { DEMO_RESIDENT_CARDS } from '../../../../electron/core/devices/demo-cards'
import type { DeviceStatus } from '../../../../shared/devices'
import { serviceAvailability, type ServiceSpec } from '../../../../shared/services'

const clock = () => new Date('2026-03-01T02:00:00.000Z')
const LIN_CARD = DEMO_RESIDENT_CARDS['350102198506123417'].card

describe('device registry', () => {
  it('lists every kind in order, NOT_CONFIGURED where no driver was given', () => {
    const registry = createDeviceRegistry({
      drivers: { cardReader: createSimulatedCardReader({ clock }) },
      clock,
    })
    expect(registry.list().map((d) => [d.kind, d.state, d.code])).toEqual([
      ['cardReader', 'READY', 'OK'],
      ['camera', 'UNAVAILABLE', 'NOT_CONFIGURED'],
      ['receiptPrinter', 'UNAVAILABLE', 'NOT_CONFIGURED'],
      ['a4Printer', 'UNAVAILABLE', 'NOT_CONFIGURED'],
    ])
    expect(registry.get('camera')).toBeUndefined()
  })

  it('announces each change once, and stops after unsubscribe and dispose', () => {
    const drivers = createSimulatedDrivers({ clock })
    const registry = createDeviceRegistry({ drivers, clock })
    const seen: DeviceStatus[] = []
    const unsubscribe = registry.subscribe((s) => seen.push(s))
    drivers.receiptPrinter.setSimulatedState({ code: 'MEDIA_LOW' })
    drivers.receiptPrinter.setSimulatedState({ code: 'MEDIA_LOW' })
    drivers.a4Printer.setSimulatedState({ code: 'MEDIA_EMPTY', detail: 'tray 2 empty' })
    expect(seen.map((s) => [s.kind, s.state, s.code])).toEqual([
      ['receiptPrinter', 'READY', 'MEDIA_LOW'],
      ['a4Printer', 'UNAVAILABLE', 'MEDIA_EMPTY'],
    ])
    unsubscribe()
    drivers.receiptPrinter.setSimulatedState({ code: 'OK' })
    expect(seen).toHaveLength(2)
    const again: DeviceStatus[] = []
    registry.subscribe((s) => again.push(s))
    registry.dispose()
    drivers.receiptPrinter.setSimulatedState({ code: 'JAMMED' })
    expect(again).toEqual([])
  })

  it('refuses a driver registered under the wrong kind', () => {
    const printer = createSimulatedPrinter('a4Printer', { clock })
    expect(() =>
      createDeviceRegistry({ drivers: { receiptPrinter: printer as never }, clock }),
    ).toThrow(/reports kind a4Printer/)
  })

  it('derives the state from the code unless told: warnings serve, faults do not', () => {
    expect(defaultStateFor('OK')).toBe('READY')
    expect(defaultStateFor('MEDIA_LOW')).toBe('READY')
    for (const code of ['MEDIA_EMPTY', 'JAMMED', 'OFFLINE', 'HARDWARE_ERROR'] as const) {
      expect(defaultStateFor(code)).toBe('UNAVAILABLE')
    }
    const printer = createSimulatedPrinter('receiptPrinter', { clock })
    expect(printer.setSimulatedState({ code: 'OK', state: 'BUSY' }).state).toBe('BUSY')
  })

  it('feeds service availability: a printer out of paper disables only what needs it', () => {
    const catalogue: ServiceSpec[] = [
      {
        id: 'tax.certificate',
        needsIdentity: true,
        needsCentral: true,
        devices: ['a4Printer'],
        built: true,
      },
      { id: 'fund.query', needsIdentity: true, needsCentral: true, devices: [], built: true },
    ]
    const drivers = createSimulatedDrivers({ clock })
    const registry = createDeviceRegistry({ drivers, clock })
    const tiles = () =>
      serviceAvailability(
        { centralOnline: true, outOfService: false, devices: registry.list() },
        catalogue,
      )
    expect(tiles().every((t) => t.available)).toBe(true)
    drivers.a4Printer.setSimulatedState({ code: 'MEDIA_EMPTY' })
    expect(tiles()).toEqual([
      {
        id: 'tax.certificate',
        available: false,
        reason: { code: 'DEVICE_UNAVAILABLE', device: 'a4Printer', deviceCode: 'MEDIA_EMPTY' },
      },
      { id: 'fund.query', available: true },
    ])
    drivers.a4Printer.setSimulatedState({ code: 'MEDIA_LOW' })
    expect(tiles()[0]!.available).toBe(true)
  })
})

describe('simulated card reader', () => {
  it('announces insert and remove, and reads a copy of the card (BUSY while reading)', async () => {
    const reader = createSimulatedCardReader({ clock })
    const events: CardPresenceEvent[] = []
    const states: string[] = []
    reader.onCard((e) => events.push(e))
    reader.onStatus((s) => states.push(s.state))
    expect(await reader.readCard()).toEqual({ ok: false, reason: 'NO_CARD' })
    reader.insertCard(LIN_CARD)
    const read = await reader.readCard()
    expect(read).toEqual({ ok: true, card: LIN_CARD })
    expect(read.ok && read.card).not.toBe(LIN_CARD)
    expect(states).toEqual(['BUSY', 'READY'])
    expect(reader.removeCard()).toBe(true)
    expect(reader.removeCard()).toBe(false)
    expect(events).toEqual(['inserted', 'removed'])
    expect(reader.hasCard()).toBe(false)
  })

  it('fails reads when unplugged, unreadable, or the card is pulled mid-read', async () => {
    vi.useFakeTimers()
    try {
      const reader = createSimulatedCardReader({ clock, readDelayMs: 100 })
      reader.insertCard(LIN_CARD, { unreadable: true })
      const unreadable = reader.readCard()
      await vi.advanceTimersByTimeAsync(100)
      expect(await unreadable).toEqual({ ok: false, reason: 'READ_ERROR' })
      reader.insertCard(LIN_CARD)
      const pulled = reader.readCard()
      reader.removeCard()
      await vi.advanceTimersByTimeAsync(100)
      expect(await pulled).toEqual({ ok: false, reason: 'READ_ERROR' })
      reader.insertCard(LIN_CARD)
      reader.setSimulatedState({ code: 'OFFLINE', detail: 'USB unplugged' })
      expect(reader.status()).toMatchObject({ state: 'UNAVAILABLE', code: 'OFFLINE' })
      expect(await reader.readCard()).toEqual({ ok: false, reason: 'UNAVAILABLE' })
      // Unplugged during a read: QA's state wins over the read's own BUSY → READY.
      reader.setSimulatedState({ code: 'OK' })
      const midway = reader.readCard()
      reader.setSimulatedState({ code: 'HARDWARE_ERROR' })
      await vi.advanceTimersByTimeAsync(100)
      expect(await midway).toEqual({ ok: false, reason: 'UNAVAILABLE' })
      expect(reader.status().code).toBe('HARDWARE_ERROR')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('camera (reported by the page)', () => {
  it('is NOT_RESPONDING until the page reports, then follows the reports', () => {
    const camera = createReportedCamera({ clock })
    expect(camera.status()).toMatchObject({ state: 'UNAVAILABLE', code: 'NOT_RESPONDING' })
    expect(camera.presence()).toBe('unknown')
    expect(camera.report('denied')).toMatchObject({
      state: 'UNAVAILABLE',
      code: 'PERMISSION_DENIED',
    })
    expect(camera.presence()).toBe('denied')
    expect(camera.report('missing')).toMatchObject({ state: 'UNAVAILABLE', code: 'OFFLINE' })
    expect(camera.presence()).toBe('missing')
    expect(camera.report('ready')).toMatchObject({ state: 'READY', code: 'OK' })
    expect(camera.presence()).toBe('ready')
  })
})

describe('adaptAsyncStatusDriver (printers whose status is asked for)', () => {
  it('starts NOT_RESPONDING, takes the first answer, forwards pushes and simulated changes', async () => {
    let pushed: ((s: DeviceStatus) => void) | undefined
    let answer = makeStatus('receiptPrinter', 'READY', 'OK', clock())
    const source = {
      kind: 'receiptPrinter' as const,
      description: 'simulated',
      status: async () => answer,
      onChange(listener: (s: DeviceStatus) => void) {
        pushed = listener
        return () => {
          pushed = undefined
        }
      },
      setSimulatedState(change: { code: DeviceStatus['code'] }) {
        answer = makeStatus('receiptPrinter', defaultStateFor(change.code), change.code, clock())
        return answer
      },
    }
    const driver = adaptAsyncStatusDriver(source, { clock, pollMs: 0 })
    expect(driver.status().code).toBe('NOT_RESPONDING')
    const seen: string[] = []
    driver.onStatus((s) => seen.push(s.code))
    await driver.refresh()
    expect(driver.status().code).toBe('OK')
    pushed!(makeStatus('receiptPrinter', 'READY', 'MEDIA_LOW', clock()))
    driver.setSimulatedState!({ code: 'MEDIA_EMPTY' })
    expect(seen).toEqual(['OK', 'MEDIA_LOW', 'MEDIA_EMPTY'])
    driver.dispose!()
    expect(pushed).toBeUndefined()
  })

  it('treats a status() that rejects as a silent device', async () => {
    const driver = adaptAsyncStatusDriver(
      { kind: 'a4Printer', status: () => Promise.reject(new Error('socket hang up')) },
      { clock, pollMs: 0 },
    )
    expect((await driver.refresh()).code).toBe('NOT_RESPONDING')
  })
})

describe('adapting a printer whose QA control pushes instead of returning', () => {
  it('takes the pushed status as the answer of setSimulatedState', () => {
    let listener: ((s: DeviceStatus) => void) | undefined
    const printer = {
      kind: 'a4Printer' as const,
      status: async () => makeStatus('a4Printer', 'READY', 'OK', clock()),
      onChange(l: (s: DeviceStatus) => void) {
        listener = l
        return () => {}
      },
      // Like the print path's setCondition: returns nothing, notifies at once.
      setCondition(code: DeviceStatus['code']) {
        listener?.(makeStatus('a4Printer', defaultStateFor(code), code, clock()))
      },
    }
    const driver = adaptAsyncStatusDriver(
      { ...printer, setSimulatedState: (c) => printer.setCondition(c.code) },
      { clock, pollMs: 0 },
    )
    expect(driver.setSimulatedState!({ code: 'MEDIA_EMPTY' })).toMatchObject({
      state: 'UNAVAILABLE',
      code: 'MEDIA_EMPTY',
    })
  })
})
