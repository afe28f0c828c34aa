/**
 * The console API on a real database: nothing without a session, nothing across halls, and the
 * staff's answers become commands for the terminal.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FLEET_PATHS } from '../../../shared/fleet/contract'
import { consoleExtension } from '../../../electron/fleet/console'
import { createFleetServer, type FleetServer } from '../../../electron/fleet/server'
import { saveStaff } from '../../../electron/fleet/staff'
import { pendingCommands } from '../../../electron/fleet/terminal-store'
import { BACKENDS, heartbeat, signedPost } from './fleet-backends'

const T1 = { terminalId: 'HALL1-T01', key: 'key-one-0123456789abcdef' }
const T2 = { terminalId: 'HALL2-T01', key: 'key-two-0123456789abcdef' }
const H = { 'x-fleet-console': '1', 'content-type': 'application/json' }

for (const backend of BACKENDS) {
  describe.runIf(backend.enabled)(`console API (${backend.name})`, () => {
    let fleet: FleetServer
    let url: string
    let staffCookie: string
    let managerCookie: string
    const call1 = randomUUID()
    const call2 = randomUUID()

    async function signIn(username: string, password: string) {
      const response = await fetch(`${url}/console/api/session`, {
        method: 'POST',
        headers: H,
        body: JSON.stringify({ username, password }),
      })
      return { response, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! }
    }
    /** What the console API answers, as far as these tests read it. */
    type Answer = Omit<Response, 'json'> & {
      json(): Promise<{
        terminals: { id: string }[]
        calls: { id: string }[]
        halls: { id: string }[]
        call: unknown
        rows: Record<string, unknown>[]
      }>
    }
    const get = (path: string, cookie = staffCookie) =>
      fetch(url + path, { headers: { cookie } }) as Promise<Answer>
    const post = (path: string, body: unknown, cookie = staffCookie) =>
      fetch(url + path, {
        method: 'POST',
        headers: { ...H, cookie },
        body: JSON.stringify(body),
      }) as Promise<Answer>

    beforeAll(async () => {
      fleet = await createFleetServer({
        database: await backend.fresh(),
        extend: consoleExtension({ staticDir: null, secureCookie: false }),
      })
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
      await saveStaff(fleet.parts.db, {
        username: 'wang',
        displayName: '王敏',
        password: 'hall-one-staff-pass',
        role: 'hallStaff',
        hallId: 'hall-1',
      })
      await saveStaff(fleet.parts.db, {
        username: 'li',
        displayName: '李强',
        password: 'manager-pass-2026',
        role: 'hallManager',
        hallId: null,
      })
      url = (await fleet.start()).url
      for (const [who, id] of [
        [T1, call1],
        [T2, call2],
      ] as const) {
        await signedPost(
          url,
          FLEET_PATHS.call,
          { callId: id, at: new Date().toISOString(), screen: 'home', step: null, lastError: null },
          who,
        )
        await signedPost(
          url,
          FLEET_PATHS.usage,
          {
            events: [
              {
                eventId: `e-${id.slice(0, 8)}-1`,
                at: new Date().toISOString(),
                service: 'session',
                kind: 'started',
                durationMs: null,
              },
              {
                eventId: `e-${id.slice(0, 8)}-2`,
                at: new Date().toISOString(),
                service: 'session',
                kind: 'completed',
                durationMs: 30_000,
              },
            ],
          },
          who,
        )
      }
      staffCookie = (await signIn('wang', 'hall-one-staff-pass')).cookie
      managerCookie = (await signIn('LI', 'manager-pass-2026')).cookie
    }, 60_000)
    afterAll(async () => {
      await fleet.stop()
    })

    it.each([
      ['GET', '/console/api/overview'],
      ['GET', '/console/api/events'],
      ['GET', '/console/api/usage?from=2026-12-01&to=2026-12-05'],
      ['GET', '/console/api/usage.csv?from=2026-12-01&to=2026-12-05'],
      ['POST', '/console/api/commands'],
      ['POST', `/console/api/calls/${randomUUID()}/going`],
    ])('refuses %s %s without a session (401)', async (method, path) => {
      for (const cookie of ['', 'fleet_session=forged', `fleet_session=${'A'.repeat(43)}`]) {
        const response = await fetch(url + path, {
          method,
          headers: { ...H, cookie },
          ...(method === 'POST' ? { body: '{}' } : {}),
        })
        expect(response.status).toBe(401)
        expect(await response.json()).toEqual({ error: { code: 'NO_SESSION' } })
      }
    })

    it('sets the session cookie httpOnly and SameSite=Strict; a wrong password gets none', async () => {
      const { response } = await signIn('wang', 'hall-one-staff-pass')
      expect(response.headers.get('set-cookie')).toMatch(
        /^fleet_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
      )
      const wrong = await signIn('wang', 'Hall-one-staff-pass')
      expect(wrong.response.status).toBe(401)
      expect(wrong.response.headers.get('set-cookie')).toBeNull()
      expect((await signIn('nobody', 'x')).response.status).toBe(401)
    })

    it('locks a name after five wrong passwords, even for the right one', async () => {
      await saveStaff(fleet.parts.db, {
        username: 'zhao',
        displayName: '赵',
        password: 'right-password',
        role: 'hallStaff',
        hallId: 'hall-1',
      })
      for (let i = 0; i < 5; i++)
        expect((await signIn('zhao', `wrong-${i}`)).response.status).toBe(401)
      expect((await signIn('zhao', 'right-password')).response.status).toBe(429)
    })

    it('refuses a change without the console header (a cross-site form)', async () => {
      const response = await fetch(`${url}/console/api/commands`, {
        method: 'POST',
        headers: { cookie: staffCookie, 'content-type': 'text/plain' },
        body: JSON.stringify({ target: { terminalId: T1.terminalId }, kind: 'syncNow' }),
      })
      expect(response.status).toBe(403)
    })

    it('shows hall staff only their hall; a manager sees all', async () => {
      const mine = await (await get('/console/api/overview')).json()
      expect(mine.terminals.map((t) => t.id)).toEqual([T1.terminalId])
      expect(mine.calls.map((c) => c.id)).toEqual([call1])
      expect(mine.halls.map((h) => h.id)).toEqual(['hall-1'])
      const all = await (await get('/console/api/overview', managerCookie)).json()
      expect(all.terminals).toHaveLength(2)
      expect(all.calls).toHaveLength(2)
    })

    it('refuses to command or answer another hall (404), and stores no command', async () => {
      expect(
        (
          await post('/console/api/commands', {
            target: { terminalId: T2.terminalId },
            kind: 'outOfService',
            message: 'x',
          })
        ).status,
      ).toBe(404)
      expect(
        (await post('/console/api/commands', { target: { hallId: 'hall-2' }, kind: 'resume' }))
          .status,
      ).toBe(404)
      expect((await post(`/console/api/calls/${call2}/going`, {})).status).toBe(404)
      expect(
        (await get('/console/api/usage?from=2026-01-01&to=2026-12-31&hall=hall-2')).status,
      ).toBe(404)
      expect(await pendingCommands(fleet.parts.db, T2.terminalId)).toEqual([])
    })

    it.each([
      [{ target: { terminalId: T1.terminalId }, kind: 'selfDestruct' }],
      [{ target: { terminalId: T1.terminalId, hallId: 'hall-1' }, kind: 'resume' }],
      [{ target: { terminalId: T1.terminalId }, kind: 'outOfService', message: 'x'.repeat(201) }],
    ])('refuses a malformed command %j (400)', async (command) => {
      expect((await post('/console/api/commands', command)).status).toBe(400)
    })

    it('"I\'m going" and out of service become commands for the terminal', async () => {
      const going = await post(`/console/api/calls/${call1}/going`, {})
      expect(going.status).toBe(200)
      expect((await going.json()).call).toMatchObject({ status: 'going', goingBy: '王敏' })
      expect(
        (
          await post('/console/api/commands', {
            target: { hallId: 'hall-1' },
            kind: 'outOfService',
            message: '网络维护',
          })
        ).status,
      ).toBe(200)
      const answer = await signedPost(
        url,
        FLEET_PATHS.heartbeat,
        heartbeat({ openCalls: [call1] }),
        T1,
      )
      expect((answer.json as { commands: unknown[] }).commands).toEqual([
        { id: expect.any(Number), kind: 'staffComing', callId: call1 },
        { id: expect.any(Number), kind: 'outOfService', message: '网络维护' },
      ])
      expect((await post(`/console/api/calls/${call1}/handled`, {})).status).toBe(200)
      expect((await (await get('/console/api/overview')).json()).calls).toEqual([])
    })

    it("gives usage per day and as CSV, only for the account's halls", async () => {
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
      const rows = (await (await get(`/console/api/usage?from=${today}&to=${today}`)).json()).rows
      expect(rows).toEqual([
        {
          day: today,
          hour: null,
          service: 'session',
          started: 1,
          completed: 1,
          abandoned: 0,
          medianMs: 30000,
        },
      ])
      const all = (
        await (await get(`/console/api/usage?from=${today}&to=${today}`, managerCookie)).json()
      ).rows
      expect(all[0]).toMatchObject({ started: 2, completed: 2 })
      const csv = await get(`/console/api/usage.csv?from=${today}&to=${today}&grain=hour`)
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const bytes = new Uint8Array(await csv.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // a BOM: Excel then reads UTF-8
      const text = new TextDecoder().decode(bytes)
      expect(text.split('\r\n')[0]).toBe(
        'day,hour,service,started,completed,abandoned,abandon_rate,median_seconds',
      )
      expect(text.split('\r\n')[1]).toMatch(new RegExp(`^${today},\\d+,session,1,1,0,0.000,30.0$`))
      expect((await get('/console/api/usage?from=2026-12-05&to=2026-01-01')).status).toBe(400)
    })

    it("streams changes live, only from the account's halls", async () => {
      const controller = new AbortController()
      const response = await fetch(`${url}/console/api/events`, {
        headers: { cookie: staffCookie },
        signal: controller.signal,
      })
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      const reader = response.body!.getReader()
      let text = ''
      await reader.read()
      await signedPost(url, FLEET_PATHS.heartbeat, heartbeat(), T2)
      await signedPost(url, FLEET_PATHS.heartbeat, heartbeat(), T1)
      while (!text.includes('HALL1-T01'))
        text += new TextDecoder().decode((await reader.read()).value)
      controller.abort()
      expect(text).not.toContain('HALL2')
      expect(text).toContain('"type":"terminal"')
    })
  })
}
