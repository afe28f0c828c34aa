/**
 * A hall for the fleet console spec: the fleet service in demo mode (`out/main/fleet.js`, PGlite in
 * a temp folder, demo accounts, simulated terminals) and a kiosk web host reporting to it. Ports
 * `+ 2` (kiosk) and `+ 3` (fleet) of the worker's block (tests/e2e/support/hosts.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KioskHost } from './hosts'

const OUT = process.env.KIOSK_OUT_DIR ?? 'out'

function start(script: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${out}`)), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (ready.test(out)) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited (${code}): ${out}`))
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.removeAllListeners('exit')
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export interface FleetHall {
  kiosk: KioskHost
  consoleUrl: string
  close(): Promise<void>
}

export async function startFleetHall(standard: KioskHost): Promise<FleetHall> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-fleet-'))
  const [kioskPort, fleetPort] = [standard.port + 2, standard.port + 3]
  const fleet = await start(
    `${OUT}/main/fleet.js`,
    { FLEET_DEMO: '1', FLEET_PORT: String(fleetPort), FLEET_DATA_DIR: join(dir, 'fleet-db') },
    /fleet service ready/,
  )
  const token = `e2e-token-${kioskPort}-0123456789abcdef0123456789abcdef`
  const web = await start(
    `${OUT}/main/web.js`,
    {
      KIOSK_WEB_PORT: String(kioskPort),
      KIOSK_WEB_TOKEN: token,
      KIOSK_DATA_DIR: join(dir, 'terminal'),
      KIOSK_CENTRAL_PORT: '0',
      KIOSK_FLEET_URL: `http://127.0.0.1:${fleetPort}`,
      KIOSK_IDLE_SECONDS: '300',
      KIOSK_IDLE_WARNING_SECONDS: '20',
      KIOSK_QA: '1',
    },
    /web host ready/,
  ).catch(async (err: unknown) => {
    await stop(fleet)
    throw err
  })
  return {
    kiosk: {
      ...standard,
      port: kioskPort,
      token,
      idleSeconds: 300,
      url: `http://127.0.0.1:${kioskPort}`,
    },
    consoleUrl: `http://127.0.0.1:${fleetPort}/console/`,
    async close() {
      await stop(web)
      await stop(fleet)
    },
  }
}
