/**
 * The web hosts the end-to-end tests run against (started by playwright.config.ts `webServer`):
 * `standard` with the default timings, `shortIdle` with a few seconds of idle for the countdown
 * tests. Fixed ports and tokens so the fixture can open the page without reading host output.
 *
 * Each Playwright worker has its own pair (its own core, store and bundled central), so workers
 * never share a terminal: worker `i` uses ports `base + 10 i` and `base + 10 i + 1`; a spec that
 * needs a host of its own takes `+ 2` of its worker's block. Recovery and privacy drills use
 * `base + 40…` and `base + 60`, so at most E2E_MAX_WORKERS workers.
 */
export interface KioskHost {
  port: number
  token: string
  idleSeconds: number
  warningSeconds: number
  url: string
}

const host = (port: number, idleSeconds: number, warningSeconds: number): KioskHost => ({
  port,
  token: `e2e-token-${port}-0123456789abcdef0123456789abcdef`,
  idleSeconds,
  warningSeconds,
  url: `http://127.0.0.1:${port}`,
})

const base = Number(process.env.KIOSK_E2E_PORT ?? 8861)

/** Ports a worker's block spans (see above). */
export const WORKER_PORT_STRIDE = 10
export const E2E_MAX_WORKERS = 4

/** Workers the suite runs with: `KIOSK_E2E_WORKERS`, default 2 (this machine has 2 cores). */
export function e2eWorkers(): number {
  const wanted = Number(process.env.KIOSK_E2E_WORKERS ?? 2)
  return Math.min(E2E_MAX_WORKERS, Math.max(1, Number.isInteger(wanted) ? wanted : 2))
}

/** The hosts of worker `parallelIndex` (`test.info().parallelIndex`). */
export function kioskHosts(parallelIndex: number) {
  const first = base + WORKER_PORT_STRIDE * parallelIndex
  return {
    standard: host(first, 120, 20),
    // The countdown outlasts an axe + screenshot check of the dialog on a loaded two-core machine.
    shortIdle: host(first + 1, 3, 12),
  } as const
}

export type KioskHostName = keyof ReturnType<typeof kioskHosts>

/** The environment variable that carries a host's `KIOSK_DATA_DIR` (set by playwright.config.ts). */
export const dataDirVariable = (host: KioskHost): string => `KIOSK_E2E_DATA_DIR_${host.port}`

/** The host's data folder (store, logs), for specs that inspect what the terminal wrote. */
export function hostDataDir(host: KioskHost): string {
  const dir = process.env[dataDirVariable(host)]
  if (!dir) throw new Error(`${dataDirVariable(host)} not set: run through playwright.config.ts`)
  return dir
}
