/**
 * A real core reporting to a real fleet service (PGlite in memory) on loopback: calls arrive at
 * once, commands from the fleet act on the terminal, and a fleet that is down or untrusted changes
 * nothing a resident does.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../../electron/core/core'
import { createFleetServer, type FleetServer } from '../../../../electron/fleet/server'
import { queueCommand } from '../../../../electron/fleet/terminal-store'
import { testConfig, testCore } from '../core.fixture'

const config = testConfig()

// PGlite takes seconds to start on a busy two-core machine: generous limits, nothing timed by them.
describe('fleet reporting from a core', { timeout: 60_000 }, () => {
  let fleet: FleetServer
  let core: Core | undefined

  beforeEach(async () => {
    fleet = await createFleetServer({ database: { kind: 'memory' } })
    await fleet.saveHall({ id: 'hall-1', name: '测试大厅', nameEn: 'Test Hall' })
    await fleet.registerTerminal({
      id: config.terminalId,
      hallId: 'hall-1',
      label: 'T01',
      key: config.terminalKey,
    })
    await fleet.start()
  }, 60_000)
  afterEach(async () => {
    await core?.stop()
    core = undefined
    await fleet.stop()
  })

  async function startCore(fleetUrl: string): Promise<Core> {
    const started = (
      await testCore({
        fleetUrl,
        terminalKey: config.terminalKey,
        terminalId: config.terminalId,
      })
    ).core
    core = started
    await started.start()
    return started
  }

  it('reports a call within 2 s; "I\'m going" and out of service come back on a heartbeat', async () => {
    const kiosk = await startCore(fleet.url!)
    const called = await kiosk.call('help.callStaff', { screen: 'fund-records' })
    expect(called.ok).toBe(true)
    const callId = (called as { value: { requestId: string } }).value.requestId
    const startedAt = Date.now()
    await expect
      .poll(async () => (await fleet.parts.db.query('SELECT id FROM calls')).length, {
        timeout: 2000,
        interval: 50,
      })
      .toBe(1)
    expect(Date.now() - startedAt).toBeLessThan(2000)

    await queueCommand(
      fleet.parts.db,
      [config.terminalId],
      { kind: 'staffComing', body: { callId } },
      'staff',
    )
    await queueCommand(
      fleet.parts.db,
      [config.terminalId],
      { kind: 'outOfService', body: { message: '设备维护，请到 3 号窗口' } },
      'staff',
    )
    expect(await kiosk.internals.fleet()!.heartbeatNow()).toBe(true)
    const status = kiosk.internals.status.snapshot()
    expect(status.staffComing).toEqual([callId])
    expect(status.outOfService).toEqual({ message: '设备维护，请到 3 号窗口' })

    // The next heartbeat acknowledges both: the fleet stops sending them.
    expect(await kiosk.internals.fleet()!.heartbeatNow()).toBe(true)
    const pending = await fleet.parts.db.query('SELECT id FROM commands WHERE acked_at IS NULL')
    expect(pending).toEqual([])

    // Handled at the console: the terminal closes the call, and "coming" goes with it.
    await queueCommand(
      fleet.parts.db,
      [config.terminalId],
      { kind: 'callHandled', body: { callId } },
      'staff',
    )
    await kiosk.internals.fleet()!.heartbeatNow()
    expect(kiosk.internals.help.openCalls()).toEqual([])
    expect(kiosk.internals.status.snapshot().staffComing).toEqual([])
  })

  it('keeps serving while the fleet is down, and delivers the queued call once it is back', async () => {
    const port = (fleet.url!.match(/:(\d+)$/) ?? [])[1]
    await fleet.stop()
    const kiosk = await startCore(`http://127.0.0.1:${port}`)
    const before = Date.now()
    const called = await kiosk.call('help.callStaff', { screen: 'home' })
    expect(called.ok).toBe(true)
    expect(Date.now() - before).toBeLessThan(500)
    await expect.poll(() => kiosk.internals.fleet()!.backlog().queued, { timeout: 3000 }).toBe(1)

    fleet = await createFleetServer({ database: { kind: 'memory' }, port: Number(port) })
    await fleet.saveHall({ id: 'hall-1', name: '测试大厅', nameEn: 'Test Hall' })
    await fleet.registerTerminal({
      id: config.terminalId,
      hallId: 'hall-1',
      label: 'T01',
      key: config.terminalKey,
    })
    await fleet.start()
    expect(await kiosk.internals.fleet()!.heartbeatNow()).toBe(true)
    expect(kiosk.internals.fleet()!.backlog().queued).toBe(0)
    expect(await fleet.parts.db.query('SELECT id FROM calls')).toHaveLength(1)
  })

  it('ignores commands in an answer the fleet did not sign', async () => {
    const impostor = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(
        JSON.stringify({
          serverTime: new Date().toISOString(),
          nextHeartbeatSeconds: 15,
          commands: [{ id: 1, kind: 'outOfService', message: '假的' }],
        }),
      )
    })
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve))
    try {
      const kiosk = await startCore(`http://127.0.0.1:${(impostor.address() as AddressInfo).port}`)
      expect(await kiosk.internals.fleet()!.heartbeatNow()).toBe(false)
      expect(kiosk.internals.status.snapshot().outOfService).toBeNull()
    } finally {
      impostor.close()
    }
  })
})
