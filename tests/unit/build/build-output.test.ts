/**
 * The build output carries the files the core loads by explicit path: `npm run build`
 * copies sql.js's wasm and the CJK font into `<out>/resources/`, the store opens and a PDF renders
 * with exactly those files, and the web host run from the output finds them there (not in
 * node_modules or build/fonts). A bad hall config leaves that host running, out of service.
 * Builds into a folder of its own (`KIOSK_OUT_DIR`), so it never races another build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPdfRenderer } from '../../../electron/core/printing/pdf'
import { openStore } from '../../../electron/core/store'
import type { TerminalInfo } from '../../../shared/api'
import { sampleCertificate } from '../../fixtures/print-documents'

const ROOT = resolve(__dirname, '../../..')
const OUT_NAME = `.out-unit-build-${process.pid}`
const OUT = join(ROOT, OUT_NAME)
const RESOURCES = join(OUT, 'resources')
const tmp = mkdtempSync(join(tmpdir(), 'build-output-'))
const hosts: ChildProcess[] = []

beforeAll(() => {
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_OUT_DIR: OUT_NAME },
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`)
}, 180_000)

afterAll(() => {
  for (const host of hosts) host.kill('SIGTERM')
  rmSync(OUT, { recursive: true, force: true })
})

/** Starts `node <out>/main/web.js` and resolves with its page URL once it says it is ready. */
function startHost(env: Record<string, string>): Promise<{ url: string; token: string }> {
  const token = 'build-output-token-0123456789abcdef0123456789'
  const host = spawn(process.execPath, [join(OUT, 'main', 'web.js')], {
    cwd: tmp, // not the repo: nothing may be found relative to the working folder
    env: {
      ...process.env,
      KIOSK_WEB_PORT: '0',
      KIOSK_CENTRAL_PORT: '0',
      KIOSK_WEB_TOKEN: token,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  hosts.push(host)
  return new Promise((resolvePromise, reject) => {
    let out = ''
    let err = ''
    host.stdout!.on('data', (chunk) => {
      out += chunk
      const m = /ready: (http:\/\/[^/]+)\//.exec(out)
      if (m) resolvePromise({ url: m[1]!, token })
    })
    host.stderr!.on('data', (chunk) => (err += chunk))
    host.on('exit', (code) => reject(new Error(`web host exited (${code}): ${err}`)))
  })
}

async function terminalInfo(host: { url: string; token: string }): Promise<TerminalInfo> {
  const response = await fetch(`${host.url}/api/terminal.info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-token': host.token },
    body: '{}',
  })
  const result = (await response.json()) as { ok: boolean; value: TerminalInfo }
  expect(result.ok).toBe(true)
  return result.value
}

describe('npm run build output', () => {
  it('has the wasm and the font in <out>/resources, identical to their sources', () => {
    const same = (built: string, source: string) =>
      readFileSync(join(RESOURCES, built)).equals(readFileSync(join(ROOT, source)))
    expect(same('sql-wasm.wasm', 'node_modules/sql.js/dist/sql-wasm.wasm')).toBe(true)
    expect(same('KioskSansSC-Regular.ttf', 'build/fonts/KioskSansSC-Regular.ttf')).toBe(true)
    expect(existsSync(join(OUT, 'main', 'provision.js'))).toBe(true)
  })

  it('opens the store with <out>/resources/sql-wasm.wasm', async () => {
    const store = await openStore({
      dataDir: join(tmp, 'store'),
      wasmPath: join(RESOURCES, 'sql-wasm.wasm'),
      clock: { now: Date.now },
    })
    try {
      expect(store.get<{ ok: string }>("SELECT 'yes' AS ok")).toEqual({ ok: 'yes' })
    } finally {
      await store.close()
    }
  })

  it('renders a Chinese A4 PDF with <out>/resources/KioskSansSC-Regular.ttf', async () => {
    const bytes = await createPdfRenderer({
      fontPath: join(RESOURCES, 'KioskSansSC-Regular.ttf'),
    }).render(sampleCertificate())
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBeGreaterThan(0)
    // The path is really the one used: the same render without the file fails.
    await expect(
      createPdfRenderer({ fontPath: join(RESOURCES, 'missing.ttf') }).render(sampleCertificate()),
    ).rejects.toThrow(/ENOENT/)
  })

  it('the web host run from the output uses those files by explicit path', async () => {
    const dataDir = join(tmp, 'host-data')
    const host = await startHost({
      KIOSK_DATA_DIR: dataDir,
      KIOSK_CONFIG_FILE: join(tmp, 'no-config.json'),
    })
    const info = await terminalInfo(host)
    expect(info.demo).toBe(true)
    expect(info.status.issues.map((i) => i.code)).not.toContain('STORE_UNAVAILABLE')
    const logs = readdirSync(join(dataDir, 'logs')).map((f) =>
      readFileSync(join(dataDir, 'logs', f), 'utf8'),
    )
    const line = logs
      .join('\n')
      .split('\n')
      .find((l) => l.includes('host.resources'))
    expect(line).toBeDefined()
    const fields = JSON.parse(line!) as Record<string, unknown>
    expect(JSON.stringify(fields)).toContain(JSON.stringify(join(RESOURCES, 'sql-wasm.wasm')))
    expect(JSON.stringify(fields)).toContain(
      JSON.stringify(join(RESOURCES, 'KioskSansSC-Regular.ttf')),
    )
  })

  it('with a bad hall config, the web host stays up, out of service, naming the fields', async () => {
    const config = join(tmp, 'bad-config.json')
    writeFileSync(config, JSON.stringify({ terminalId: 'T 1', printers: {} }))
    const host = await startHost({
      KIOSK_DATA_DIR: join(tmp, 'bad-data'),
      KIOSK_CONFIG_FILE: config,
    })
    const info = await terminalInfo(host)
    expect(info.status.outOfService).not.toBeNull()
    const issue = info.status.issues.find((i) => i.code === 'CONFIG_INVALID')
    expect(issue?.fields).toEqual(
      expect.arrayContaining(['terminalId', 'hallName', 'hallNameEn', 'printers.receipt']),
    )
  })
})
