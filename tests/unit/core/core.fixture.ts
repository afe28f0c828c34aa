/** A core for tests: temp data folder, in-memory log, controllable clock. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CoreConfig } from '../../../electron/core/config'
import { createCore, type Core } from '../../../electron/core/core'
import type { Logger, LogLevel } from '../../../electron/core/log'

export interface MemoryLogger extends Logger {
  lines: { level: LogLevel; event: string; fields: Record<string, unknown> }[]
}

export function memoryLogger(): MemoryLogger {
  const lines: MemoryLogger['lines'] = []
  const log = (level: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    lines.push({ level, event, fields })
  }
  return {
    lines,
    log,
    info: (e, f) => log('info', e, f),
    warn: (e, f) => log('warn', e, f),
    error: (e, f) => log('error', e, f),
  }
}

export function testConfig(overrides: Partial<CoreConfig> = {}): CoreConfig {
  return {
    terminalId: 'T-TEST-01',
    hallName: '测试大厅',
    hallNameEn: 'Test Hall',
    dataDir: mkdtempSync(join(tmpdir(), 'kiosk-core-')),
    centralUrl: null,
    terminalKey: 'test-terminal-key-0123456789',
    demo: true,
    qa: false,
    host: 'web',
    idleSeconds: 60,
    warningSeconds: 20,
    elderFactor: 2,
    version: '0.0.0-test',
    clock: () => new Date(),
    printers: { receipt: 'simulated', a4: 'simulated' },
    ...overrides,
  }
}

export async function testCore(
  overrides: Partial<CoreConfig> = {},
): Promise<{ core: Core; log: MemoryLogger }> {
  const log = memoryLogger()
  return { core: await createCore(testConfig(overrides), { logger: log }), log }
}
