/**
 * The fleet service's one way into its database. The same SQL runs on PGlite (PostgreSQL compiled
 * to WASM, in process: `npm start` needs nothing installed) and on a real PostgreSQL server through
 * `pg` when `FLEET_DATABASE_URL` is set. Queries use `$1` parameters on both; counts are cast to
 * `int` in SQL because `pg` hands `bigint` back as a string and PGlite as a number.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Pool, type PoolClient } from 'pg'

/** Something queries run on: the database, or one transaction on it. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
}

export interface FleetDb extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /** Runs several statements (migrations). No parameters. */
  exec(sql: string): Promise<void>
  /** Runs `work` in one transaction; a throw rolls it back. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  /** The database's size on disk, in bytes (the bench's growth figure). */
  sizeBytes(): Promise<number>
  close(): Promise<void>
}

/** Where the data lives: a PGlite folder, PGlite in memory (tests), or a PostgreSQL URL. */
export type FleetDbLocation =
  { kind: 'pglite'; dataDir: string } | { kind: 'memory' } | { kind: 'postgres'; url: string }

async function size(db: Queryable): Promise<number> {
  const rows = await db.query<{ bytes: number | string }>(
    'SELECT pg_database_size(current_database()) AS bytes',
  )
  return Number(rows[0]?.bytes ?? 0)
}

async function openPglite(dataDir: string | undefined): Promise<FleetDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const lite = await PGlite.create(dataDir ? { dataDir } : {})
  const db: FleetDb = {
    kind: 'pglite',
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await lite.query<Row>(sql, params)).rows
    },
    async exec(sql) {
      await lite.exec(sql)
    },
    transaction: (work) =>
      lite.transaction((tx) =>
        work({
          query: async <Row>(sql: string, p: unknown[] = []) => (await tx.query<Row>(sql, p)).rows,
        }),
      ),
    sizeBytes: () => size(db),
    close: () => lite.close(),
  }
  return db
}

function openPostgres(url: string): FleetDb {
  // A small pool: the service's work is short queries; PostgreSQL's default limit is 100.
  const pool = new Pool({ connectionString: url, max: 8 })
  // An idle client's error (the server restarted) must not crash the service; the next query
  // gets a fresh connection and its own error.
  pool.on('error', () => {})
  const on = (client: Pool | PoolClient): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as Row[]
    },
  })
  const db: FleetDb = {
    kind: 'postgres',
    ...on(pool),
    async exec(sql) {
      await pool.query(sql)
    },
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work(on(client))
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    sizeBytes: () => size(db),
    close: () => pool.end(),
  }
  return db
}

/** Opens the database (nothing is created in it until the migrations run). */
export async function openFleetDb(location: FleetDbLocation): Promise<FleetDb> {
  switch (location.kind) {
    case 'postgres':
      return openPostgres(location.url)
    case 'memory':
      return openPglite(undefined)
    case 'pglite':
      return openPglite(location.dataDir)
  }
}
