/**
 * The hall config outside demo mode: a config file the kiosk account can change is reported to
 * staff (`CONFIG_WRITABLE`), and an http update feed is refused (`UPDATE_FEED_INSECURE`, the
 * terminal runs without updates). Owners and modes are real files chowned here (the suite runs
 * as root in CI; where it does not, the chown cases are skipped).
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { configWritable } from '../../../electron/core/config-access'
import { loadKioskConfig, type HallConfigInput } from '../../../electron/core/hall-config'
import { hashPin } from '../../../electron/core/supervisor/pin'

const dir = mkdtempSync(join(tmpdir(), 'config-hardening-'))
let n = 0
let PIN_HASH = ''
beforeAll(async () => {
  PIN_HASH = await hashPin('135791')
})

const production = (over: Partial<HallConfigInput> = {}): HallConfigInput => ({
  terminalId: 'XM-TAX-T042',
  hallName: '厦门市思明区税务局办税服务厅',
  hallNameEn: 'Xiamen Siming Tax Hall',
  centralUrl: 'https://central.example.gov.cn/',
  terminalKey: 'k'.repeat(32),
  printers: { receipt: null, a4: null },
  supervisorPinHash: PIN_HASH,
  updates: { url: 'https://updates.example.gov.cn/hall-kiosk/' },
  ...over,
})

function load(file: HallConfigInput, writable: boolean) {
  const path = join(dir, `config-${++n}.json`)
  writeFileSync(path, JSON.stringify(file))
  const result = loadKioskConfig({
    env: { KIOSK_CONFIG_FILE: path, KIOSK_DATA_DIR: join(dir, `data-${n}`) },
    host: 'electron',
    version: '1.0.0',
    platform: 'linux',
    configWritable: () => writable,
  })
  if (!result.ok) throw new Error(result.problems.join('; '))
  return result.settings
}

describe('a config file the kiosk account can change', () => {
  it('raises CONFIG_WRITABLE outside demo mode, and the terminal still runs', () => {
    const settings = load(production(), true)
    expect(settings.issues).toEqual(['CONFIG_WRITABLE'])
    expect(settings.core.centralUrl).toBe('https://central.example.gov.cn/')
    expect(load(production(), false).issues).toEqual([])
  })

  it('is not raised in demo mode (no central address)', () => {
    const { centralUrl: _c, terminalKey: _k, supervisorPinHash: _p, ...demo } = production()
    expect(load(demo, true).issues).toEqual([])
  })
})

describe('the update feed', () => {
  it('is refused over http outside demo mode, whatever the spelling: no updates, a reason', () => {
    for (const url of ['http://updates.example.gov.cn/k/', 'HTTP://updates.example.gov.cn/k/']) {
      const settings = load(production({ updates: { url } }), false)
      expect(settings.updates, url).toBeNull()
      expect(settings.issues).toEqual(['UPDATE_FEED_INSECURE'])
    }
  })

  it('is kept over https, and over http in a demo config', () => {
    expect(load(production(), false).updates?.url).toBe(
      'https://updates.example.gov.cn/hall-kiosk/',
    )
    const {
      centralUrl: _c,
      terminalKey: _k,
      supervisorPinHash: _p,
      ...demo
    } = production({
      updates: { url: 'http://127.0.0.1:8080/feed/' },
    })
    const settings = load(demo, false)
    expect(settings.updates?.url).toBe('http://127.0.0.1:8080/feed/')
    expect(settings.issues).toEqual([])
  })
})

const asRoot = process.getuid?.() === 0
describe.skipIf(!asRoot)('configWritable: owners and modes as the kiosk account sees them', () => {
  const KIOSK = { uid: 4242, gids: [4242] }
  /** A file in its own folder, with the given owners and modes. */
  function file(fileMode: number, fileUid: number, fileGid: number, folderMode = 0o755) {
    const folder = join(dir, `etc-${++n}`)
    mkdirSync(folder)
    const path = join(folder, 'config.json')
    writeFileSync(path, '{}')
    chownSync(path, fileUid, fileGid)
    chmodSync(path, fileMode)
    chmodSync(folder, folderMode)
    return path
  }

  it('root:kiosk 0640 in a root folder is read-only for the kiosk', () => {
    expect(configWritable(file(0o640, 0, 4242), KIOSK)).toBe(false)
  })

  it('owned by the kiosk, group-writable for it, or world-writable: writable', () => {
    expect(configWritable(file(0o600, 4242, 4242), KIOSK)).toBe(true)
    expect(configWritable(file(0o660, 0, 4242), KIOSK)).toBe(true)
    expect(configWritable(file(0o646, 0, 0), KIOSK)).toBe(true)
  })

  it('a folder the kiosk can write lets it replace the file (unless sticky and not its own)', () => {
    expect(configWritable(file(0o640, 0, 4242, 0o777), KIOSK)).toBe(true)
    expect(configWritable(file(0o640, 0, 4242, 0o1777), KIOSK)).toBe(false)
  })

  it('a kiosk running as root can write anything', () => {
    expect(configWritable(file(0o400, 0, 0), { uid: 0, gids: [0] })).toBe(true)
  })
})
