/**
 * A terminal of its own for the fund spec: the bundled central service as a separate process
 * (`out/main/central.js`) and a web host pointed at it. The spec can then stop and restart the
 * centre mid-flow (offline submission), read the centre's state file (exactly one application),
 * and start from the seed in each viewport project (binds applied in `landscape` do not leak
 * into `portrait`).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_TERMINAL } from '../../../shared/demo'
import type { KioskHost } from './hosts'
import { writeQaHallConfig } from './qa-hall-config'

const OUT = process.env.KIOSK_OUT_DIR ?? 'out'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Starts `node script` and resolves once it printed `ready` on stdout. */
function startProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${out}`)), 30_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      if (ready.test(out)) {
        clearTimeout(timer)
        resolve(child)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited (${code}): ${out}`))
    })
  })
}

function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.removeAllListeners('exit')
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export interface FundTerminal {
  host: KioskHost
  /** The central service's base URL (its demo routes: `/demo/sms/…`, `/demo/messages/…`). */
  centralUrl: string
  /** The terminal's data folder (store, logs, receipt journal). */
  terminalDataDir: string
  /** Stops the central service (the terminal keeps running and goes offline). */
  stopCentral(): Promise<void>
  startCentral(): Promise<void>
  /** The centre's applications as its state file holds them. */
  centralApplications(): { kind: string; residentRef?: string; status: string }[]
  /**
   * The centre's wallet bindings as its state file has them. A binding past its `settleAt` settles
   * on the centre's next request.
   */
  centralBindings(): {
    residentRef: string
    state: string
    operatorCode: string
    settleAt?: number
  }[]
  close(): Promise<void>
}

export async function startFundTerminal(options: { bindSettleMs: number }): Promise<FundTerminal> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-fund-'))
  const stateFile = join(dir, 'central-state.json')
  const [centralPort, webPort] = [await freePort(), await freePort()]
  const centralEnv = {
    KIOSK_CENTRAL_PORT: String(centralPort),
    KIOSK_CENTRAL_STATE: stateFile,
    KIOSK_CENTRAL_BIND_SETTLE_MS: String(options.bindSettleMs),
    KIOSK_CENTRAL_SMS_PER_HOUR: '1000',
  }
  let central: ChildProcess | null = null
  const startCentral = async () => {
    central = await startProcess(`${OUT}/main/central.js`, centralEnv, /listening on/)
  }
  await startCentral()
  const token = `e2e-token-fund-${webPort}-0123456789abcdef`
  const configFile = writeQaHallConfig(DEMO_TERMINAL.terminalId, dir)
  const web = await startProcess(
    `${OUT}/main/web.js`,
    {
      KIOSK_CONFIG_FILE: configFile,
      KIOSK_CENTRAL_URL: `http://127.0.0.1:${centralPort}`,
      KIOSK_TERMINAL_ID: DEMO_TERMINAL.terminalId,
      KIOSK_TERMINAL_KEY: DEMO_TERMINAL.terminalKey,
      KIOSK_WEB_PORT: String(webPort),
      KIOSK_WEB_TOKEN: token,
      KIOSK_DATA_DIR: join(dir, 'terminal'),
      KIOSK_IDLE_SECONDS: '300',
      KIOSK_IDLE_WARNING_SECONDS: '20',
    },
    /web host ready/,
  )
  /** The centre's state file as it is now (what it keeps of applications and bindings). */
  const centralState = () =>
    JSON.parse(readFileSync(stateFile, 'utf8')) as {
      applications: Record<string, ReturnType<FundTerminal['centralApplications']>[number]>
      bindings: Record<string, ReturnType<FundTerminal['centralBindings']>[number]>
    }
  return {
    centralUrl: `http://127.0.0.1:${centralPort}`,
    terminalDataDir: join(dir, 'terminal'),
    host: {
      port: webPort,
      token,
      idleSeconds: 300,
      warningSeconds: 20,
      url: `http://127.0.0.1:${webPort}`,
    },
    stopCentral: async () => {
      await stopProcess(central)
      central = null
    },
    startCentral,
    centralApplications: () => Object.values(centralState().applications),
    centralBindings: () => Object.values(centralState().bindings),
    async close() {
      await stopProcess(web)
      await stopProcess(central)
    },
  }
}
