/**
 * The GA 467 driver against the fake reader through the real serial stack: a `socat` pty pair,
 * `serialport` on both ends. Every fault must end in its status within 2 s, and an unplugged
 * reader must come back without a new driver.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeviceStatus } from '../../shared/devices'
import { DEMO_RESIDENT_CARDS } from '../../electron/core/devices/demo-cards'
import { createFakeReaderControl } from '../../electron/core/devices/ga467/fake-reader-control'
import {
  createGa467CardReader,
  type Ga467CardReader,
} from '../../electron/core/devices/ga467/reader'
import { createSimulatedCardReader } from '../../electron/core/devices/simulated'
import {
  HAS_SOCAT,
  serveFakeSam,
  startFakeReaderProcess,
  startPtyPair,
  type PtyPair,
  type ServedSam,
} from './support/pty-pair'

const DEADLINE_MS = 2000
/** A good read is not a fault: it gets room for a loaded CI machine (a SAM takes ~1 s itself). */
const READ_MS = 5000
const clock = () => new Date()

/** Resolves once the reader's status matches, or fails after the deadline. */
function statusWithin(
  reader: Ga467CardReader,
  want: Partial<Pick<DeviceStatus, 'state' | 'code' | 'detail'>>,
  ms = DEADLINE_MS,
): Promise<DeviceStatus> {
  const matches = (s: DeviceStatus) =>
    Object.entries(want).every(([k, v]) => s[k as keyof DeviceStatus] === v)
  return new Promise((resolve, reject) => {
    if (matches(reader.status())) return resolve(reader.status())
    const timer = setTimeout(() => {
      off()
      reject(
        new Error(
          `status ${JSON.stringify(reader.status())} is not ${JSON.stringify(want)} after ${ms} ms`,
        ),
      )
    }, ms)
    const off = reader.onStatus((s) => {
      if (!matches(s)) return
      clearTimeout(timer)
      off()
      resolve(s)
    })
  })
}

/** `work` must settle within the deadline. */
async function within<T>(work: Promise<T>, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

describe.skipIf(!HAS_SOCAT)('GA 467 reader through a pty pair', () => {
  let dir: string
  let pair: PtyPair
  let fake: ServedSam
  let reader: Ga467CardReader

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ga467-'))
    pair = await startPtyPair(dir)
    fake = await serveFakeSam(pair.reader)
    reader = createGa467CardReader({ path: pair.kiosk, clock, pollMs: 100, retryMs: 300 })
    await statusWithin(reader, { state: 'READY', code: 'OK' })
  })

  afterEach(async () => {
    reader.dispose()
    await fake.close()
    await pair.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it("reads each demo resident's card to the identity the simulated reader gives", async () => {
    const simulated = createSimulatedCardReader({ clock })
    for (const { card } of Object.values(DEMO_RESIDENT_CARDS)) {
      simulated.insertCard(card)
      expect(fake.sam.insert(card.idNumber)).toBe(true)
      const viaPty = await within(reader.readCard(), READ_MS)
      expect(viaPty).toEqual(await simulated.readCard())
      expect(viaPty.ok).toBe(true)
    }
    expect(reader.status()).toMatchObject({ state: 'READY', code: 'OK' })
  })

  it('reads the expired card as it is (the identity flow refuses it)', async () => {
    fake.sam.insert('expired')
    const read = await within(reader.readCard(), READ_MS)
    expect(read).toMatchObject({ ok: true, card: { validityEnd: '2015-08-20' } })
  })

  it('says NO_CARD on an empty reader', async () => {
    expect(await within(reader.readCard())).toEqual({ ok: false, reason: 'NO_CARD' })
  })

  it('looks for a card only while someone waits for one', async () => {
    await new Promise((r) => setTimeout(r, 500))
    expect(fake.requests.filter((c) => c === '2001')).toEqual([])
    fake.sam.insert('林晓峰')
    const inserted = new Promise<boolean>((r) => {
      const off = reader.onCard((event) => {
        if (event !== 'inserted') return
        const present = reader.hasCard()
        off()
        r(present)
      })
    })
    expect(await within(inserted)).toBe(true)
    // Nobody waits any more: presence is unknown until the next wait, and the polling stopped.
    expect(reader.hasCard()).toBe(false)
    const finds = () => fake.requests.filter((c) => c === '2001').length
    const asked = finds()
    await new Promise((r) => setTimeout(r, 500))
    // The idle heartbeat asks the SAM for its id (12 FF); the card field is left alone.
    expect(finds()).toBe(asked)
  })

  it.each([
    ['unreadable', { state: 'READY', code: 'OK', detail: 'CARD_UNREADABLE' }, 'READ_ERROR'],
    ['pull-mid-read', { state: 'READY', code: 'OK', detail: 'CARD_REMOVED' }, 'NO_CARD'],
    [
      'corrupt',
      { state: 'UNAVAILABLE', code: 'HARDWARE_ERROR', detail: 'FRAME_CORRUPT' },
      'READ_ERROR',
    ],
    [
      'garbage',
      { state: 'UNAVAILABLE', code: 'NOT_RESPONDING', detail: 'READER_SILENT' },
      'UNAVAILABLE',
    ],
    [
      'short',
      { state: 'UNAVAILABLE', code: 'NOT_RESPONDING', detail: 'READER_SILENT' },
      'UNAVAILABLE',
    ],
    [
      'silent',
      { state: 'UNAVAILABLE', code: 'NOT_RESPONDING', detail: 'READER_SILENT' },
      'UNAVAILABLE',
    ],
    [
      'slow',
      { state: 'UNAVAILABLE', code: 'NOT_RESPONDING', detail: 'READER_SILENT' },
      'UNAVAILABLE',
    ],
  ] as const)(
    'fault %s ends in its status within 2 s, then recovers',
    async (fault, status, reason) => {
      fake.sam.insert('林晓峰')
      fake.sam.setFault(fault)
      const read = await within(reader.readCard())
      expect(read).toEqual({ ok: false, reason })
      await statusWithin(reader, status)
      fake.sam.setFault('none')
      fake.sam.insert('陈美玲')
      await statusWithin(reader, { state: 'READY', code: 'OK' }, 3000 + DEADLINE_MS)
      expect(await within(reader.readCard(), READ_MS)).toMatchObject({
        ok: true,
        card: { name: '陈美玲' },
      })
    },
  )

  it('calls a card whose text is not a card unreadable', async () => {
    fake.sam.insert('garbled')
    expect(await within(reader.readCard())).toEqual({ ok: false, reason: 'READ_ERROR' })
    await statusWithin(reader, { detail: 'CARD_UNREADABLE' })
  })

  it('reports a SAM that fails its self-check', async () => {
    fake.sam.setFault('sam-error')
    reader.dispose()
    reader = createGa467CardReader({ path: pair.kiosk, clock, retryMs: 300 })
    await statusWithin(reader, {
      state: 'UNAVAILABLE',
      code: 'HARDWARE_ERROR',
      detail: 'SAM_ERROR',
    })
    fake.sam.setFault('none')
    await statusWithin(reader, { state: 'READY', code: 'OK' })
  })
})

describe.skipIf(!HAS_SOCAT)('GA 467 reader unplugged and plugged back', () => {
  it('reports no reader, then recovers when the fake reader process is restarted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ga467-plug-'))
    const reader = createGa467CardReader({ path: join(dir, 'kiosk'), clock, retryMs: 200 })
    let process: Awaited<ReturnType<typeof startFakeReaderProcess>> | null = null
    try {
      await statusWithin(reader, { state: 'UNAVAILABLE', code: 'OFFLINE', detail: 'NO_READER' })
      process = await startFakeReaderProcess(dir, ['--card', '林晓峰'])
      await statusWithin(reader, { state: 'READY', code: 'OK' })
      expect(await within(reader.readCard(), READ_MS)).toMatchObject({
        ok: true,
        card: { name: '林晓峰' },
      })

      await process.kill('SIGTERM') // takes its socat, and so the kiosk's port, with it
      await statusWithin(reader, { state: 'UNAVAILABLE', code: 'OFFLINE', detail: 'NO_READER' })
      expect(await within(reader.readCard())).toEqual({ ok: false, reason: 'UNAVAILABLE' })

      process = await startFakeReaderProcess(dir)
      await statusWithin(reader, { state: 'READY', code: 'OK' }, 5000)
      expect(await process.send('insert 王建国')).toBe('ok inserted')
      expect(await within(reader.readCard(), READ_MS)).toMatchObject({
        ok: true,
        card: { name: '王建国' },
      })
    } finally {
      await process?.kill()
      reader.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  it("takes the QA panel's commands on its control socket", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ga467-control-'))
    const fakeProcess = await startFakeReaderProcess(dir)
    const reader = createGa467CardReader({ path: fakeProcess.kiosk, clock })
    const control = createFakeReaderControl(join(dir, 'control'))
    try {
      await statusWithin(reader, { state: 'READY', code: 'OK' })
      const card = {
        name: '测试过期',
        gender: 'F' as const,
        birthDate: '1949-12-31',
        idNumber: '11010519491231002X',
        issuingOffice: '北京市公安局',
        validityStart: '2000-01-01',
        validityEnd: '2020-01-01',
      }
      expect(await control.send({ path: '/insert', body: { card } })).toEqual({ ok: true })
      expect(await within(reader.readCard(), READ_MS)).toEqual({ ok: true, card })
      expect(await control.send({ path: '/insert', body: { who: 'nobody' } })).toMatchObject({
        ok: false,
      })
      expect(await control.send({ path: '/fault', body: { fault: 'melt' } })).toMatchObject({
        ok: false,
      })
      expect(await control.send({ path: '/remove' })).toEqual({ ok: true, removed: true })
      expect(await within(reader.readCard())).toEqual({ ok: false, reason: 'NO_CARD' })
      expect(
        await createFakeReaderControl(join(dir, 'absent')).send({ path: '/remove' }),
      ).toBeNull()
    } finally {
      reader.dispose()
      await fakeProcess.kill()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  it('says NO_READER for a port that does not exist', async () => {
    const reader = createGa467CardReader({ path: '/dev/does-not-exist-ga467', clock })
    try {
      await statusWithin(reader, { state: 'UNAVAILABLE', code: 'OFFLINE', detail: 'NO_READER' })
    } finally {
      reader.dispose()
    }
  })
})

if (!HAS_SOCAT) {
  it.skip('GA 467 pty tests need socat (apt-get install socat)', () => undefined)
}
