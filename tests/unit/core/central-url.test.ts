/**
 * The central address must be https:// outside loopback, from the environment and from the hall
 * config file alike; the problem line names the field and what is wrong, never the address.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CENTRAL_URL_HTTPS_PROBLEM,
  ConfigError,
  configFromEnv,
} from '../../../electron/core/config'
import { loadKioskConfig } from '../../../electron/core/hall-config'
import { hashPin } from '../../../electron/core/supervisor/pin'

const KEY = 'a-terminal-key-of-enough-length'
let PIN_HASH = ''

beforeAll(async () => {
  PIN_HASH = await hashPin('135791')
})

const fromEnv = (url: string) =>
  configFromEnv({ KIOSK_CENTRAL_URL: url, KIOSK_TERMINAL_KEY: KEY }, { host: 'web', version: 't' })

function envProblems(url: string): string[] {
  try {
    fromEnv(url)
    return []
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
}

const accepted = [
  'https://central.example.gov.cn/',
  'https://10.0.0.5:8443',
  'http://127.0.0.1:8790',
  'http://127.8.9.10/',
  'HTTP://127.0.0.1:9/',
  'http://[::1]:8790/',
]
const refused = [
  'http://central.example.gov.cn/',
  'http://10.0.0.5:8790',
  'http://localhost:8790',
  'http://127.0.0.1.nip.io/',
  'http://[::ffff:127.0.0.1]/',
  'http://0.0.0.0:8790',
  'ftp://127.0.0.1/',
]

describe('the central address', () => {
  it.each(accepted)('accepts %s from the environment', (url) => {
    expect(fromEnv(url).centralUrl).toBe(url)
  })

  it.each(refused)('refuses %s from the environment with a clear line', (url) => {
    const problems = envProblems(url)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^KIOSK_CENTRAL_URL: /)
    expect(problems[0]).not.toContain(new URL(url).host)
  })

  it('says why a plain-http address is refused', () => {
    expect(envProblems('http://central.example.gov.cn/')).toEqual([
      `KIOSK_CENTRAL_URL: ${CENTRAL_URL_HTTPS_PROBLEM}`,
    ])
  })

  it('refuses plain http in the hall config file, by its field, and keeps loopback', () => {
    const dir = mkdtempSync(join(tmpdir(), 'central-url-'))
    const load = (centralUrl: string) => {
      const path = join(dir, `${encodeURIComponent(centralUrl)}.json`)
      writeFileSync(
        path,
        JSON.stringify({
          terminalId: 'XM-TAX-T042',
          hallName: '厦门市思明区税务局办税服务厅',
          hallNameEn: 'Xiamen Siming Tax Hall',
          centralUrl,
          terminalKey: KEY,
          printers: { receipt: null, a4: null },
          supervisorPinHash: PIN_HASH,
        }),
      )
      return loadKioskConfig({
        env: { KIOSK_CONFIG_FILE: path, KIOSK_DATA_DIR: join(dir, 'data') },
        host: 'electron',
        version: 't',
        platform: 'linux',
      })
    }
    const plain = load('http://central.example.gov.cn/')
    expect(plain.ok).toBe(false)
    if (!plain.ok) {
      expect(plain.fields).toEqual(['centralUrl'])
      expect(plain.problems).toEqual([`centralUrl: ${CENTRAL_URL_HTTPS_PROBLEM}`])
    }
    expect(load('https://central.example.gov.cn/')).toMatchObject({ ok: true })
    expect(load('http://127.0.0.1:8790/')).toMatchObject({ ok: true })
  })
})
