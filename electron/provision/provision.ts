/**
 * The provisioning tool: writes a terminal's hall config file, validated with the same
 * schema the terminal reads it with, to the OS's standard place (or `--out`), readable by its
 * owner only. It generates the terminal key unless one is given (printed once, to register at the
 * centre) and stores the staff PIN only as a scrypt hash (`core/supervisor/pin.ts`).
 *
 * Runs as `node out/main/provision.js …` from a build, and as `hall-kiosk --provision …` from an
 * installed package (whose Electron cannot run as plain Node: the RunAsNode fuse is off).
 * `--check` validates an existing file instead, naming every bad field.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { chmodSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import {
  describeConfigIssues,
  HallConfigFile,
  hallConfigPath,
  readHallConfig,
  type HallConfigInput,
} from '../core/hall-config'
import { DEMO_SUPERVISOR_PIN, hashPin } from '../core/supervisor/pin'

export interface ProvisionIo {
  env: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  out(line: string): void
  err(line: string): void
  /** Everything on standard input (for `--pin-stdin`). */
  readStdin(): Promise<string>
}

export const PROVISION_USAGE = `Usage: provision --terminal-id ID --hall-name 名称 --hall-name-en NAME [options]
  --central-url URL        the central service (leave out for a demo terminal)
  --terminal-key KEY       the terminal's signing key (default: a new random key, printed once)
  --pin-stdin              read the staff PIN (6-12 digits) from standard input and hash it
  --pin-hash HASH          a hash made by build/scripts/hash-pin.mjs instead
  --receipt-printer SPEC   cups:<queue> | ipp://… | socket://host:9100 | simulated
  --a4-printer SPEC        likewise; leave out for "not configured"
  --cups-server HOST       CUPS server for cups: queues (default: the local one)
  --card-reader SPEC       ga467:/dev/hall-id-reader[@115200] | simulated (docs/deployment.md, Devices)
  --camera-label TEXT      the face camera's label, as the OS lists it (default: the front camera)
  --hours "1-5 08:30-17:30" service hours, ISO weekdays (repeatable)
  --time-zone ZONE         for the service hours (default Asia/Shanghai)
  --updates-url URL        update feed (electron-updater generic provider)
  --updates-channel NAME   latest | beta
  --data-dir DIR           store and logs (default: the app's user-data folder)
  --qa / --allow-qa        QA mode at start / allow QA mode with a central address
  --out FILE               where to write (default: the OS's standard place)
  --force                  replace an existing file
  --check                  validate the existing file and exit`

/** `1-5 08:30-17:30` or `6,7 09:00-12:00` → one weekly entry. */
function parseHours(spec: string): { days: number[]; open: string; close: string } | string {
  const m = /^\s*([1-7](?:-[1-7])?(?:,[1-7](?:-[1-7])?)*)\s+(\d\d:\d\d)-(\d\d:\d\d)\s*$/.exec(spec)
  if (!m) return `--hours "${spec}": expected like "1-5 08:30-17:30"`
  const days = new Set<number>()
  for (const part of m[1]!.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?]
    for (let d = from; d <= to; d++) days.add(d)
  }
  return { days: [...days].sort(), open: m[2]!, close: m[3]! }
}

/** Writes `text` atomically with mode 0600 (temp file, fsync, rename). */
function writeSecretFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 })
  const temp = `${path}.tmp-${process.pid}`
  const fd = openSync(temp, 'w', 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  chmodSync(temp, 0o600) // the umask cannot widen it, but an existing temp file could
  renameSync(temp, path)
}

const OPTIONS = {
  'terminal-id': { type: 'string' },
  'hall-name': { type: 'string' },
  'hall-name-en': { type: 'string' },
  'central-url': { type: 'string' },
  'terminal-key': { type: 'string' },
  'pin-stdin': { type: 'boolean' },
  'pin-hash': { type: 'string' },
  'receipt-printer': { type: 'string' },
  'a4-printer': { type: 'string' },
  'cups-server': { type: 'string' },
  'card-reader': { type: 'string' },
  'camera-label': { type: 'string' },
  hours: { type: 'string', multiple: true },
  'time-zone': { type: 'string' },
  'updates-url': { type: 'string' },
  'updates-channel': { type: 'string' },
  'data-dir': { type: 'string' },
  qa: { type: 'boolean' },
  'allow-qa': { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  check: { type: 'boolean' },
  help: { type: 'boolean' },
} as const

/** Runs the tool; returns the process exit code (0 ok, 1 invalid, 2 usage). */
export async function runProvision(argv: readonly string[], io: ProvisionIo): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']
  try {
    values = parseArgs({ args: [...argv], strict: true, options: OPTIONS }).values
  } catch (err) {
    io.err(`provision: ${(err as Error).message}`)
    io.err(PROVISION_USAGE)
    return 2
  }
  if (values.help) {
    io.out(PROVISION_USAGE)
    return 0
  }
  const path = values.out ?? hallConfigPath(io.env, io.platform)

  if (values.check) {
    const read = readHallConfig(path)
    if (read.kind === 'ok') {
      io.out(`provision: ${path} is valid (terminal ${read.file.terminalId})`)
      return 0
    }
    if (read.kind === 'absent') io.err(`provision: ${path} does not exist`)
    else for (const problem of read.problems) io.err(`provision: ${path}: ${problem}`)
    return 1
  }

  if (existsSync(path) && !values.force) {
    io.err(`provision: ${path} exists; pass --force to replace it`)
    return 2
  }

  const problems: string[] = []
  let supervisorPinHash = values['pin-hash']
  if (values['pin-stdin']) {
    const pin = (await io.readStdin()).trim()
    if (!/^\d{6,12}$/.test(pin)) problems.push('PIN: must be 6 to 12 digits')
    else if (pin === DEMO_SUPERVISOR_PIN) problems.push('PIN: that is the published demo PIN')
    else if (/^(\d)\1+$/.test(pin)) problems.push('PIN: one repeated digit is too easy to guess')
    else supervisorPinHash = await hashPin(pin)
  }
  const hours = (values.hours ?? []).map(parseHours)
  for (const h of hours) if (typeof h === 'string') problems.push(h)

  const generatedKey =
    values['central-url'] && !values['terminal-key'] ? randomBytes(32).toString('base64url') : null
  const input: HallConfigInput = {
    terminalId: values['terminal-id'] ?? '',
    hallName: values['hall-name'] ?? '',
    hallNameEn: values['hall-name-en'] ?? '',
    ...(values['central-url'] ? { centralUrl: values['central-url'] } : {}),
    ...(values['terminal-key'] || generatedKey
      ? { terminalKey: values['terminal-key'] ?? generatedKey! }
      : {}),
    printers: {
      receipt: values['receipt-printer'] ?? null,
      a4: values['a4-printer'] ?? null,
      ...(values['cups-server'] ? { cupsServer: values['cups-server'] } : {}),
    },
    ...(values['card-reader'] || values['camera-label']
      ? {
          devices: {
            ...(values['card-reader'] ? { cardReader: values['card-reader'] } : {}),
            ...(values['camera-label'] ? { cameraLabel: values['camera-label'] } : {}),
          },
        }
      : {}),
    ...(hours.length
      ? {
          serviceHours: {
            timeZone: values['time-zone'] ?? 'Asia/Shanghai',
            weekly: hours.filter((h) => typeof h !== 'string'),
          },
        }
      : {}),
    ...(supervisorPinHash ? { supervisorPinHash } : {}),
    ...(values['updates-url']
      ? {
          updates: {
            url: values['updates-url'],
            ...(values['updates-channel']
              ? { channel: values['updates-channel'] as 'latest' | 'beta' }
              : {}),
          },
        }
      : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    qa: values.qa ?? false,
    allowQa: values['allow-qa'] ?? false,
  }
  const parsed = HallConfigFile.safeParse(input)
  if (!parsed.success) problems.push(...describeConfigIssues(parsed.error.issues))
  if (problems.length || !parsed.success) {
    for (const problem of problems) io.err(`provision: ${problem}`)
    return 1
  }

  try {
    writeSecretFile(path, `${JSON.stringify(parsed.data, null, 2)}\n`)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    io.err(`provision: cannot write ${path} (${code}); run it as an administrator`)
    return 1
  }
  io.out(`provision: wrote ${path} (terminal ${parsed.data.terminalId}, mode 0600)`)
  if (generatedKey) {
    // Shown once: the centre must register it before the terminal can sign requests.
    io.out(`provision: new terminal key, register it at the centre: ${generatedKey}`)
  }
  return 0
}
