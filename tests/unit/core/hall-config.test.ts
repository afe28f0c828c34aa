/**
 * The hall config file (docs/deployment.md): where it is, what it accepts, how it merges with the
 * environment, QA refusal in production, and a bad file giving problems (field names, never
 * values) instead of an exception.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  hallConfigPath,
  loadKioskConfig,
  readHallConfig,
  type HallConfigInput,
} from '../../../electron/core/hall-config'
import { hashPin } from '../../../electron/core/supervisor/pin'

const dir = mkdtempSync(join(tmpdir(), 'hall-config-'))
let n = 0
const KEY = 'k'.repeat(20) + 'secret-key-value'
let PIN_HASH = ''

beforeAll(async () => {
  PIN_HASH = await hashPin('135791')
})

/** Writes a config file and returns the env that points at it. */
function withFile(content: unknown): NodeJS.ProcessEnv {
  const path = join(dir, `config-${++n}.json`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return { KIOSK_CONFIG_FILE: path, KIOSK_DATA_DIR: join(dir, `data-${n}`) }
}

const production = (): HallConfigInput => ({
  terminalId: 'XM-TAX-T042',
  hallName: '厦门市思明区税务局办税服务厅',
  hallNameEn: 'Xiamen Siming Tax Hall',
  centralUrl: 'https://central.example.gov.cn/',
  terminalKey: KEY,
  printers: { receipt: 'cups:receipt', a4: 'ipp://127.0.0.1:631/printers/a4' },
  serviceHours: { weekly: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }] },
  supervisorPinHash: PIN_HASH,
  updates: { url: 'https://updates.example.gov.cn/hall-kiosk/' },
})

/** The files here are the test's own (root's, when CI runs as root): read them as a locked-down
 * kiosk would, for which the file is read-only (config-hardening.test.ts tests that check). */
const load = (env: NodeJS.ProcessEnv, argv: string[] = [], packaged = false) =>
  loadKioskConfig({
    env,
    argv,
    host: 'electron',
    version: '1.2.3',
    platform: 'linux',
    packaged,
    configWritable: () => false,
  })

/** No file, and a production centre from the environment alone. */
const envOnlyProduction = (): NodeJS.ProcessEnv => ({
  KIOSK_CONFIG_FILE: join(dir, 'absent.json'),
  KIOSK_CENTRAL_URL: 'https://central.example.gov.cn/',
  KIOSK_TERMINAL_KEY: KEY,
})

const demoFile = (): HallConfigInput => {
  const {
    centralUrl: _c,
    terminalKey: _k,
    supervisorPinHash: _p,
    updates: _u,
    ...demo
  } = production()
  return demo
}

describe('where the hall config file is', () => {
  it('has a standard place per OS, and KIOSK_CONFIG_FILE overrides it', () => {
    expect(hallConfigPath({}, 'linux')).toBe('/etc/hall-kiosk/config.json')
    expect(hallConfigPath({ ProgramData: 'D:\\PD' }, 'win32')).toBe(
      'D:\\PD\\HallKiosk\\config.json',
    )
    expect(hallConfigPath({}, 'win32')).toBe('C:\\ProgramData\\HallKiosk\\config.json')
    expect(hallConfigPath({ KIOSK_CONFIG_FILE: '/tmp/x.json' }, 'win32')).toBe('/tmp/x.json')
  })

  it('without a file, the environment alone configures the terminal (demo by default)', () => {
    const result = load({ KIOSK_CONFIG_FILE: join(dir, 'absent.json') })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.settings.source).toBeNull()
    expect(result.settings.core.demo).toBe(true)
    expect(result.settings.updates).toBeNull()
  })
})

describe('a valid file', () => {
  it('feeds the core configuration, with the updates and service hours beside it', () => {
    const env = withFile(production())
    const result = load(env)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { core, updates, serviceHours, source, issues } = result.settings
    expect(source).toBe(env.KIOSK_CONFIG_FILE)
    expect(core).toMatchObject({
      terminalId: 'XM-TAX-T042',
      hallName: '厦门市思明区税务局办税服务厅',
      centralUrl: 'https://central.example.gov.cn/',
      terminalKey: KEY,
      demo: false,
      qa: false,
      host: 'electron',
      version: '1.2.3',
      printers: { receipt: 'cups:receipt', a4: 'ipp://127.0.0.1:631/printers/a4' },
      supervisorPinHash: PIN_HASH,
    })
    expect(updates).toEqual({
      url: 'https://updates.example.gov.cn/hall-kiosk/',
      channel: 'latest',
      checkMinutes: 60,
    })
    expect(serviceHours?.timeZone).toBe('Asia/Shanghai')
    expect(issues).toEqual([])
  })

  it('is overridden by the environment, field by field', () => {
    const env = { ...withFile(production()), KIOSK_HALL_NAME: '测试大厅', KIOSK_IDLE_SECONDS: '90' }
    const result = load(env)
    expect(result.ok && result.settings.core).toMatchObject({
      hallName: '测试大厅',
      hallNameEn: 'Xiamen Siming Tax Hall',
      idleSeconds: 90,
    })
  })

  it('takes the packaged resources as explicit paths', () => {
    const result = loadKioskConfig({
      env: withFile(production()),
      host: 'web',
      version: '1',
      resources: { wasmPath: '/opt/kiosk/sql-wasm.wasm', fontPath: '/opt/kiosk/font.ttf' },
    })
    expect(result.ok && result.settings.core).toMatchObject({
      wasmPath: '/opt/kiosk/sql-wasm.wasm',
      fontPath: '/opt/kiosk/font.ttf',
    })
  })

  it('reads a file saved with a byte-order mark (Windows Notepad)', () => {
    const env = withFile('\uFEFF' + JSON.stringify(production()))
    expect(load(env).ok).toBe(true)
  })
})

describe('a bad file gives problems by field, never an exception or a value', () => {
  const cases: Array<[string, unknown, string[]]> = [
    ['not JSON', '{"terminalId": ', ['config file']],
    ['an empty object', {}, ['terminalId', 'hallName', 'hallNameEn', 'printers']],
    [
      'a malformed central address and terminal id',
      { ...production(), centralUrl: 'ftp://central', terminalId: 'bad id!' },
      ['terminalId', 'centralUrl'],
    ],
    [
      'a central address without key or PIN hash',
      { ...production(), terminalKey: undefined, supervisorPinHash: undefined },
      ['terminalKey', 'supervisorPinHash'],
    ],
    ['a short key', { ...production(), terminalKey: 'short-secret' }, ['terminalKey']],
    [
      'a PIN instead of its hash',
      { ...production(), supervisorPinHash: '135791' },
      ['supervisorPinHash'],
    ],
    [
      'service hours closing before opening',
      { ...production(), serviceHours: { weekly: [{ days: [1], open: '18:00', close: '09:00' }] } },
      ['serviceHours.weekly.0.close'],
    ],
    ['a misspelt field', { ...production(), hallname: 'x' }, ['(file)']],
    [
      'a printer that is not a string',
      { ...production(), printers: { receipt: 9100, a4: null } },
      ['printers.receipt'],
    ],
    [
      'an update feed that is not a URL',
      { ...production(), updates: { url: 'updates' } },
      ['updates.url'],
    ],
  ]

  it.each(cases)('%s', (_name, content, fields) => {
    const result = load(withFile(content))
    expect(result.ok).toBe(false)
    if (result.ok) return
    for (const field of fields) expect(result.fields).toContain(field)
    expect(result.problems.join('\n')).not.toContain('short-secret')
    expect(result.problems.join('\n')).not.toContain('135791')
    // The out-of-service core's configuration: nothing that could reach a centre or a printer.
    expect(result.fallback).toMatchObject({
      terminalId: 'UNCONFIGURED',
      demo: false,
      qa: false,
      centralUrl: null,
      printers: { receipt: null, a4: null },
    })
  })

  it('names the file field, not the environment variable, for a value from the file', () => {
    const result = load(withFile({ ...production(), idleSeconds: 5 }))
    expect(result.ok).toBe(false)
    expect(!result.ok && result.fields).toEqual(['idleSeconds'])
  })

  it('reports a bad environment override by its variable', () => {
    const result = load({ ...withFile(production()), KIOSK_CENTRAL_URL: 'not a url' })
    expect(!result.ok && result.fields).toEqual(['KIOSK_CENTRAL_URL'])
  })

  it('an unreadable file (a folder here) is a problem too', () => {
    const read = readHallConfig(dir)
    expect(read).toMatchObject({
      kind: 'invalid',
      problems: [expect.stringMatching(/cannot be read/)],
    })
  })
})

describe('QA mode', () => {
  it('is refused in a production config: stays off, raises QA_REFUSED, no simulated printers', () => {
    for (const [env, argv] of [
      [withFile(production()), ['--qa']],
      [withFile({ ...production(), qa: true }), []],
      [{ ...withFile(production()), KIOSK_QA: '1' }, []],
    ] as const) {
      const result = load(env, [...argv])
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.settings.core.qa).toBe(false)
      expect(result.settings.issues).toEqual(['QA_REFUSED'])
      expect(result.settings.core.printers.receipt).toBe('cups:receipt')
    }
  })

  it('is allowed in production with allowQa: true, and in a demo config', () => {
    const allowed = load(withFile({ ...production(), qa: true, allowQa: true }))
    expect(allowed.ok && allowed.settings.core.qa).toBe(true)
    expect(allowed.ok && allowed.settings.issues).toEqual([])

    const { centralUrl: _c, terminalKey: _k, supervisorPinHash: _p, ...demo } = production()
    const demoResult = load(withFile(demo), ['--qa'])
    expect(demoResult.ok && demoResult.settings.core).toMatchObject({ qa: true, demo: true })
  })

  it('--qa turns it on for a demo terminal configured by the environment alone', () => {
    const result = load({ KIOSK_CONFIG_FILE: join(dir, 'absent.json') }, ['--qa'])
    expect(result.ok && result.settings.core).toMatchObject({ qa: true, demo: true })
  })

  it('is refused with a central address from the environment alone (no file to allow it)', () => {
    for (const [env, argv] of [
      [{ ...envOnlyProduction(), KIOSK_QA: '1' }, []],
      [{ ...envOnlyProduction(), KIOSK_QA: 'true' }, []],
      [envOnlyProduction(), ['--qa']],
    ] as const) {
      const result = load(env, [...argv])
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.settings.core).toMatchObject({ qa: false, demo: false })
      expect(result.settings.core.printers).toEqual({ receipt: null, a4: null })
      expect(result.settings.issues).toEqual(['QA_REFUSED'])
    }
  })

  it('is refused when the environment points a demo file at a real centre', () => {
    const result = load({ ...envOnlyProduction(), ...withFile({ ...demoFile(), qa: true }) })
    expect(result.ok && result.settings.core).toMatchObject({ qa: false, demo: false })
    expect(result.ok && result.settings.issues).toEqual(['QA_REFUSED'])
  })

  it('is allowed on a real centre from the environment when the file says allowQa', () => {
    const file = withFile({ ...demoFile(), allowQa: true })
    const result = load({ ...envOnlyProduction(), ...file, KIOSK_QA: '1' })
    expect(result.ok && result.settings.core).toMatchObject({ qa: true, demo: false })
    expect(result.ok && result.settings.issues).toEqual([])
  })

  it('is off and not reported when nobody asks for it', () => {
    for (const env of [envOnlyProduction(), { ...envOnlyProduction(), KIOSK_QA: '0' }]) {
      const result = load(env)
      expect(result.ok && result.settings.core.qa).toBe(false)
      expect(result.ok && result.settings.issues).toEqual([])
    }
  })
})

describe('a packaged build', () => {
  it('without a hall config file is out of service, NOT_PROVISIONED, never the demo', () => {
    const absent = join(dir, 'never-provisioned.json')
    for (const [env, argv] of [
      [{ KIOSK_CONFIG_FILE: absent }, []],
      [{ KIOSK_CONFIG_FILE: absent, KIOSK_QA: '1' }, ['--qa']],
      [{ ...envOnlyProduction(), KIOSK_CONFIG_FILE: absent }, []],
    ] as const) {
      const result = load(env, [...argv], true)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.issue).toBe('NOT_PROVISIONED')
      expect(result.fields).toEqual([])
      expect(result.source).toBeNull()
      expect(result.problems).toHaveLength(1)
      expect(result.problems[0]).toContain(absent)
      expect(result.problems[0]).toContain('--provision')
      expect(result.problems[0]).toContain('docs/deployment.md')
      expect(result.fallback).toMatchObject({
        demo: false,
        qa: false,
        centralUrl: null,
        terminalId: 'UNCONFIGURED',
        printers: { receipt: null, a4: null },
      })
      expect(result.fallback.supervisorPinHash ?? null).toBeNull()
    }
  })

  it('with a file runs as the file says: a production hall, or a demo one on purpose', () => {
    const prod = load(withFile(production()), [], true)
    expect(prod.ok && prod.settings.core).toMatchObject({ demo: false, terminalId: 'XM-TAX-T042' })
    const demo = load(withFile(demoFile()), ['--qa'], true)
    expect(demo.ok && demo.settings.core).toMatchObject({ demo: true, qa: true })
  })

  it('with a bad file is CONFIG_INVALID, as unpackaged', () => {
    const result = load(withFile({ ...production(), idleSeconds: 5 }), [], true)
    expect(!result.ok && result.issue).toBe('CONFIG_INVALID')
    expect(!result.ok && result.fields).toEqual(['idleSeconds'])
  })

  it('is not assumed: a dev checkout (npm start, the web host) without a file runs the demo', () => {
    const result = loadKioskConfig({
      env: { KIOSK_CONFIG_FILE: join(dir, 'absent.json') },
      host: 'web',
      version: '1.2.3',
    })
    expect(result.ok && result.settings.core.demo).toBe(true)
  })
})
