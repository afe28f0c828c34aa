/**
 * A kiosk with a bad configuration shows an out-of-service screen that tells staff what is wrong,
 * and never crashes: the core started from the fallback configuration answers
 * `terminal.info` with `outOfService` and a `CONFIG_INVALID` issue naming the fields, refuses
 * every service, and stops cleanly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/core'
import {
  loadKioskConfig,
  markMisconfigured,
  raiseStartupIssues,
} from '../../../electron/core/hall-config'
import type { Logger } from '../../../electron/core/log'
import { DEMO_SUPERVISOR_PIN } from '../../../electron/core/supervisor/pin'
import type { TerminalInfo } from '../../../shared/api'

const quiet: Logger = { log() {}, info() {}, warn() {}, error() {} }
const dir = mkdtempSync(join(tmpdir(), 'misconfigured-'))
const cores: Core[] = []
afterAll(async () => {
  for (const core of cores) await core.stop()
})

/** Starts a core from `file` (`undefined`: no file at all) the way the hosts do. */
async function startFrom(
  file: unknown,
  argv: string[] = [],
  packaged = false,
): Promise<TerminalInfo> {
  const path = join(dir, `config-${cores.length}.json`)
  if (file !== undefined) writeFileSync(path, JSON.stringify(file))
  const loaded = loadKioskConfig({
    env: { KIOSK_CONFIG_FILE: path, KIOSK_DATA_DIR: join(dir, `data-${cores.length}`) },
    argv,
    host: packaged ? 'electron' : 'web',
    version: '0.0.0',
    packaged,
  })
  const core = await createCore(loaded.ok ? loaded.settings.core : loaded.fallback, {
    logger: quiet,
  })
  cores.push(core)
  await core.start()
  if (loaded.ok) raiseStartupIssues(core, loaded.settings.issues)
  else markMisconfigured(core, loaded.fields, loaded.issue)
  const info = await core.call('terminal.info', {})
  if (!info.ok) throw new Error(info.error.code)
  return info.value as TerminalInfo
}

describe('a misconfigured terminal', () => {
  it('is out of service with CONFIG_INVALID naming the bad fields, no values', async () => {
    const info = await startFrom({
      terminalId: 'T1',
      hallName: '大厅',
      hallNameEn: 'Hall',
      centralUrl: 'https://central.example/',
      terminalKey: 'short',
      printers: { receipt: null, a4: null },
    })
    expect(info.status.outOfService).toEqual({ message: '' })
    const issue = info.status.issues.find((i) => i.code === 'CONFIG_INVALID')
    expect(issue?.fields).toEqual(['terminalKey', 'supervisorPinHash'])
    expect(JSON.stringify(info)).not.toContain('short')
    expect(info).toMatchObject({ terminalId: 'UNCONFIGURED', demo: false, qa: false })
    expect(info.status.services.every((s) => !s.available)).toBe(true)
  })

  it('an installed terminal never provisioned is out of service with NOT_PROVISIONED', async () => {
    const info = await startFrom(undefined, ['--qa'], true)
    expect(info.status.outOfService).toEqual({ message: '' })
    const codes = info.status.issues.map((i) => i.code)
    expect(codes).toContain('NOT_PROVISIONED')
    expect(codes).not.toContain('CONFIG_INVALID')
    expect(info).toMatchObject({ terminalId: 'UNCONFIGURED', demo: false, qa: false })
    expect(info.status.services.every((s) => !s.available)).toBe(true)
    const core = cores.at(-1)!
    // Not the demo: the published PIN opens nothing.
    const enter = await core.call('supervisor.enter', { pin: DEMO_SUPERVISOR_PIN })
    expect(enter.ok).toBe(false)
  })

  it('the same start unpackaged (a dev checkout) runs the demo', async () => {
    const info = await startFrom(undefined, [], false)
    expect(info).toMatchObject({ demo: true })
    expect(info.status.outOfService).toBeNull()
  })

  it('still answers every call with a result (no crash, no central service)', async () => {
    await startFrom('not even an object')
    const core = cores.at(-1)!
    for (const method of ['session.start', 'identity.status', 'devices.list', 'qa.insertCard']) {
      const result = await core.call(method, {})
      expect(result).toHaveProperty('ok')
    }
  })

  it('a refused QA request leaves the terminal in service with QA_REFUSED for staff', async () => {
    const info = await startFrom(
      {
        terminalId: 'T2',
        hallName: '大厅',
        hallNameEn: 'Hall',
        centralUrl: 'http://127.0.0.1:9/',
        terminalKey: 'a-terminal-key-of-some-length',
        supervisorPinHash:
          'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        printers: { receipt: null, a4: null },
      },
      ['--qa'],
    )
    expect(info.qa).toBe(false)
    expect(info.status.outOfService).toBeNull()
    expect(info.status.issues.map((i) => i.code)).toContain('QA_REFUSED')
  })
})
