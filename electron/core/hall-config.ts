/**
 * The hall configuration (docs/deployment.md, "Provisioning a terminal"): one JSON file per terminal, written by the provisioning tool
 * (`electron/provision/`) into the OS's standard place, read at every start and merged with the
 * environment (which wins, for QA and development) into the core's {@link CoreConfig}.
 *
 * A bad configuration never crashes the terminal: {@link loadKioskConfig} returns the problems
 * (field names and what is wrong, never values: a key could be among them) and a safe fallback
 * configuration, and the host starts a core that stays out of service with a `CONFIG_INVALID`
 * issue naming the fields ({@link markMisconfigured}), so staff see on the attract screen what to
 * fix.
 */
import { readFileSync } from 'node:fs'
import { resolve, win32 } from 'node:path'
import { z } from 'zod'
import { CentralUrl, ConfigError, configFromEnv, type CoreConfig } from './config'
import { configWritable } from './config-access'
import { decideQa } from './qa-permission'
import { CARD_READER_SPEC_HINT, parseCardReaderSpec } from './devices/card-reader-spec'
import { parsePinHash } from './supervisor/pin'
import { assertSecureFeed } from './updates/verify-update'

/** Environment variable naming the hall config file (tests, QA rigs, unusual installs). */
export const CONFIG_FILE_ENV = 'KIOSK_CONFIG_FILE'

const text = (max: number) => z.string().trim().min(1).max(max)
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 h)')

/** Opening hours: the terminal's services are meant for these times (shown to staff, audited). */
export const ServiceHours = z
  .object({
    timeZone: text(64).default('Asia/Shanghai'),
    /** Days are ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekly: z
      .array(
        z
          .object({
            days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
            open: clock,
            close: clock,
          })
          .strict()
          .refine((h) => h.open < h.close, {
            message: 'open must be before close',
            path: ['close'],
          }),
      )
      .min(1)
      .max(14),
  })
  .strict()
export type ServiceHours = z.infer<typeof ServiceHours>

/**
 * Where the terminal looks for updates (electron-updater's generic provider). An `http://` feed
 * parses, but outside demo mode it is refused at start with `UPDATE_FEED_INSECURE` (the terminal
 * runs, without updates).
 */
export const UpdateSettings = z
  .object({
    /** Folder holding `latest.yml` / `latest-linux.yml`, their `.sig` and the installers. */
    url: z.url({ protocol: /^https?$/ }),
    channel: z.enum(['latest', 'beta']).default('latest'),
    checkMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
  })
  .strict()
export type UpdateSettings = z.infer<typeof UpdateSettings>

const printer = z.string().trim().min(1).max(300).nullable()

/** The file's shape. Unknown fields are errors (a typo must not silently fall back to a default). */
export const HallConfigFile = z
  .object({
    /** For editors that validate JSON; ignored. */
    $schema: z.string().optional(),
    terminalId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)'),
    hallName: text(100),
    hallNameEn: text(100),
    /**
     * The central service, `https://` (plain http only to a loopback address); leave it out for a
     * demo terminal (bundled central service).
     */
    centralUrl: CentralUrl.optional(),
    /** The hall's fleet service (docs/fleet.md); left out: the terminal reports to none. */
    fleetUrl: CentralUrl.optional(),
    /** The terminal's signing key, registered at the centre (required with `centralUrl`). */
    terminalKey: z.string().min(16).max(256).optional(),
    printers: z
      .object({ receipt: printer, a4: printer, cupsServer: text(300).optional() })
      .strict(),
    /**
     * The hall's hardware profile beyond the printers: the ID card reader (`simulated` or
     * `ga467:<port>[@baud]`; null: not configured) and the face-check camera's label.
     */
    devices: z
      .object({
        cardReader: z
          .string()
          .refine((spec) => parseCardReaderSpec(spec) !== null, CARD_READER_SPEC_HINT)
          .nullable()
          .optional(),
        cameraLabel: text(200).optional(),
      })
      .strict()
      .optional(),
    serviceHours: ServiceHours.optional(),
    /** The staff PIN's scrypt hash (`electron/core/supervisor/pin.ts`), never the PIN. */
    supervisorPinHash: z
      .string()
      .refine((hash) => parsePinHash(hash) !== null, 'expected a scrypt$N$r$p$salt$hash PIN hash')
      .optional(),
    updates: UpdateSettings.optional(),
    /** Folder for the store and logs (default: the app's user-data folder). */
    dataDir: text(500).optional(),
    idleSeconds: z
      .number()
      .int()
      .min(10)
      .max(30 * 60)
      .optional(),
    idleWarningSeconds: z.number().int().min(5).max(300).optional(),
    /** QA mode at every start (simulated devices, QA panel). Refused with a central address… */
    qa: z.boolean().default(false),
    /** …unless this says so explicitly (a staging hall on a test centre). */
    allowQa: z.boolean().default(false),
  })
  .strict()
  .superRefine((file, ctx) => {
    // A terminal on a real centre needs its own key and a staff PIN (demo mode has demo ones).
    for (const field of ['terminalKey', 'supervisorPinHash'] as const) {
      if (file.centralUrl && !file[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'required when centralUrl is set' })
      }
    }
  })
export type HallConfigFile = z.infer<typeof HallConfigFile>
export type HallConfigInput = z.input<typeof HallConfigFile>

/**
 * The file's standard place: Linux `/etc/hall-kiosk/config.json`, Windows
 * `%ProgramData%\HallKiosk\config.json`, macOS `/Library/Application Support/HallKiosk/`;
 * `KIOSK_CONFIG_FILE` overrides it everywhere.
 */
export function hallConfigPath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env[CONFIG_FILE_ENV]
  if (override) return resolve(override)
  if (platform === 'win32') {
    return win32.join(
      env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData',
      'HallKiosk',
      'config.json',
    )
  }
  if (platform === 'darwin') return '/Library/Application Support/HallKiosk/config.json'
  return '/etc/hall-kiosk/config.json'
}

/** Zod issues as `path: message`; zod's messages name what was expected, not the value given. */
export function describeConfigIssues(
  issues: readonly { path: PropertyKey[]; message: string }[],
): string[] {
  return issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`)
}

export type HallConfigRead =
  | { kind: 'absent'; path: string }
  | { kind: 'ok'; path: string; file: HallConfigFile }
  | { kind: 'invalid'; path: string; problems: string[] }

/** Reads and validates the hall config file; never throws. */
export function readHallConfig(path: string): HallConfigRead {
  let raw: string
  try {
    raw = readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { kind: 'absent', path }
    return { kind: 'invalid', path, problems: [`config file: cannot be read (${code ?? 'error'})`] }
  }
  let json: unknown
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, '')) // Notepad writes a byte-order mark
  } catch {
    return { kind: 'invalid', path, problems: ['config file: not valid JSON'] }
  }
  const parsed = HallConfigFile.safeParse(json)
  if (!parsed.success) {
    return { kind: 'invalid', path, problems: describeConfigIssues(parsed.error.issues) }
  }
  return { kind: 'ok', path, file: parsed.data }
}

/** File field → the environment variable that overrides it (and that `configFromEnv` reads). */
const ENV_OF_FIELD = {
  terminalId: 'KIOSK_TERMINAL_ID',
  terminalKey: 'KIOSK_TERMINAL_KEY',
  hallName: 'KIOSK_HALL_NAME',
  hallNameEn: 'KIOSK_HALL_NAME_EN',
  centralUrl: 'KIOSK_CENTRAL_URL',
  dataDir: 'KIOSK_DATA_DIR',
  idleSeconds: 'KIOSK_IDLE_SECONDS',
  idleWarningSeconds: 'KIOSK_IDLE_WARNING_SECONDS',
  'printers.receipt': 'KIOSK_RECEIPT_PRINTER',
  'printers.a4': 'KIOSK_A4_PRINTER',
  'printers.cupsServer': 'KIOSK_CUPS_SERVER',
  'devices.cardReader': 'KIOSK_CARD_READER',
  'devices.cameraLabel': 'KIOSK_CAMERA_LABEL',
  supervisorPinHash: 'KIOSK_SUPERVISOR_PIN_HASH',
  fleetUrl: 'KIOSK_FLEET_URL',
} as const

/** The file as the environment variables `configFromEnv` reads (absent values left out). */
function fileAsEnv(file: HallConfigFile): Record<string, string> {
  const values: Record<keyof typeof ENV_OF_FIELD, unknown> = {
    terminalId: file.terminalId,
    terminalKey: file.terminalKey,
    hallName: file.hallName,
    hallNameEn: file.hallNameEn,
    centralUrl: file.centralUrl,
    dataDir: file.dataDir,
    idleSeconds: file.idleSeconds,
    idleWarningSeconds: file.idleWarningSeconds,
    'printers.receipt': file.printers.receipt,
    'printers.a4': file.printers.a4,
    'printers.cupsServer': file.printers.cupsServer,
    'devices.cardReader': file.devices?.cardReader,
    'devices.cameraLabel': file.devices?.cameraLabel,
    supervisorPinHash: file.supervisorPinHash,
    fleetUrl: file.fleetUrl,
  }
  const env: Record<string, string> = {}
  for (const [field, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) {
      env[ENV_OF_FIELD[field as keyof typeof ENV_OF_FIELD]] = String(value)
    }
  }
  return env
}

/** Renames `KIOSK_X` in problems to the file's field name when the value came from the file. */
function inFileTerms(problem: string, fromFile: ReadonlySet<string>): string {
  let out = problem
  for (const [field, envName] of Object.entries(ENV_OF_FIELD)) {
    // \b: `KIOSK_HALL_NAME` must not match inside `KIOSK_HALL_NAME_EN` (`_` is a word character).
    if (fromFile.has(envName)) out = out.replace(new RegExp(`\\b${envName}\\b`, 'g'), field)
  }
  return out
}

/** The field a problem line is about (`printers.a4: …` → `printers.a4`). */
export const problemField = (problem: string): string => problem.split(':', 1)[0]!.trim()

/** Everything a host needs to start the terminal, beyond the core's own configuration. */
export interface KioskSettings {
  core: CoreConfig
  /** Updates, when the hall config names a feed (never in demo or from the environment alone). */
  updates: UpdateSettings | null
  serviceHours: ServiceHours | null
  /** The config file that was read, or null (environment and defaults only). */
  source: string | null
  /** Staff-facing issue codes to raise once the core runs (e.g. `QA_REFUSED`). */
  issues: string[]
}

export type KioskConfigResult =
  | { ok: true; settings: KioskSettings }
  | {
      ok: false
      /** Why it is out of service: a bad configuration, or none at all on an installed terminal. */
      issue: OutOfServiceIssue
      /** `field: what is wrong` lines for the log and the console. */
      problems: string[]
      /** The fields alone, for the out-of-service screen. */
      fields: string[]
      source: string | null
      /** A configuration to run the out-of-service core with: no central, no printers, no QA. */
      fallback: CoreConfig
    }

/** The issue an unusable configuration raises (translated on the attract screen). */
export type OutOfServiceIssue = 'CONFIG_INVALID' | 'NOT_PROVISIONED'

/** What staff do about a terminal that was never provisioned (console and log). */
export const PROVISION_HINT =
  'provision this terminal (`hall-kiosk --provision …`, or `npm run provision` from a checkout; ' +
  'docs/deployment.md "Provisioning a terminal"), then restart it'

export interface LoadKioskConfigOptions {
  env: NodeJS.ProcessEnv
  /** Command-line arguments; `--qa` asks for QA mode. */
  argv?: readonly string[]
  host: CoreConfig['host']
  version: string
  platform?: NodeJS.Platform
  clock?: () => Date
  /** Values under the file and the environment (e.g. the Electron user-data folder). */
  defaults?: Record<string, string>
  /** The packaged sql.js wasm and CJK font ({@link import('./package-resources')}). */
  resources?: { wasmPath?: string; fontPath?: string }
  /** Whether this process can change the config file (tests; default: its owner and mode). */
  configWritable?: (path: string) => boolean
  /**
   * An installed build (Electron's `app.isPackaged`): without a hall config file it starts out of
   * service with `NOT_PROVISIONED` instead of in demo mode. A dev checkout (`npm start`, the web
   * host) leaves this off and keeps demo mode.
   */
  packaged?: boolean
}

/**
 * Reads the hall config file (if there is one), merges defaults < file < environment, decides QA
 * mode and builds the core's configuration. Never throws.
 *
 * QA mode (`--qa`, `qa: true` in the file, or `KIOSK_QA`) is refused with a central address (from
 * the file or the environment) unless the file says `allowQa: true` ({@link decideQa}): the
 * terminal then runs normally and raises `QA_REFUSED` for staff. A packaged build without a file
 * is out of service with `NOT_PROVISIONED` ({@link LoadKioskConfigOptions.packaged}).
 */
export function loadKioskConfig(options: LoadKioskConfigOptions): KioskConfigResult {
  const { env, host, version } = options
  const path = hallConfigPath(env, options.platform)
  const read = readHallConfig(path)
  const source = read.kind === 'absent' ? null : path
  const clockOption = options.clock ? { clock: options.clock } : {}
  const withResources = (config: CoreConfig): CoreConfig => ({
    ...config,
    ...(options.resources?.wasmPath ? { wasmPath: options.resources.wasmPath } : {}),
    ...(options.resources?.fontPath ? { fontPath: options.resources.fontPath } : {}),
  })

  const failure = (problems: string[]): KioskConfigResult & { ok: false } => ({
    ok: false,
    issue: 'CONFIG_INVALID',
    problems,
    fields: [...new Set(problems.map(problemField))],
    source,
    fallback: withResources(fallbackConfig(options)),
  })
  if (read.kind === 'invalid') return failure(read.problems)
  if (read.kind === 'absent' && options.packaged) {
    // An installed terminal is configured by its file; without one it was never provisioned, and
    // running the demo (public PIN, public key) on a hall's screen is not a safe default.
    return {
      ...failure([`config file: not found at ${path}: ${PROVISION_HINT}`]),
      fields: [],
      issue: 'NOT_PROVISIONED',
    }
  }

  const file = read.kind === 'ok' ? read.file : null
  const fromFile = file ? fileAsEnv(file) : {}
  const merged: NodeJS.ProcessEnv = { ...options.defaults, ...fromFile, ...definedOnly(env) }
  const fileKeys = new Set(Object.keys(fromFile).filter((k) => definedOnly(env)[k] === undefined))

  const issues: string[] = []
  const { qa, refused } = decideQa({
    argv: options.argv ?? [],
    envQa: env.KIOSK_QA,
    file,
    centralUrl: merged.KIOSK_CENTRAL_URL,
  })
  if (refused) issues.push('QA_REFUSED')
  merged.KIOSK_QA = qa ? '1' : '0'

  let core: CoreConfig
  try {
    core = configFromEnv(merged, { host, version, ...clockOption })
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    return failure(err.problems.map((p) => inFileTerms(p, fileKeys)))
  }
  // Outside demo mode: the config must not be the kiosk account's to change, nor the feed http.
  if (file && !core.demo && (options.configWritable ?? configWritable)(path)) {
    issues.push('CONFIG_WRITABLE')
  }
  const updates = file?.updates && feedAllowed(file.updates, core.demo) ? file.updates : null
  if (file?.updates && !updates) issues.push('UPDATE_FEED_INSECURE')
  return {
    ok: true,
    settings: {
      core: withResources(core),
      // Only a hall config file names a feed; the environment alone never starts updates.
      updates,
      serviceHours: file?.serviceHours ?? null,
      source,
      issues,
    },
  }
}

/** An https feed, or http in demo mode (the check startUpdates repeats before it acts). */
function feedAllowed(updates: UpdateSettings, demo: boolean): boolean {
  try {
    assertSecureFeed(updates.url, demo)
    return true
  } catch {
    return false
  }
}

/** The environment without empty values (an empty `KIOSK_X=` means "not set" here). */
function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v
  return out
}

/** The out-of-service core's configuration: what it needs to run and show the attract screen. */
function fallbackConfig(options: LoadKioskConfigOptions): CoreConfig {
  const dataDir = options.env.KIOSK_DATA_DIR || options.defaults?.KIOSK_DATA_DIR
  let base: CoreConfig
  try {
    base = configFromEnv(dataDir ? { KIOSK_DATA_DIR: dataDir } : {}, {
      host: options.host,
      version: options.version,
      ...(options.clock ? { clock: options.clock } : {}),
    })
  } catch {
    base = configFromEnv({}, { host: options.host, version: options.version })
  }
  return {
    ...base,
    terminalId: 'UNCONFIGURED',
    hallName: '自助终端',
    hallNameEn: 'Self-service terminal',
    demo: false,
    qa: false,
    centralUrl: null,
    printers: { receipt: null, a4: null },
    cardReader: null,
    cameraLabel: null,
  }
}

/** The slice of the core that the start-up state touches. */
interface StatusSink {
  internals: {
    status: {
      update(patch: { outOfService: { message: string } | null }): void
      addIssue(code: string, at: Date, fields?: string[]): void
    }
  }
  config: Pick<CoreConfig, 'clock'>
}

/**
 * Puts a core started with the fallback configuration out of service, with `CONFIG_INVALID`
 * naming the bad fields, or `NOT_PROVISIONED` (the attract screen tells staff what to do; the
 * message stays empty so no untranslated text reaches the screen).
 */
export function markMisconfigured(
  core: StatusSink,
  fields: readonly string[],
  issue: OutOfServiceIssue = 'CONFIG_INVALID',
): void {
  core.internals.status.update({ outOfService: { message: '' } })
  core.internals.status.addIssue(issue, core.config.clock(), [...fields].slice(0, 20))
}

/** Raises the start-up issues of a valid configuration (e.g. `QA_REFUSED`). */
export function raiseStartupIssues(core: StatusSink, issues: readonly string[]): void {
  for (const code of issues) core.internals.status.addIssue(code, core.config.clock())
}
