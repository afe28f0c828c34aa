/**
 * The web hosts the end-to-end tests run against (started by playwright.config.ts `webServer`):
 * `standard` with the UX.md timings, `shortIdle` with a few seconds of idle for the countdown
 * tests. Fixed ports and tokens so the fixture can open the page without reading host output.
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
  token: `e2e-token-${port}-0123456789abcdef`,
  idleSeconds,
  warningSeconds,
  url: `http://127.0.0.1:${port}`,
})

const base = Number(process.env.KIOSK_E2E_PORT ?? 8861)

export const KIOSK_HOSTS = {
  standard: host(base, 120, 20),
  shortIdle: host(base + 1, 3, 5),
} as const

export type KioskHostName = keyof typeof KIOSK_HOSTS

/** The environment variable that carries a host's `KIOSK_DATA_DIR` (set by playwright.config.ts). */
export const dataDirVariable = (host: KioskHost): string => `KIOSK_E2E_DATA_DIR_${host.port}`

/** The host's data folder (store, logs), for specs that inspect what the terminal wrote. */
export function hostDataDir(host: KioskHost): string {
  const dir = process.env[dataDirVariable(host)]
  if (!dir) throw new Error(`${dataDirVariable(host)} not set: run through playwright.config.ts`)
  return dir
}
