/**
 * The hall's hardware profile: the card reader setting (hostile spellings refused, naming the field
 * they came from), defaults per mode, and every device status carrying its driver and port.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, configFromEnv } from '../../../../electron/core/config'
import { createCore } from '../../../../electron/core/core'
import { parseCardReaderSpec } from '../../../../electron/core/devices/card-reader-spec'
import { printerProfile } from '../../../../electron/core/devices/profile'
import { loadKioskConfig } from '../../../../electron/core/hall-config'
import { runProvision } from '../../../../electron/provision/provision'

const dir = mkdtempSync(join(tmpdir(), 'hw-profile-'))
const opts = { host: 'web' as const, version: '0.0.0-test' }

describe('the card reader setting', () => {
  it.each([
    ['simulated', { driver: 'simulated' }],
    ['ga467:/dev/ttyUSB0', { driver: 'ga467', path: '/dev/ttyUSB0', baudRate: 115200 }],
    [
      'ga467:/dev/hall-id-reader@9600',
      { driver: 'ga467', path: '/dev/hall-id-reader', baudRate: 9600 },
    ],
    ['ga467:COM3', { driver: 'ga467', path: 'COM3', baudRate: 115200 }],
    ['ga467:\\\\.\\COM12@57600', { driver: 'ga467', path: '\\\\.\\COM12', baudRate: 57600 }],
  ])('accepts %s', (spec, parsed) => {
    expect(parseCardReaderSpec(spec)).toEqual(parsed)
  })

  it.each([
    '',
    'Simulated',
    ' simulated',
    'ga467:',
    'ga467:dev/ttyUSB0',
    'ga467:/dev/ttyUSB0@1234',
    'ga467:/dev/ttyUSB0@',
    'ga467:/dev/../etc/passwd',
    'ga467:/dev/tty USB0',
    'ga467:/dev/ttyUSB0\n',
    'ga467:COM',
    'GA467:/dev/ttyUSB0',
    'serial:/dev/ttyUSB0',
    'ga467://dev/ttyUSB0@115200@9600',
  ])('refuses %j', (spec) => {
    expect(parseCardReaderSpec(spec)).toBeNull()
  })
})

describe('configuration', () => {
  it('defaults to the simulated reader in demo and QA mode, to none in production', () => {
    expect(configFromEnv({}, opts).cardReader).toBe('simulated')
    const production = {
      KIOSK_CENTRAL_URL: 'https://c.example/',
      KIOSK_TERMINAL_KEY: 'k'.repeat(20),
    }
    expect(configFromEnv(production, opts).cardReader).toBeNull()
    expect(configFromEnv({ ...production, KIOSK_QA: '1' }, opts).cardReader).toBe('simulated')
    expect(
      configFromEnv({ ...production, KIOSK_CARD_READER: 'ga467:/dev/ttyUSB0' }, opts).cardReader,
    ).toBe('ga467:/dev/ttyUSB0')
  })

  it('honours the fake reader control socket in QA mode only', () => {
    const env = { KIOSK_FAKE_READER_CONTROL: '/tmp/hall-reader/control' }
    expect(configFromEnv(env, opts).fakeReaderControl).toBeNull()
    expect(configFromEnv({ ...env, KIOSK_QA: '1' }, opts).fakeReaderControl).toBe(
      '/tmp/hall-reader/control',
    )
  })

  it('names KIOSK_CARD_READER and KIOSK_CAMERA_LABEL when they are bad, without their values', () => {
    let error: unknown
    try {
      configFromEnv(
        { KIOSK_CARD_READER: 'ga467:secret-looking', KIOSK_CAMERA_LABEL: 'a\u0007' },
        opts,
      )
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toMatch(/^KIOSK_CARD_READER: expected simulated or ga467:/m)
    expect(problems).toMatch(/^KIOSK_CAMERA_LABEL: /m)
    expect(problems).not.toContain('secret-looking')
  })

  it('names devices.cardReader when the hall file has a bad one', () => {
    const path = join(dir, 'bad-reader.json')
    writeFileSync(
      path,
      JSON.stringify({
        terminalId: 'T1',
        hallName: '测试大厅',
        hallNameEn: 'Test hall',
        printers: { receipt: 'simulated', a4: 'simulated' },
        devices: { cardReader: 'ga467:ttyUSB0', cameraLabel: 'USB2.0 HD UVC' },
      }),
    )
    const result = loadKioskConfig({
      env: { KIOSK_CONFIG_FILE: path, KIOSK_DATA_DIR: join(dir, 'data') },
      ...opts,
      configWritable: () => false,
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.fields).toEqual(['devices.cardReader'])
  })

  it('takes the reader and camera label from the file, the environment winning', () => {
    const path = join(dir, 'good-reader.json')
    writeFileSync(
      path,
      JSON.stringify({
        terminalId: 'T1',
        hallName: '测试大厅',
        hallNameEn: 'Test hall',
        printers: { receipt: 'simulated', a4: null },
        devices: { cardReader: 'ga467:/dev/hall-id-reader', cameraLabel: 'USB2.0 HD UVC' },
        unknownField: undefined,
      }),
    )
    const load = (env: NodeJS.ProcessEnv) =>
      loadKioskConfig({
        env: { KIOSK_CONFIG_FILE: path, ...env },
        ...opts,
        configWritable: () => false,
      })
    const fromFile = load({})
    expect(fromFile.ok && fromFile.settings.core).toMatchObject({
      cardReader: 'ga467:/dev/hall-id-reader',
      cameraLabel: 'USB2.0 HD UVC',
    })
    const fromEnv = load({ KIOSK_CARD_READER: 'simulated' })
    expect(fromEnv.ok && fromEnv.settings.core.cardReader).toBe('simulated')
  })
})

describe('driver and port on every device status', () => {
  it('shows the configured drivers and ports to staff', async () => {
    const config = configFromEnv(
      {
        KIOSK_DATA_DIR: join(dir, 'core'),
        KIOSK_CARD_READER: 'ga467:/dev/does-not-exist-ga467@9600',
        KIOSK_CAMERA_LABEL: 'Front camera',
        KIOSK_RECEIPT_PRINTER: 'simulated',
        KIOSK_A4_PRINTER: 'ipp://user:pass@printer.hall.example:631/printers/a4',
      },
      opts,
    )
    const core = await createCore(config)
    try {
      const byKind = Object.fromEntries(core.internals.devices.list().map((d) => [d.kind, d]))
      expect(byKind.cardReader).toMatchObject({
        driver: 'ga467',
        port: '/dev/does-not-exist-ga467@9600',
      })
      expect(byKind.camera).toMatchObject({ driver: 'page', port: 'Front camera' })
      expect(byKind.receiptPrinter).toMatchObject({ driver: 'simulated' })
      expect(byKind.a4Printer).toMatchObject({
        driver: 'ipp',
        port: 'ipp://printer.hall.example:631/printers/a4',
      })
    } finally {
      await core.stop()
    }
  })

  it('strips credentials from printer addresses', () => {
    expect(printerProfile('socket://u:p@10.0.0.5:9100')).toEqual({
      driver: 'socket',
      port: 'socket://10.0.0.5:9100',
    })
    expect(printerProfile(null)).toEqual({ driver: 'none' })
  })
})

describe('provisioning the hardware profile', () => {
  const provision = async (args: string[]) => {
    const err: string[] = []
    const code = await runProvision(
      [
        ...['--terminal-id', 'FZ-GJJ-T009', '--hall-name', '测试大厅', '--hall-name-en', 'Test'],
        ...args,
      ],
      { env: {}, out: () => undefined, err: (l) => err.push(l), readStdin: async () => '' },
    )
    return { code, err: err.join('\n') }
  }

  it('writes the reader and camera label into devices', async () => {
    const out = join(dir, 'provisioned.json')
    const result = await provision([
      ...['--card-reader', 'ga467:/dev/hall-id-reader', '--camera-label', 'HD Front'],
      ...['--out', out],
    ])
    expect(result).toEqual({ code: 0, err: '' })
    expect(JSON.parse(readFileSync(out, 'utf8')).devices).toEqual({
      cardReader: 'ga467:/dev/hall-id-reader',
      cameraLabel: 'HD Front',
    })
  })

  it('refuses a bad reader, naming devices.cardReader', async () => {
    const result = await provision([
      ...['--card-reader', 'ga467:ttyUSB0', '--out', join(dir, 'refused.json')],
    ])
    expect(result.code).not.toBe(0)
    expect(result.err).toContain('devices.cardReader')
  })
})
