/** `terminal.*`: what this terminal is and how it is doing. */
import { z } from 'zod'
import { defineEvent, defineMethod } from '../define'
import { DeviceStatus } from '../../devices'
import { ServiceAvailability } from '../../services'

export const ConnectionState = z.enum(['online', 'offline', 'unknown'])
export type ConnectionState = z.infer<typeof ConnectionState>

/**
 * The issues the core raises, each with words for staff in both languages (a parity test keeps
 * them). `TerminalIssue.code` stays a string so an older renderer shows a newer code as it is.
 */
export const ISSUE_CODES = [
  'CONFIG_INVALID',
  'NOT_PROVISIONED',
  'QA_REFUSED',
  'PRINTER_CONFIG_INVALID',
  'SUPERVISOR_PIN_NOT_SET',
  'STORE_UNAVAILABLE',
  'STORE_RECOVERED',
  'STORE_JOURNAL_TAIL_DISCARDED',
  'STORE_JOURNAL_RECORD_SKIPPED',
  'STORE_FOLD_FAILED',
  'STORE_WRITE_FAILED',
  'STORE_WRITE_RESTORED',
  'DISK_LOW',
  'DISK_SPACE_RESTORED',
  'AUDIT_WRITE_FAILED',
  'AUDIT_CHAIN_CUT',
  'AUDIT_CHAIN_GAP',
  'AUDIT_CHAIN_REWIND',
  'SYNC_STORE_WRITE_FAILED',
  'SYNC_BAD_RECEIPT',
  'CENTRAL_AUTH_FAILED',
  'CONFIG_WRITABLE',
  'UPDATE_FEED_INSECURE',
  'UPDATE_KEY_INVALID',
  'UPDATE_SIGNATURE_MISSING',
  'UPDATE_SIGNATURE_INVALID',
  'UPDATE_METADATA_MISMATCH',
  'UPDATE_FILE_TAMPERED',
  'CENTRAL_ANSWER_UNTRUSTED',
] as const
export type IssueCode = (typeof ISSUE_CODES)[number]

/** Something staff should know about, shown discreetly on the status bar (e.g. store recovered). */
export const TerminalIssue = z.object({
  code: z.string().max(64),
  at: z.string(),
  /** Names of the fields concerned (e.g. `CONFIG_INVALID`: the bad config fields); never values. */
  fields: z.array(z.string().max(64)).max(20).optional(),
  /** A code-like cause (e.g. `ENOSPC` for a full disk); never a message, a path or a value. */
  detail: z
    .string()
    .regex(/^[A-Z0-9_]{1,32}$/)
    .optional(),
  /** How many times it happened in a row (`at` is the latest); absent when once. */
  repeats: z.number().int().min(2).optional(),
})

/** The live state of the terminal; sent with `terminal.info` and on every change as an event. */
export const TerminalStatus = z.object({
  connection: ConnectionState,
  /** ISO time of the last successful sync with the central service, if any. */
  lastSyncAt: z.string().nullable(),
  /** ISO time of the reference data the terminal is serving (its freshness). */
  dataUpdatedAt: z.string().nullable(),
  /** Set while staff have taken the terminal out of service; the message is shown on attract. */
  outOfService: z.object({ message: z.string().max(200) }).nullable(),
  /** Call-staff requests a member of staff has set off for (the hall console's "I'm going"). */
  staffComing: z.array(z.uuid()).max(20).optional(),
  /** Staff opened the services outside their hours until this instant; null when not. */
  hoursOverride: z.object({ until: z.string() }).nullable().optional(),
  devices: z.array(DeviceStatus),
  services: z.array(ServiceAvailability),
  issues: z.array(TerminalIssue),
})
export type TerminalStatus = z.infer<typeof TerminalStatus>

export const TerminalInfo = z.object({
  terminalId: z.string(),
  hallName: z.string(),
  /** English name of the hall, for the English UI. */
  hallNameEn: z.string(),
  version: z.string(),
  /** Which host serves the renderer. */
  host: z.enum(['electron', 'web']),
  /** Demo mode: bundled central service; the UI shows a DEMO badge. */
  demo: z.boolean(),
  /** QA mode: simulated devices can be driven through `qa.*`. */
  qa: z.boolean(),
  /**
   * The hall's face-check camera: the page opens the video input whose label contains this
   * (case-insensitive). Absent or null: the default front camera.
   */
  cameraLabel: z.string().max(200).nullable().optional(),
  /** Session timings in seconds (overridable for QA and tests). */
  timing: z.object({
    idleSeconds: z.number().int().positive(),
    warningSeconds: z.number().int().positive(),
    /** Elder mode multiplies the idle time by this factor. */
    elderFactor: z.number().positive(),
  }),
  /** Changes on every start of the core; a renderer that sees it change knows the core restarted. */
  bootId: z.string(),
  status: TerminalStatus,
})
export type TerminalInfo = z.infer<typeof TerminalInfo>

export const terminalMethods = {
  'terminal.info': defineMethod({
    summary: 'Who this terminal is, its timings and modes, and its live status.',
    input: z.object({}).strict(),
    output: TerminalInfo,
  }),
}

export const terminalEvents = {
  'terminal.status': defineEvent({
    summary: 'The terminal status changed (connection, sync, devices, service availability).',
    payload: TerminalStatus,
  }),
}
