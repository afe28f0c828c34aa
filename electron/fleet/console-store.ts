/**
 * What the console reads and changes, always within the signed-in account's halls: `halls` null
 * means every hall (a manager), else the list. Every query filters by it in SQL, so no route can
 * forget the scope.
 */
import type { FleetHeartbeat } from '../../shared/fleet/contract'
import type { Queryable } from './db'

export type Scope = string[] | null

/** Day and hour buckets are the halls' local time. */
export const HALL_TIME_ZONE = 'Asia/Shanghai'

const inScope = (column: string, param: number) =>
  `($${param}::text[] IS NULL OR ${column} = ANY($${param}::text[]))`

export interface ConsoleTerminal {
  id: string
  hallId: string
  label: string
  lastSeenAt: string | null
  heartbeat: FleetHeartbeat | null
  /** Commands not yet acknowledged by the terminal (e.g. an out-of-service on its way). */
  pending: string[]
}

export interface ConsoleCall {
  id: string
  terminalId: string
  terminalLabel: string
  hallId: string
  calledAt: string
  screen: string
  step: string | null
  lastError: string | null
  status: 'open' | 'going' | 'handled'
  goingBy: string | null
}

const iso = (value: unknown) =>
  value instanceof Date ? value.toISOString() : value === null ? null : String(value)

export async function listHalls(db: Queryable, scope: Scope) {
  return db.query<{ id: string; name: string; nameEn: string }>(
    `SELECT id, name, name_en AS "nameEn" FROM halls WHERE ${inScope('id', 1)} ORDER BY id`,
    [scope],
  )
}

export async function listTerminals(db: Queryable, scope: Scope): Promise<ConsoleTerminal[]> {
  const rows = await db.query<{
    id: string
    hall_id: string
    label: string
    last_seen_at: Date | null
    last_heartbeat: FleetHeartbeat | null
    pending: string[] | null
  }>(
    `SELECT t.id, t.hall_id, t.label, t.last_seen_at, t.last_heartbeat,
       (SELECT array_agg(c.kind ORDER BY c.id) FROM commands c
        WHERE c.terminal_id = t.id AND c.acked_at IS NULL) AS pending
     FROM terminals t WHERE ${inScope('t.hall_id', 1)} ORDER BY t.hall_id, t.label, t.id`,
    [scope],
  )
  return rows.map((r) => ({
    id: r.id,
    hallId: r.hall_id,
    label: r.label,
    lastSeenAt: iso(r.last_seen_at),
    heartbeat: r.last_heartbeat,
    pending: r.pending ?? [],
  }))
}

const CALL_COLUMNS = `c.id, c.terminal_id, t.label, c.hall_id, c.called_at, c.screen, c.step,
  c.last_error, c.status, c.going_by`

function toCall(r: Record<string, unknown>): ConsoleCall {
  return {
    id: String(r.id),
    terminalId: String(r.terminal_id),
    terminalLabel: String(r.label),
    hallId: String(r.hall_id),
    calledAt: iso(r.called_at)!,
    screen: String(r.screen),
    step: (r.step as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    status: r.status as ConsoleCall['status'],
    goingBy: (r.going_by as string | null) ?? null,
  }
}

/** Calls not yet handled, newest first. */
export async function openCalls(db: Queryable, scope: Scope): Promise<ConsoleCall[]> {
  const rows = await db.query(
    `SELECT ${CALL_COLUMNS} FROM calls c JOIN terminals t ON t.id = c.terminal_id
     WHERE c.status <> 'handled' AND ${inScope('c.hall_id', 1)}
     ORDER BY c.called_at DESC LIMIT 200`,
    [scope],
  )
  return rows.map(toCall)
}

/** Staff's answer to a call, if it is in their halls and not handled yet. */
export async function answerCall(
  db: Queryable,
  scope: Scope,
  callId: string,
  status: 'going' | 'handled',
  staffName: string,
  now: Date,
): Promise<ConsoleCall | null> {
  const rows = await db.query(
    status === 'going'
      ? `UPDATE calls c SET status = 'going', going_by = $3, going_at = $4
         FROM terminals t WHERE t.id = c.terminal_id AND c.id = $1 AND c.status = 'open'
           AND ${inScope('c.hall_id', 2)} RETURNING ${CALL_COLUMNS}`
      : `UPDATE calls c SET status = 'handled', handled_by = $3, handled_at = $4
         FROM terminals t WHERE t.id = c.terminal_id AND c.id = $1 AND c.status <> 'handled'
           AND ${inScope('c.hall_id', 2)} RETURNING ${CALL_COLUMNS}`,
    [callId, scope, staffName, now],
  )
  return rows[0] ? toCall(rows[0]) : null
}

/** The terminals of `target` (one terminal, or a whole hall) that are within the scope. */
export async function terminalsOf(
  db: Queryable,
  scope: Scope,
  target: { terminalId: string } | { hallId: string },
): Promise<{ id: string; hallId: string }[]> {
  const [column, value] =
    'terminalId' in target ? ['id', target.terminalId] : ['hall_id', target.hallId]
  return db.query(
    `SELECT id, hall_id AS "hallId" FROM terminals WHERE ${column} = $1 AND ${inScope('hall_id', 2)}`,
    [value, scope],
  )
}

export interface UsageRow {
  /** `YYYY-MM-DD`, or `total` for the whole range. */
  day: string
  /** The hour of day (0–23) by hour; null for a whole day. */
  hour: number | null
  service: string
  started: number
  completed: number
  abandoned: number
  /** Median time to completion, ms (null with no completion). */
  medianMs: number | null
}

/** Usage per service and day (or day and hour) between two instants, in the halls' time. */
export async function usage(
  db: Queryable,
  scope: Scope,
  range: { from: Date; to: Date; hallId?: string | undefined },
  grain: 'day' | 'hour' | 'total',
): Promise<UsageRow[]> {
  const hour =
    grain === 'hour' ? `extract(hour FROM at AT TIME ZONE '${HALL_TIME_ZONE}')::int` : 'NULL::int'
  // `total`: one row per service for the whole range (a median cannot be summed from days).
  const day =
    grain === 'total' ? `'total'` : `to_char(at AT TIME ZONE '${HALL_TIME_ZONE}', 'YYYY-MM-DD')`
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${day} AS day,
       ${hour} AS hour, service,
       count(*) FILTER (WHERE kind = 'started')::int AS started,
       count(*) FILTER (WHERE kind = 'completed')::int AS completed,
       count(*) FILTER (WHERE kind = 'abandoned')::int AS abandoned,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)
         FILTER (WHERE kind = 'completed') AS median
     FROM usage_events
     WHERE at >= $1 AND at < $2 AND ${inScope('hall_id', 3)} AND ($4::text IS NULL OR hall_id = $4)
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [range.from, range.to, scope, range.hallId ?? null],
  )
  return rows.map((r) => ({
    day: String(r.day),
    hour: r.hour === null ? null : Number(r.hour),
    service: String(r.service),
    started: Number(r.started),
    completed: Number(r.completed),
    abandoned: Number(r.abandoned),
    medianMs: r.median === null || r.median === undefined ? null : Math.round(Number(r.median)),
  }))
}
