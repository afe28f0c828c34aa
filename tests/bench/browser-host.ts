/**
 * What the browser benches share: a build of the kiosk, a web host in demo mode on loopback (its
 * own data folder, so its bundled centre starts from the seed), and Debian's Chromium launched the
 * same way every time. Used by startup.bench.ts and interaction.bench.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser } from '@playwright/test'

export const ROOT = resolve(__dirname, '../..')

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The kiosk's landscape screen. */
export const VIEWPORT = { width: 1920, height: 1080 }

/** Median of `values` (NaN when empty). */
export const median = (values: number[]): number => percentile(values, 50)

/** Nearest-rank percentile `p` (0–100) of `values` (NaN when empty). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  if (p === 50 && sorted.length % 2 === 0) {
    const mid = sorted.length / 2
    return (sorted[mid - 1]! + sorted[mid]!) / 2
  }
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/** Builds the kiosk into `out/` unless a build is there. */
export function ensureKioskBuild(): void {
  if (
    existsSync(join(ROOT, 'out/renderer/index.html')) &&
    existsSync(join(ROOT, 'out/main/web.js'))
  )
    return
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) throw new Error('electron-vite build failed')
}

export interface KioskHostProcess {
  /** The page to open, with the token. */
  url: string
  /** Origin of the host (for `/api/…` calls from the bench). */
  origin: string
  token: string
  port: number
  child: ChildProcess
  /** Stops the host and removes its data folder. */
  close(): Promise<void>
}

/**
 * Starts `out/main/web.js` in demo mode on `port` with a fresh data folder (a fresh bundled centre
 * too); `env` adds to or overrides the host's environment.
 */
export async function startKioskHost(
  port: number,
  env: NodeJS.ProcessEnv = {},
): Promise<KioskHostProcess> {
  const token = `bench-token-${port}-0123456789abcdef0123456789abcdef`
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'))
  const child = spawn(process.execPath, [join(ROOT, 'out/main/web.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      KIOSK_WEB_PORT: String(port),
      KIOSK_WEB_TOKEN: token,
      KIOSK_DATA_DIR: dataDir,
      KIOSK_CENTRAL_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((ready, failed) => {
    let err = ''
    const timer = setTimeout(() => failed(new Error(`web host did not start: ${err}`)), 30_000)
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer)
        child.stdout!.off('data', onData)
        child.removeAllListeners('exit')
        ready()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (code) => {
      clearTimeout(timer)
      failed(new Error(`web host exited (${code}): ${err}`))
    })
  })
  // Keep the pipes drained so a chatty host never blocks on a full pipe.
  child.stdout!.resume()
  child.stderr!.resume()
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    child,
    async close() {
      if (child.exitCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => done())
          child.kill('SIGTERM')
        })
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Debian's Chromium, as the e2e suite and the kiosk's web mode run it. `slowMo`: Playwright waits
 * this long after each input it sends (a person's pace between touches).
 */
export function launchChromium(options: { slowMo?: number } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    slowMo: options.slowMo,
  })
}
