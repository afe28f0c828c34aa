/**
 * The databases the fleet tests run on: PGlite in memory always, and a real PostgreSQL server when
 * `FLEET_TEST_DATABASE_URL` is set (.ci/run starts one: build/ci/postgres-cluster.sh). Each test
 * gets an empty database: PostgreSQL's public schema is dropped and made again.
 */
import { Client } from 'pg'
import type { FleetDbLocation } from '../../../electron/fleet/db'
import type { FleetHeartbeat } from '../../../shared/fleet/contract'
import { signRequest } from '../../../shared/central/signing'

export interface Backend {
  name: string
  enabled: boolean
  /** An empty database for one test. */
  fresh(): Promise<FleetDbLocation>
}

const url = process.env.FLEET_TEST_DATABASE_URL

export const BACKENDS: Backend[] = [
  { name: 'PGlite', enabled: true, fresh: async () => ({ kind: 'memory' }) },
  {
    name: 'PostgreSQL',
    enabled: Boolean(url),
    async fresh() {
      const client = new Client({ connectionString: url })
      await client.connect()
      try {
        await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
      } finally {
        await client.end()
      }
      return { kind: 'postgres', url: url! }
    },
  },
]

/** Sends a request signed as `terminalId` with `key`, as a terminal would. */
export async function signedPost(
  base: string,
  path: string,
  body: unknown,
  who: { terminalId: string; key: string; now?: Date },
): Promise<{ status: number; json: unknown; headers: Headers; nonce: string; text: string }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const headers = await signRequest({ method: 'POST', pathWithQuery: path, body: text, ...who })
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: text,
  })
  const answer = await response.text()
  let json: unknown
  try {
    json = JSON.parse(answer)
  } catch {
    json = null
  }
  return {
    status: response.status,
    json,
    headers: response.headers,
    nonce: headers['x-kiosk-nonce'],
    text: answer,
  }
}

/** A well-formed heartbeat; `over` changes fields. */
export function heartbeat(over: Partial<FleetHeartbeat> = {}): FleetHeartbeat {
  return {
    appVersion: '0.1.0',
    startedAt: '2026-12-05T08:00:00.000Z',
    uptimeSeconds: 60,
    mode: 'demo',
    connection: 'online',
    outboxPending: 0,
    outboxRejected: 0,
    lastSyncAt: null,
    devices: [{ kind: 'receiptPrinter', state: 'ready', status: 'PAPER_LOW' }],
    issues: [],
    auditHead: null,
    outOfService: null,
    openCalls: [],
    sessionActive: false,
    droppedReports: 0,
    ackCommands: [],
    ...over,
  }
}
