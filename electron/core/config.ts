/**
 * The core's configuration, injected at creation (the core is created once per process with
 * its dependencies injected, docs/architecture.md "Layers"). `configFromEnv` reads the environment the hosts and
 * tests use; the packaged app's hall configuration file (hall-config.ts) feeds the same shape.
 */
import { resolve } from 'node:path'
import { z } from 'zod'
import { DEMO_TERMINAL } from '../../shared/demo'
import { CARD_READER_SPEC_HINT, parseCardReaderSpec } from './devices/card-reader-spec'

export interface CoreConfig {
  terminalId: string
  hallName: string
  hallNameEn: string
  /** Folder for the store, logs and anything else the terminal keeps. */
  dataDir: string
  /** Base URL of the central service; null until the host has started the bundled one. */
  centralUrl: string | null
  /** The terminal's signing key for the central service. Never logged, never sent to the page. */
  terminalKey: string
  /** Demo mode: bundled central service with the demo residents; the UI shows a DEMO badge. */
  demo: boolean
  /** QA mode: simulated devices can be driven through `qa.*`. */
  qa: boolean
  host: 'electron' | 'web'
  idleSeconds: number
  warningSeconds: number
  elderFactor: number
  version: string
  clock: () => Date
  /** Path of sql.js's `sql-wasm.wasm`; the packaged app passes its own (default: node_modules). */
  wasmPath?: string
  /** Path of the CJK font for A4 documents (default: build/fonts in a checkout). */
  fontPath?: string
  /**
   * The printers: `simulated`, `cups:<queue>`, `ipp://…`, `socket://host:9100`, or null (not
   * configured: UNAVAILABLE). Demo and QA mode default to simulated printers.
   */
  printers: { receipt: string | null; a4: string | null; cupsServer?: string }
  /**
   * The ID card reader (`devices/card-reader-spec.ts`): `simulated`, `ga467:<port>[@baud]`, or
   * null (not configured: UNAVAILABLE). Left out (tests building a config by hand): simulated.
   */
  cardReader?: string | null
  /** The face-check camera's label (the page opens the camera whose label contains it). */
  cameraLabel?: string | null
  /** QA mode only: the fake GA 467 reader's control socket, for the QA panel's card buttons. */
  fakeReaderControl?: string | null
  /**
   * QA mode only: the instant (ISO) opening hours and notices are judged by at start, so tests of
   * the services do not depend on the hour they run at; `qa.setClock` moves it.
   */
  qaHoursClock?: string | null
  /**
   * The staff PIN's scrypt hash (`build/scripts/hash-pin.mjs`). Absent: demo mode uses the
   * published demo PIN; outside demo mode supervisor entry is impossible. Never logged or sent.
   */
  supervisorPinHash?: string | null
  /**
   * The hall's fleet service (docs/fleet.md), same address rules as the centre's; null or absent:
   * the terminal reports to no fleet.
   */
  fleetUrl?: string | null
}

export { DEMO_TERMINAL }

const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(fallback)
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

/**
 * True for a literal loopback address as the URL parser spells it: 127.0.0.0/8 or `[::1]`. Never a
 * name such as `localhost`, which the hosts file or DNS could point anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]'
}

/** The problem line's text for a plain-http central address that is not loopback. */
export const CENTRAL_URL_HTTPS_PROBLEM =
  'must be https:// (plain http:// only to a loopback address such as 127.0.0.1)'

/**
 * The central service's address: `https://`, since its answers carry residents' names, ID numbers
 * and balances. Plain `http://` only to a literal loopback address (the bundled demo centre, a
 * local TLS tunnel, tests): that traffic never leaves the machine. Answers are signed either way.
 */
export const CentralUrl = z.url({ protocol: /^https?$/ }).refine((value) => {
  // Zod runs this after a failed URL check too: that one already says what is wrong.
  if (!URL.canParse(value)) return true
  const url = new URL(value)
  return url.protocol === 'https:' || isLoopbackHost(url.hostname)
}, CENTRAL_URL_HTTPS_PROBLEM)

const Env = z.object({
  KIOSK_TERMINAL_ID: z.string().min(1).max(64).optional(),
  KIOSK_TERMINAL_KEY: z.string().min(16).max(256).optional(),
  KIOSK_HALL_NAME: z.string().min(1).max(100).optional(),
  KIOSK_HALL_NAME_EN: z.string().min(1).max(100).optional(),
  KIOSK_DATA_DIR: z.string().min(1).optional(),
  KIOSK_CENTRAL_URL: CentralUrl.optional(),
  KIOSK_FLEET_URL: CentralUrl.optional(),
  KIOSK_QA: flag,
  KIOSK_IDLE_SECONDS: seconds(60),
  KIOSK_IDLE_WARNING_SECONDS: seconds(20),
  KIOSK_RECEIPT_PRINTER: z.string().max(300).optional(),
  KIOSK_A4_PRINTER: z.string().max(300).optional(),
  KIOSK_CUPS_SERVER: z.string().max(300).optional(),
  KIOSK_CARD_READER: z
    .string()
    .refine((spec) => parseCardReaderSpec(spec) !== null, CARD_READER_SPEC_HINT)
    .optional(),
  KIOSK_FAKE_READER_CONTROL: z.string().min(1).max(500).optional(),
  /** QA mode: the instant opening hours and notices are judged by at start (time runs on). */
  KIOSK_QA_HOURS_CLOCK: z.iso.datetime({ offset: true }).optional(),
  KIOSK_CAMERA_LABEL: z
    .string()
    .min(1)
    .max(200)
    .refine((label) => ![...label].some((ch) => ch.charCodeAt(0) < 0x20), 'no control characters')
    .optional(),
  KIOSK_SUPERVISOR_PIN_HASH: z
    .string()
    .regex(
      /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/,
      'not a scrypt$N$r$p$salt$hash',
    )
    .optional(),
})

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid kiosk configuration: ${problems.join('; ')}`)
    this.name = 'ConfigError'
  }
}

/**
 * Builds the configuration from environment variables. Without `KIOSK_CENTRAL_URL` the terminal is
 * in demo mode (the host starts the bundled central service and fills `centralUrl` in).
 * @throws ConfigError naming every bad variable (never their values: a key could be among them).
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  options: { host: CoreConfig['host']; version: string; clock?: () => Date },
): CoreConfig {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  const demo = e.KIOSK_CENTRAL_URL === undefined
  if (!demo && e.KIOSK_TERMINAL_KEY === undefined) {
    throw new ConfigError(['KIOSK_TERMINAL_KEY: required when KIOSK_CENTRAL_URL is set'])
  }
  return {
    terminalId: e.KIOSK_TERMINAL_ID ?? DEMO_TERMINAL.terminalId,
    terminalKey: e.KIOSK_TERMINAL_KEY ?? DEMO_TERMINAL.terminalKey,
    hallName: e.KIOSK_HALL_NAME ?? DEMO_TERMINAL.hallName,
    hallNameEn: e.KIOSK_HALL_NAME_EN ?? DEMO_TERMINAL.hallNameEn,
    dataDir: resolve(e.KIOSK_DATA_DIR ?? '.kiosk-data'),
    centralUrl: e.KIOSK_CENTRAL_URL ?? null,
    demo,
    qa: e.KIOSK_QA,
    host: options.host,
    idleSeconds: e.KIOSK_IDLE_SECONDS,
    warningSeconds: e.KIOSK_IDLE_WARNING_SECONDS,
    elderFactor: 2,
    version: options.version,
    clock: options.clock ?? (() => new Date()),
    printers: {
      receipt: e.KIOSK_RECEIPT_PRINTER ?? (demo || e.KIOSK_QA ? 'simulated' : null),
      a4: e.KIOSK_A4_PRINTER ?? (demo || e.KIOSK_QA ? 'simulated' : null),
      ...(e.KIOSK_CUPS_SERVER ? { cupsServer: e.KIOSK_CUPS_SERVER } : {}),
    },
    cardReader: e.KIOSK_CARD_READER ?? (demo || e.KIOSK_QA ? 'simulated' : null),
    cameraLabel: e.KIOSK_CAMERA_LABEL ?? null,
    fakeReaderControl: e.KIOSK_QA ? (e.KIOSK_FAKE_READER_CONTROL ?? null) : null,
    qaHoursClock: e.KIOSK_QA ? (e.KIOSK_QA_HOURS_CLOCK ?? null) : null,
    supervisorPinHash: e.KIOSK_SUPERVISOR_PIN_HASH ?? null,
    fleetUrl: e.KIOSK_FLEET_URL ?? null,
  }
}
