/**
 * `supervisor.*`: hall staff's hidden mode (every staff action is audited).
 * `supervisor.enter` checks the staff PIN in the core (scrypt hash from the terminal's
 * configuration; 5 wrong PINs lock entry for 5 minutes) and answers an opaque token; every other
 * method needs that token and is refused with SUPERVISOR_REQUIRED otherwise. The mode ends by itself
 * after 2 minutes without staff activity. The PIN and its hash never leave the core.
 */
import { z } from 'zod'
import { defineEvent, defineMethod } from '../define'
import { DeviceStatus } from '../../devices'
import { ConnectionState, TerminalIssue } from './terminal'

/** The staff PIN as typed on the keypad: digits only. */
export const SupervisorPin = z.string().regex(/^\d{4,12}$/)
/** Proof of supervisor mode; held by the renderer in memory only, void when the mode ends. */
export const SupervisorToken = z.string().min(16).max(128)

const staff = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ token: SupervisorToken, ...shape }).strict()

export const SupervisorModeInfo = z.object({
  token: SupervisorToken,
  /** When the mode ends unless staff do something before. */
  expiresAt: z.string(),
  idleSeconds: z.number().int().positive(),
})
export type SupervisorModeInfo = z.infer<typeof SupervisorModeInfo>

/** The longest message staff may show on attract while the terminal is out of service. */
export const OUT_OF_SERVICE_MESSAGE_MAX_CHARS = 200

/** A resident's "call staff" request, as the dashboard lists it (masked identity only). */
export const CallStaffRequest = z.object({
  requestId: z.string(),
  at: z.string(),
  /** The screen the resident was on (`help.feedback`, `home`, `attract`, …). */
  screen: z.string(),
  step: z.string().nullable(),
  /** The last error code the resident saw, if any. */
  lastError: z.string().nullable(),
  /** `林** 350102********3417` when a resident was signed in; else null. */
  maskedIdentity: z.string().nullable(),
})
export type CallStaffRequest = z.infer<typeof CallStaffRequest>

export const SupervisorDashboard = z.object({
  terminalId: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  demo: z.boolean(),
  startedAt: z.string(),
  uptimeSeconds: z.number().int().nonnegative(),
  connection: ConnectionState,
  lastSyncAt: z.string().nullable(),
  /** Freshness of the reference data being served. */
  dataUpdatedAt: z.string().nullable(),
  /** The sync engine's last failure as `status code`, never a message with data in it. */
  lastSyncError: z.string().nullable(),
  outbox: z.object({
    depth: z.number().int().nonnegative(),
    oldestAt: z.string().nullable(),
    oldestKind: z.string().nullable(),
    /** Items the centre refused, waiting for staff. */
    rejected: z.number().int().nonnegative(),
  }),
  devices: z.array(DeviceStatus),
  disk: z.object({ freeBytes: z.number().nullable(), totalBytes: z.number().nullable() }),
  today: z.object({
    sessions: z.number().int().nonnegative(),
    /** Audited actions of today (not session or supervisor bookkeeping), by count. */
    services: z.array(z.object({ action: z.string(), count: z.number().int().positive() })),
  }),
  callStaff: z.array(CallStaffRequest),
  outOfService: z.object({ message: z.string().max(OUT_OF_SERVICE_MESSAGE_MAX_CHARS) }).nullable(),
  issues: z.array(TerminalIssue),
  /** False when the store could not be opened (no outbox, audit or journal on this start). */
  storeAvailable: z.boolean(),
})
export type SupervisorDashboard = z.infer<typeof SupervisorDashboard>

/** A journaled receipt, masked as printed. Only receipts (not A4 documents) can be reprinted. */
export const JournaledReceipt = z.object({
  receiptId: z.string(),
  at: z.string(),
  service: z.string(),
  title: z.string(),
  reference: z.string().nullable(),
  holder: z.string().nullable(),
  status: z.enum(['pending', 'printed', 'failed']),
  reprintable: z.boolean(),
})
export type JournaledReceipt = z.infer<typeof JournaledReceipt>

export const AuditVerdict = z.union([
  z.object({ ok: z.literal(true), count: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), firstBrokenSeq: z.number().int(), reason: z.string() }),
])
export type AuditVerdict = z.infer<typeof AuditVerdict>

const OutOfServiceMessage = z.string().trim().max(OUT_OF_SERVICE_MESSAGE_MAX_CHARS)

export const supervisorMethods = {
  'supervisor.enter': defineMethod({
    summary:
      'Checks the staff PIN and enters supervisor mode (ends any resident session). 5 wrong PINs lock entry for 5 minutes (RATE_LIMITED, detail retryAfterSeconds=N); a wrong PIN is PIN_WRONG with attemptsLeft=N.',
    input: z.object({ pin: SupervisorPin }).strict(),
    output: SupervisorModeInfo,
  }),
  'supervisor.leave': defineMethod({
    summary: 'Leaves supervisor mode; the token stops working.',
    input: staff({}),
    output: z.object({ left: z.boolean() }),
  }),
  'supervisor.touch': defineMethod({
    summary: 'Staff activity (a tap on the dashboard): restarts the 2-minute idle timer.',
    input: staff({}),
    output: z.object({ expiresAt: z.string() }),
  }),
  'supervisor.dashboard': defineMethod({
    summary:
      'Everything staff look at: connection, sync, outbox, devices, disk, version, uptime, today, call-staff requests.',
    input: staff({}),
    output: SupervisorDashboard,
  }),
  'supervisor.receipts': defineMethod({
    summary: 'The receipt journal, newest first (masked), for reprint.',
    input: staff({ limit: z.number().int().min(1).max(100).optional() }),
    output: z.object({ receipts: z.array(JournaledReceipt) }),
  }),
  'supervisor.receiptPreview': defineMethod({
    summary: 'A journaled receipt as SVG (same layout as the paper).',
    input: staff({ receiptId: z.string().min(1).max(64) }),
    output: z.object({ receiptId: z.string(), svg: z.string(), reference: z.string().nullable() }),
  }),
  'supervisor.reprint': defineMethod({
    summary: 'Prints a journaled receipt again, exactly as it was; the reprint is journaled too.',
    input: staff({ receiptId: z.string().min(1).max(64) }),
    output: z.object({ journalId: z.string() }),
  }),
  'supervisor.testPrint': defineMethod({
    summary: 'Prints a test receipt on the receipt printer.',
    input: staff({}),
    output: z.object({ journalId: z.string() }),
  }),
  'supervisor.syncNow': defineMethod({
    summary: 'Forgets back-off, then pulls reference data, pushes the outbox and heartbeats.',
    input: staff({}),
    output: z.object({
      connection: ConnectionState,
      pull: z.string(),
      push: z.string(),
      outboxDepth: z.number().int().nonnegative(),
    }),
  }),
  'supervisor.retryOutbox': defineMethod({
    summary: 'Pushes the outbox now, even while the push loop is backing off.',
    input: staff({}),
    output: z.object({
      outcome: z.string(),
      accepted: z.number().int().nonnegative(),
      remaining: z.number().int().nonnegative(),
    }),
  }),
  'supervisor.setOutOfService': defineMethod({
    summary:
      'Takes the terminal out of service (every service refused, attract shows the message), or back in service with { inService: true }. Kept across restarts.',
    input: staff({ message: OutOfServiceMessage.optional(), inService: z.boolean().optional() }),
    output: z.object({ outOfService: z.object({ message: z.string() }).nullable() }),
  }),
  'supervisor.verifyAudit': defineMethod({
    summary: 'Walks the audit hash chain; a broken chain names the first entry that does not hold.',
    input: staff({}),
    output: AuditVerdict,
  }),
  'supervisor.resolveCallStaff': defineMethod({
    summary: 'Marks a call-staff request as attended; it leaves the dashboard.',
    input: staff({ requestId: z.string().min(1).max(64) }),
    output: z.object({ resolved: z.boolean() }),
  }),
  'supervisor.clearIssues': defineMethod({
    summary:
      'Clears the issues staff have dealt with from the list (and the status bar). Issues about this run’s configuration stay until it is fixed and the kiosk restarts; a disk still low is raised again.',
    input: staff({}),
    output: z.object({
      cleared: z.number().int().nonnegative(),
      /** Issues still listed: this run's configuration, or a cause still there (a low disk). */
      remaining: z.number().int().nonnegative(),
    }),
  }),
  'supervisor.restart': defineMethod({
    summary:
      'Restarts the app (the host acts on the `host.command` event). Needs { confirm: true }.',
    input: staff({ confirm: z.literal(true) }),
    output: z.object({ accepted: z.literal(true) }),
  }),
  'supervisor.exitKiosk': defineMethod({
    summary:
      'Quits the kiosk to the desktop (Electron only; HOST_UNSUPPORTED on the web host). Needs { confirm: true }.',
    input: staff({ confirm: z.literal(true) }),
    output: z.object({ accepted: z.literal(true) }),
  }),
}

export const HostCommand = z.enum(['restart', 'exit'])
export type HostCommand = z.infer<typeof HostCommand>

export const supervisorEvents = {
  'supervisor.mode': defineEvent({
    summary:
      'Supervisor mode began or ended (left, idle after 2 minutes, or the host stopping); the renderer leaves the staff screens on `active: false`.',
    payload: z.object({
      active: z.boolean(),
      reason: z.enum(['entered', 'left', 'idle', 'stopped']),
    }),
  }),
  'host.command': defineEvent({
    summary:
      'Staff asked the host to restart the app or exit the kiosk; the host acts on it (the core cannot restart itself).',
    payload: z.object({ command: HostCommand }),
  }),
}
