/** `terminal.*`: what this terminal is and how it is doing. */
import { z } from 'zod'
import { defineEvent, defineMethod } from '../define'
import { DeviceStatus } from '../../devices'
import { ServiceAvailability } from '../../services'

export const ConnectionState = z.enum(['online', 'offline', 'unknown'])
export type ConnectionState = z.infer<typeof ConnectionState>

/** Something staff should know about, shown discreetly on the status bar (e.g. store recovered). */
export const TerminalIssue = z.object({
  code: z.string().max(64),
  at: z.string(),
  /** Names of the fields concerned (e.g. `CONFIG_INVALID`: the bad config fields); never values. */
  fields: z.array(z.string().max(64)).max(20).optional(),
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
  /** Session timings in seconds (UX.md "Session and time"; overridable for QA and tests). */
  timing: z.object({
    idleSeconds: z.number().int().positive(),
    warningSeconds: z.number().int().positive(),
    /** Elder mode multiplies the idle time by this factor (UX.md: longer timeouts). */
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
