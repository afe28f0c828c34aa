/**
 * A web host of the soak's own (`node <out>/main/web.js`): its own port, token and temporary data
 * folder, QA mode on, short idle settings for the walk-away visits. The web host process runs the
 * core and, in demo mode, the bundled central service in one Node process: its RSS is both.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KioskHost } from '../e2e/support/hosts'
import { connectInspector, INSPECTOR_URL, type InspectorClient } from './node-inspector'

export interface SoakHostOptions {
  /** Build output folder holding `main/web.js` (KIOSK_OUT_DIR, default `out`). */
  outDir: string
  port: number
  dataDir: string
  idleSeconds: number
  warningSeconds: number
  /** Where the host's stdout and stderr go (drained, so a chatty host never blocks on a pipe). */
  logFile: string
  /**
   * A folder for heap snapshots of the host process, written on SIGUSR2 (Node's
   * `--heapsnapshot-signal`); unset, the host runs without the flag.
   */
  heapSnapshotDir?: string
  /**
   * Opens the host's inspector on a free loopback port, so the soak can force a full GC before
   * it reads the RSS and ask for the JS heap in use (`collectGarbage`, `jsHeapUsedBytes`).
   */
  inspect?: boolean
}

export interface SoakHost extends KioskHost {
  pid: number
  dataDir: string
  /** Resident set size of the web host process (core + bundled central), in bytes. */
  rssBytes(): number
  /** A full GC in the host (needs `inspect`). */
  collectGarbage(): Promise<void>
  /** The host's JS heap in use, bytes (needs `inspect`). */
  jsHeapUsedBytes(): Promise<number>
  /** Writes a heap snapshot of the host (after a full GC) and resolves with its text. */
  heapSnapshot(): Promise<string>
  stop(): Promise<void>
}

/** VmRSS of a process from /proc (Linux), in bytes. */
export function processRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
  if (!kb) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb[1]) * 1024
}

export async function startSoakHost(options: SoakHostOptions): Promise<SoakHost> {
  const token = `soak-token-${options.port}-0123456789abcdef0123456789abcdef`
  const log = createWriteStream(options.logFile, { flags: 'a' })
  const snapshotFlags = options.heapSnapshotDir
    ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${options.heapSnapshotDir}`]
    : []
  const script = join(options.outDir, 'main', 'web.js')
  const inspectFlags = options.inspect ? ['--inspect=127.0.0.1:0'] : []
  const child: ChildProcess = spawn(process.execPath, [...snapshotFlags, ...inspectFlags, script], {
    env: {
      ...process.env,
      KIOSK_WEB_PORT: String(options.port),
      KIOSK_WEB_TOKEN: token,
      KIOSK_DATA_DIR: options.dataDir,
      // The bundled central service on a free port, so parallel runs never collide.
      KIOSK_CENTRAL_PORT: '0',
      KIOSK_QA: '1',
      KIOSK_IDLE_SECONDS: String(options.idleSeconds),
      KIOSK_IDLE_WARNING_SECONDS: String(options.warningSeconds),
      // Hundreds of sign-ins per resident; the demo limit is 10 codes an hour per phone.
      KIOSK_CENTRAL_SMS_PER_HOUR: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.pipe(log, { end: false })
  child.stderr!.pipe(log, { end: false })

  let inspectorUrl: string | null = null
  const onStderr = (chunk: Buffer) => {
    inspectorUrl ??= INSPECTOR_URL.exec(chunk.toString())?.[1] ?? null
    if (inspectorUrl) child.stderr!.off('data', onStderr)
  }
  if (options.inspect) child.stderr!.on('data', onStderr)

  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}`)), 60_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      if (/web host ready/.test(out)) {
        clearTimeout(timer)
        child.stdout!.off('data', onData)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`web host exited (${code}) before it was ready: ${out}`))
    })
  })

  let inspector: InspectorClient | null = null
  const connected = async (): Promise<InspectorClient> => {
    if (!inspectorUrl) throw new Error('the host was started without its inspector')
    inspector ??= await connectInspector(inspectorUrl)
    return inspector
  }

  return {
    pid: child.pid!,
    port: options.port,
    token,
    idleSeconds: options.idleSeconds,
    warningSeconds: options.warningSeconds,
    url: `http://127.0.0.1:${options.port}`,
    dataDir: options.dataDir,
    rssBytes: () => processRssBytes(child.pid!),
    collectGarbage: async () => {
      await (await connected()).send('HeapProfiler.collectGarbage')
    },
    jsHeapUsedBytes: async () =>
      (await (await connected()).send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize,
    heapSnapshot: async () => {
      const dir = options.heapSnapshotDir
      if (!dir) throw new Error('the host was started without heapSnapshotDir')
      const before = new Set(readdirSync(dir))
      child.kill('SIGUSR2')
      // Node writes the file synchronously (the process pauses); it is whole once it parses.
      for (let waited = 0; waited < 120_000; waited += 500) {
        await new Promise((resolve) => setTimeout(resolve, 500))
        const name = readdirSync(dir).find((n) => n.endsWith('.heapsnapshot') && !before.has(n))
        if (!name) continue
        const text = readFileSync(join(dir, name), 'utf8')
        try {
          JSON.parse(text)
          return text
        } catch {
          // still being written
        }
      }
      throw new Error('no heap snapshot from the web host')
    },
    stop: () =>
      new Promise<void>((resolve) => {
        inspector?.close()
        inspector = null
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.removeAllListeners('exit')
        child.once('exit', () => {
          log.end()
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}
