/**
 * The hall config file itself: its standard place per OS, its shape (unknown fields are errors) and
 * reading it without ever throwing. hall-config.ts merges it with the environment.
 */
import { readFileSync } from 'node:fs'
import { resolve, win32 } from 'node:path'
import { z } from 'zod'
import { CentralUrl } from './config'
import { CARD_READER_SPEC_HINT, parseCardReaderSpec } from './devices/card-reader-spec'
import { parsePinHash } from './supervisor/pin'

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
