/**
 * What terminals write into the fleet database, and the commands waiting for them. Every function
 * takes the terminal id the signature proved; the body never names the terminal, so one terminal
 * cannot write as another.
 */
import type {
  FleetCommand,
  FleetCallReport,
  FleetHeartbeat,
  UsageEvent,
} from '../../shared/fleet/contract'
import { FleetCommand as FleetCommandSchema } from '../../shared/fleet/contract'
import type { Queryable } from './db'

/** A call is closed by a heartbeat that lacks it only once it is this old (a report may race). */
const CALL_SETTLE_MS = 30_000

export interface RegisteredTerminal {
  id: string
  hallId: string
  label: string
  key: string
}

/** Creates or renames a hall. */
export async function saveHall(
  db: Queryable,
  hall: { id: string; name: string; nameEn: string },
): Promise<void> {
  await db.query(
    `INSERT INTO halls (id, name, name_en) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en`,
    [hall.id, hall.name, hall.nameEn],
  )
}

/** Registers a terminal (or changes its hall, label or key). Only registered terminals report. */
export async function registerTerminal(db: Queryable, terminal: RegisteredTerminal): Promise<void> {
  await db.query(
    `INSERT INTO terminals (id, hall_id, label, signing_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE
       SET hall_id = EXCLUDED.hall_id, label = EXCLUDED.label, signing_key = EXCLUDED.signing_key`,
    [terminal.id, terminal.hallId, terminal.label, terminal.key],
  )
}

/** Every registered terminal with its key (the service keeps them in memory to verify requests). */
export async function loadTerminals(db: Queryable): Promise<RegisteredTerminal[]> {
  return db.query<RegisteredTerminal>(
    'SELECT id, hall_id AS "hallId", label, signing_key AS key FROM terminals',
  )
}

/**
 * Stores the heartbeat as the terminal's latest state, marks the commands it acknowledges, closes
 * the calls it no longer holds open (staff handled them on its dashboard), and returns the
 * commands still pending for it, oldest first. One statement (atomic by itself, and one round
 * trip: this runs for every terminal every 15 s). The SELECT sees the table as it was before the
 * statement's own updates, so it leaves out the acknowledged ids itself.
 */
export async function recordHeartbeat(
  db: Queryable,
  terminalId: string,
  heartbeat: FleetHeartbeat,
  now: Date,
): Promise<FleetCommand[]> {
  const rows = await db.query<CommandRow>(
    `WITH seen AS (
       UPDATE terminals SET last_seen_at = $2, last_heartbeat = $3 WHERE id = $1
     ), acked AS (
       UPDATE commands SET acked_at = $2
       WHERE terminal_id = $1 AND id = ANY($4::bigint[]) AND acked_at IS NULL
     ), closed AS (
       UPDATE calls SET status = 'handled', handled_by = 'terminal', handled_at = $2
       WHERE terminal_id = $1 AND status <> 'handled' AND NOT (id = ANY($5::uuid[]))
         AND received_at < $6
     )
     SELECT id, kind, body FROM commands
     WHERE terminal_id = $1 AND acked_at IS NULL AND NOT (id = ANY($4::bigint[]))
     ORDER BY id LIMIT 50`,
    [
      terminalId,
      now,
      JSON.stringify(heartbeat),
      heartbeat.ackCommands,
      heartbeat.openCalls,
      new Date(now.getTime() - CALL_SETTLE_MS),
    ],
  )
  return toCommands(rows)
}

interface CommandRow {
  id: number | string
  kind: string
  body: Record<string, unknown>
}

function toCommands(rows: CommandRow[]): FleetCommand[] {
  const commands: FleetCommand[] = []
  for (const row of rows) {
    const parsed = FleetCommandSchema.safeParse({ ...row.body, id: Number(row.id), kind: row.kind })
    if (parsed.success) commands.push(parsed.data)
  }
  return commands
}

/** Commands not yet acknowledged by the terminal, oldest first (at most 50). */
export async function pendingCommands(db: Queryable, terminalId: string): Promise<FleetCommand[]> {
  const rows = await db.query<CommandRow>(
    `SELECT id, kind, body FROM commands
     WHERE terminal_id = $1 AND acked_at IS NULL ORDER BY id LIMIT 50`,
    [terminalId],
  )
  return toCommands(rows)
}

/** Stores a resident's call; a repeat of the same call id is ignored. Returns true when new. */
export async function recordCall(
  db: Queryable,
  terminal: { id: string; hallId: string },
  call: FleetCallReport,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO calls (id, terminal_id, hall_id, called_at, received_at, screen, step, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      call.callId,
      terminal.id,
      terminal.hallId,
      call.at,
      now,
      call.screen,
      call.step,
      call.lastError,
    ],
  )
  return rows.length > 0
}

/** Stores usage events; ones already stored (a retried batch) are skipped. Returns how many new. */
export async function recordUsage(
  db: Queryable,
  terminal: { id: string; hallId: string },
  events: UsageEvent[],
): Promise<number> {
  if (events.length === 0) return 0
  const params: unknown[] = []
  const values = events.map((e, i) => {
    params.push(terminal.id, e.eventId, terminal.hallId, e.at, e.service, e.kind, e.durationMs)
    const b = i * 7
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`
  })
  const rows = await db.query(
    `INSERT INTO usage_events (terminal_id, event_id, hall_id, at, service, kind, duration_ms)
     VALUES ${values.join(', ')} ON CONFLICT (terminal_id, event_id) DO NOTHING RETURNING event_id`,
    params,
  )
  return rows.length
}

/** Queues a command for terminals; returns the ids given. */
export async function queueCommand(
  db: Queryable,
  terminalIds: string[],
  command: { kind: FleetCommand['kind']; body?: Record<string, unknown> },
  createdBy: string,
): Promise<number[]> {
  if (terminalIds.length === 0) return []
  if (command.kind === 'outOfService' || command.kind === 'resume') {
    // The newest of "out of service" and "resume" wins: an older one not yet delivered is dropped.
    await db.query(
      `UPDATE commands SET acked_at = now()
       WHERE terminal_id = ANY($1::text[]) AND kind IN ('outOfService', 'resume') AND acked_at IS NULL`,
      [terminalIds],
    )
  }
  const rows = await db.query<{ id: number | string }>(
    `INSERT INTO commands (terminal_id, kind, body, created_by)
     SELECT t, $2, $3::jsonb, $4 FROM unnest($1::text[]) AS t RETURNING id`,
    [terminalIds, command.kind, JSON.stringify(command.body ?? {}), createdBy],
  )
  return rows.map((r) => Number(r.id))
}
