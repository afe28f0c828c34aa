/**
 * The fleet database's schema, as numbered migrations applied in order and recorded in
 * `schema_migrations`. A migration once released is never edited: a change is a new entry. Each
 * runs in its own transaction under an advisory lock, so two services starting on one database
 * do not apply the same step twice.
 */
import type { FleetDb } from './db'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'halls, terminals, calls, usage, commands, staff',
    sql: `
      CREATE TABLE halls (
        id text PRIMARY KEY,
        name text NOT NULL,
        name_en text NOT NULL
      );
      CREATE TABLE terminals (
        id text PRIMARY KEY,
        hall_id text NOT NULL REFERENCES halls(id),
        label text NOT NULL,
        -- The terminal's HMAC key: the same secret its requests to the centre are signed with.
        signing_key text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz,
        -- The latest heartbeat as sent (shared/fleet/contract.ts, FleetHeartbeat); no history.
        last_heartbeat jsonb
      );
      CREATE INDEX terminals_hall ON terminals(hall_id);
      CREATE TABLE calls (
        id uuid PRIMARY KEY,
        terminal_id text NOT NULL REFERENCES terminals(id),
        hall_id text NOT NULL REFERENCES halls(id),
        called_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        screen text NOT NULL,
        step text,
        last_error text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'going', 'handled')),
        going_by text,
        going_at timestamptz,
        handled_by text,
        handled_at timestamptz
      );
      CREATE INDEX calls_open ON calls(hall_id, called_at DESC) WHERE status <> 'handled';
      CREATE TABLE usage_events (
        terminal_id text NOT NULL REFERENCES terminals(id),
        event_id text NOT NULL,
        hall_id text NOT NULL REFERENCES halls(id),
        at timestamptz NOT NULL,
        service text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('started', 'completed', 'abandoned')),
        duration_ms integer,
        PRIMARY KEY (terminal_id, event_id)
      );
      CREATE INDEX usage_hall_at ON usage_events(hall_id, at);
      CREATE TABLE commands (
        id bigserial PRIMARY KEY,
        terminal_id text NOT NULL REFERENCES terminals(id),
        kind text NOT NULL,
        body jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        acked_at timestamptz
      );
      CREATE INDEX commands_pending ON commands(terminal_id) WHERE acked_at IS NULL;
      CREATE TABLE staff (
        id bigserial PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('hallStaff', 'hallManager')),
        -- A hall manager with no hall sees every hall; hall staff always have one.
        hall_id text REFERENCES halls(id),
        CHECK (role = 'hallManager' OR hall_id IS NOT NULL)
      );
      CREATE TABLE staff_sessions (
        token_hash text PRIMARY KEY,
        staff_id bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'heartbeats: room for in-place updates, open calls by terminal',
    // Each heartbeat rewrites its terminal's row; with free room on the page PostgreSQL updates
    // it in place (a HOT update) and prunes the old version without waiting for VACUUM. Each
    // also looks for its terminal's open calls.
    sql: `
      ALTER TABLE terminals SET (fillfactor = 50);
      CREATE INDEX calls_terminal_open ON calls(terminal_id) WHERE status <> 'handled';
    `,
  },
]

/** Applies the migrations the database lacks, in order; returns the versions applied now. */
export async function migrate(
  db: FleetDb,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`)
  const applied: number[] = []
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      // One service at a time past this point (any constant: the fleet's own lock number).
      await tx.query('SELECT pg_advisory_xact_lock(2207)')
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ])
      if (seen.length > 0) return false
      for (const statement of splitStatements(migration.sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      return true
    })
    if (done) applied.push(migration.version)
  }
  return applied
}

/** The migration's statements one by one (a parameterised query takes a single statement). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0)
}
