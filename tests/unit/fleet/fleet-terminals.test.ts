/**
 * The fleet service's terminal side on a real database (PGlite, and PostgreSQL when configured):
 * registration, signed heartbeats answered with commands, calls, usage, and the refusals.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { verifyResponse } from '../../../shared/central/signing'
import { FLEET_PATHS, type FleetHeartbeat } from '../../../shared/fleet/contract'
import { createFleetServer, type FleetServer } from '../../../electron/fleet/server'
import { migrate } from '../../../electron/fleet/migrations'
import { queueCommand } from '../../../electron/fleet/terminal-store'
import { BACKENDS, heartbeat, signedPost } from './fleet-backends'

const T1 = { terminalId: 'HALL1-T01', key: 'key-one-0123456789abcdef' }
const T2 = { terminalId: 'HALL2-T01', key: 'key-two-0123456789abcdef' }

for (const backend of BACKENDS) {
  describe.runIf(backend.enabled)(`fleet service, terminals (${backend.name})`, () => {
    let fleet: FleetServer
    let url: string

    // One database per file (PGlite takes seconds to start); each test empties what it wrote.
    beforeAll(async () => {
      fleet = await createFleetServer({ database: await backend.fresh() })
      await fleet.saveHall({ id: 'hall-1', name: '一号大厅', nameEn: 'Hall 1' })
      await fleet.saveHall({ id: 'hall-2', name: '二号大厅', nameEn: 'Hall 2' })
      await fleet.registerTerminal({
        id: T1.terminalId,
        hallId: 'hall-1',
        label: 'T01',
        key: T1.key,
      })
      await fleet.registerTerminal({
        id: T2.terminalId,
        hallId: 'hall-2',
        label: 'T01',
        key: T2.key,
      })
      url = (await fleet.start()).url
    }, 60_000)
    beforeEach(async () => {
      await fleet.parts.db.exec(
        'TRUNCATE calls, usage_events, commands; UPDATE terminals SET last_seen_at = NULL, last_heartbeat = NULL',
      )
    })
    afterAll(async () => {
      await fleet.stop()
    })

    it('migrates once: a second run applies nothing', async () => {
      expect(await migrate(fleet.parts.db)).toEqual([])
      const rows = await fleet.parts.db.query<{ version: number }>(
        'SELECT version FROM schema_migrations',
      )
      expect(rows.map((r) => r.version)).toEqual([1, 2])
    })

    it('stores a signed heartbeat and answers it signed, with the next interval', async () => {
      const sent = await signedPost(url, FLEET_PATHS.heartbeat, heartbeat(), T1)
      expect(sent.status).toBe(200)
      expect(sent.json).toMatchObject({ nextHeartbeatSeconds: 15, commands: [] })
      const verdict = await verifyResponse({
        status: sent.status,
        body: sent.text,
        header: (n) => sent.headers.get(n),
        requestNonce: sent.nonce,
        terminalId: T1.terminalId,
        key: T1.key,
      })
      expect(verdict.ok).toBe(true)
      const rows = await fleet.parts.db.query<{ last_heartbeat: FleetHeartbeat }>(
        'SELECT last_heartbeat FROM terminals WHERE id = $1',
        [T1.terminalId],
      )
      expect(rows[0]?.last_heartbeat.devices[0]?.status).toBe('PAPER_LOW')
    })

    it.each([
      [
        'an unregistered terminal',
        { terminalId: 'HALL9-T99', key: T1.key },
        'AUTH_UNKNOWN_TERMINAL',
      ],
      [
        'a terminal signing as another',
        { terminalId: T2.terminalId, key: T1.key },
        'AUTH_BAD_SIGNATURE',
      ],
      [
        'a stale signature',
        { ...T1, now: new Date(Date.now() - 10 * 60_000) },
        'AUTH_STALE_TIMESTAMP',
      ],
    ])('refuses %s and stores nothing', async (_name, who, code) => {
      const sent = await signedPost(url, FLEET_PATHS.heartbeat, heartbeat(), who)
      expect(sent.status).toBe(401)
      expect(sent.json).toEqual({ error: { code } })
      const rows = await fleet.parts.db.query(
        'SELECT id FROM terminals WHERE last_seen_at IS NOT NULL',
      )
      expect(rows).toEqual([])
    })

    it('refuses an unsigned request and a replayed one', async () => {
      const unsigned = await fetch(url + FLEET_PATHS.heartbeat, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(heartbeat()),
      })
      expect(unsigned.status).toBe(401)
      const body = JSON.stringify(heartbeat())
      const { signRequest } = await import('../../../shared/central/signing')
      const headers = await signRequest({
        method: 'POST',
        pathWithQuery: FLEET_PATHS.heartbeat,
        body,
        ...T1,
      })
      const send = () =>
        fetch(url + FLEET_PATHS.heartbeat, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body,
        })
      expect((await send()).status).toBe(200)
      const replay = await send()
      expect(replay.status).toBe(401)
      expect(await replay.json()).toEqual({ error: { code: 'AUTH_REPLAYED_NONCE' } })
    })

    it.each([
      ['not JSON', '{"appVersion":'],
      ['a wrong type', { ...heartbeat(), uptimeSeconds: '60' }],
      ['a negative count', { ...heartbeat(), outboxPending: -1 }],
      [
        'too many open calls',
        { ...heartbeat(), openCalls: Array.from({ length: 21 }, randomUUID) },
      ],
      ['an issue code with spaces', { ...heartbeat(), issues: ['DROP TABLE calls'] }],
    ])('refuses a heartbeat with %s (400)', async (_name, body) => {
      const sent = await signedPost(url, FLEET_PATHS.heartbeat, body, T1)
      expect(sent.status).toBe(400)
    })

    it('answers pending commands until acknowledged; the newest out-of-service wins', async () => {
      await queueCommand(
        fleet.parts.db,
        [T1.terminalId],
        { kind: 'outOfService', body: { message: '维护中' } },
        'test',
      )
      await queueCommand(fleet.parts.db, [T1.terminalId], { kind: 'resume' }, 'test')
      const [sync] = await queueCommand(
        fleet.parts.db,
        [T1.terminalId],
        { kind: 'syncNow' },
        'test',
      )
      const first = await signedPost(url, FLEET_PATHS.heartbeat, heartbeat(), T1)
      const commands = (first.json as { commands: { id: number; kind: string }[] }).commands
      expect(commands.map((c) => c.kind)).toEqual(['resume', 'syncNow'])
      const again = await signedPost(
        url,
        FLEET_PATHS.heartbeat,
        heartbeat({ ackCommands: commands.map((c) => c.id) }),
        T1,
      )
      expect((again.json as { commands: unknown[] }).commands).toEqual([])
      expect(sync).toBeGreaterThan(0)
      // Another terminal never sees them, nor can it acknowledge them.
      const other = await signedPost(url, FLEET_PATHS.heartbeat, heartbeat(), T2)
      expect((other.json as { commands: unknown[] }).commands).toEqual([])
    })

    it('stores a call once, in the hall of the terminal that signed it', async () => {
      const call = {
        callId: randomUUID(),
        at: new Date().toISOString(),
        screen: 'fund-records',
        step: null,
        lastError: 'CENTRAL_UNREACHABLE',
      }
      expect((await signedPost(url, FLEET_PATHS.call, call, T2)).json).toEqual({ accepted: 1 })
      expect((await signedPost(url, FLEET_PATHS.call, call, T2)).json).toEqual({ accepted: 0 })
      const rows = await fleet.parts.db.query<{ hall_id: string; status: string }>(
        'SELECT hall_id, status FROM calls',
      )
      expect(rows).toEqual([{ hall_id: 'hall-2', status: 'open' }])
      // A call may not carry anything but codes: a name in the screen field is refused.
      const named = await signedPost(
        url,
        FLEET_PATHS.call,
        { ...call, callId: randomUUID(), screen: '林晓峰' },
        T2,
      )
      expect(named.status).toBe(400)
    })

    it('speeds heartbeats up while a call is open', async () => {
      const sent = await signedPost(
        url,
        FLEET_PATHS.heartbeat,
        heartbeat({ openCalls: [randomUUID()] }),
        T1,
      )
      expect(sent.json).toMatchObject({ nextHeartbeatSeconds: 2 })
    })

    it('counts usage events once, even when a batch is sent again', async () => {
      const events = [
        {
          eventId: 'evt-00000001',
          at: new Date().toISOString(),
          service: 'fund.records',
          kind: 'started',
          durationMs: null,
        },
        {
          eventId: 'evt-00000002',
          at: new Date().toISOString(),
          service: 'fund.records',
          kind: 'completed',
          durationMs: 42_000,
        },
      ]
      expect((await signedPost(url, FLEET_PATHS.usage, { events }, T1)).json).toEqual({
        accepted: 2,
      })
      expect((await signedPost(url, FLEET_PATHS.usage, { events }, T1)).json).toEqual({
        accepted: 0,
      })
      const bad = await signedPost(
        url,
        FLEET_PATHS.usage,
        { events: [{ ...events[0], kind: 'paid' }] },
        T1,
      )
      expect(bad.status).toBe(400)
    })
  })
}
