/**
 * The provisioning tool (docs/deployment.md): writes a hall config the terminal accepts, mode 0600, with a
 * generated key printed once and the PIN only as a scrypt hash; refuses bad input by field.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadKioskConfig, readHallConfig } from '../../../electron/core/hall-config'
import { runProvision } from '../../../electron/provision/provision'
import { parsePinHash, verifyPin } from '../../../electron/core/supervisor/pin'

const dir = mkdtempSync(join(tmpdir(), 'provision-'))

async function provision(args: string[], stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const code = await runProvision(args, {
    env: {},
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: async () => stdin,
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const BASE = [
  '--terminal-id',
  'FZ-GJJ-T007',
  '--hall-name',
  '福州市住房公积金中心 仓山服务大厅',
  '--hall-name-en',
  'Cangshan Hall',
  '--central-url',
  'https://central.example.gov.cn/',
  '--receipt-printer',
  'cups:receipt',
  '--a4-printer',
  'cups:a4',
  '--hours',
  '1-5 08:30-17:30',
  '--hours',
  '6 09:00-12:00',
  '--updates-url',
  'https://updates.example.gov.cn/hall-kiosk/',
  '--pin-stdin',
]

describe('provision', () => {
  it('writes a valid config, mode 0600, with a new key and the PIN hashed', async () => {
    const path = join(dir, 'a', 'config.json')
    const result = await provision([...BASE, '--out', path], '802461\n')
    expect(result.err).toBe('')
    expect(result.code).toBe(0)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain('802461')
    const read = readHallConfig(path)
    expect(read.kind).toBe('ok')
    if (read.kind !== 'ok') return
    expect(result.out).toContain(read.file.terminalKey)
    expect(read.file.serviceHours?.weekly).toEqual([
      { days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' },
      { days: [6], open: '09:00', close: '12:00' },
    ])
    expect(await verifyPin('802461', parsePinHash(read.file.supervisorPinHash!)!)).toBe(true)
    const loaded = loadKioskConfig({ env: { KIOSK_CONFIG_FILE: path }, host: 'web', version: '1' })
    expect(loaded.ok && loaded.settings.core).toMatchObject({
      terminalId: 'FZ-GJJ-T007',
      demo: false,
    })

    expect((await provision(['--check', '--out', path])).code).toBe(0)
    const again = await provision([...BASE, '--out', path], '802461')
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/--force/)
  })

  it('refuses bad input by field and writes nothing', async () => {
    const path = join(dir, 'b.json')
    const result = await provision(
      [
        '--terminal-id',
        'bad id',
        '--central-url',
        'nope',
        '--hours',
        'weekdays',
        '--out',
        path,
        '--pin-stdin',
      ],
      '246810',
    )
    expect(result.code).toBe(1)
    for (const word of ['PIN', '--hours', 'terminalId', 'hallName', 'centralUrl']) {
      expect(result.err).toContain(word)
    }
    expect((await provision(['--check', '--out', path])).code).toBe(1)
  })

  it('answers --help and an unknown option', async () => {
    expect((await provision(['--help'])).out).toMatch(/Usage: provision/)
    expect((await provision(['--colour'])).code).toBe(2)
  })
})
