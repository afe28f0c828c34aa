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
import { ConfigError, configFromEnv, type CoreConfig } from './config'
import { configWritable } from './config-access'
import { decideQa } from './qa-permission'
import {
  hallConfigPath,
  readHallConfig,
  type HallConfigFile,
  type ServiceHours,
  type UpdateSettings,
} from './hall-config-file'
import { assertSecureFeed } from './updates/verify-update'

export * from './hall-config-file'

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
