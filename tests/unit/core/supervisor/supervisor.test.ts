/**
 * Supervisor mode through the core (every staff action audited, docs/audit.md): PIN
 * entry and lockout (kept across a restart), the 2-minute idle exit, every action audited, out of
 * service blocking services, reprint of the same receipt, host commands, and a tampered audit entry
 * named by "verify audit chain".
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import initSqlJs from 'sql.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultWasmPath } from '../../../../electron/core/store'
import { hashPin } from '../../../../electron/core/supervisor/pin'
import { createSupervisorMode } from '../../../../electron/core/supervisor/supervisor-mode'
import { enter, startRig, stopAll, stopRig } from './supervisor.fixture'

afterEach(stopAll)

const auditActions = (rig: Awaited<ReturnType<typeof startRig>>) =>
  rig.core.internals
    .data()!
    .audit.list({ limit: 500 })
    .map((e) => `${e.action}:${e.outcome}`)
    .reverse()

describe('entering supervisor mode', () => {
  it('the demo PIN opens it, ends the resident session, and is audited', async () => {
    const rig = await startRig()
    const started = await rig.value<{ sessionId: string }>('session.start', {})
    const token = await enter(rig)
    expect(token.length).toBeGreaterThanOrEqual(16)
    expect(rig.core.internals.sessions.current()).toBeNull()
    expect(rig.events).toContainEqual({
      event: 'session.ended',
      payload: expect.objectContaining({ sessionId: started.sessionId, reason: 'staff' }),
    })
    expect(rig.events).toContainEqual({
      event: 'supervisor.mode',
      payload: { active: true, reason: 'entered' },
    })
    const dash = await rig.value('supervisor.dashboard', { token })
    expect(dash).toMatchObject({ terminalId: 'T-TEST-01', version: '0.0.0-test', demo: true })
    await vi.waitFor(() => expect(auditActions(rig)).toContain('supervisor.enter:ok'))
  })

  it('refuses every staff method without the live token', async () => {
    const rig = await startRig()
    for (const [method, input] of [
      ['supervisor.dashboard', { token: 'x'.repeat(32) }],
      ['supervisor.verifyAudit', { token: 'x'.repeat(32) }],
      ['supervisor.restart', { token: 'x'.repeat(32), confirm: true }],
    ] as const) {
      const result = await rig.core.call(method, input)
      expect(result).toEqual({ ok: false, error: { code: 'SUPERVISOR_REQUIRED' } })
    }
    const token = await enter(rig)
    await rig.value('supervisor.leave', { token })
    expect(await rig.core.call('supervisor.dashboard', { token })).toMatchObject({
      ok: false,
      error: { code: 'SUPERVISOR_REQUIRED' },
    })
  })

  it('5 wrong PINs lock entry for 5 minutes, also across a restart', async () => {
    const first = await startRig()
    for (let left = 4; left >= 1; left--) {
      expect(await first.core.call('supervisor.enter', { pin: '111111' })).toEqual({
        ok: false,
        error: { code: 'PIN_WRONG', detail: `attemptsLeft=${left}` },
      })
    }
    expect(await first.core.call('supervisor.enter', { pin: '111111' })).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', detail: 'retryAfterSeconds=300' },
    })
    // The right PIN does not help while locked.
    expect(await first.core.call('supervisor.enter', { pin: '246810' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    })
    await vi.waitFor(() =>
      expect(auditActions(first).filter((a) => a.startsWith('supervisor.enter'))).toEqual([
        ...Array(4).fill('supervisor.enter:denied'),
        'supervisor.enter:locked',
        'supervisor.enter:locked',
      ]),
    )
    const lockedAt = first.clock.now
    await stopRig(first)

    const second = await startRig({}, first.dataDir)
    second.clock.now = lockedAt + 4 * 60_000
    expect(await second.core.call('supervisor.enter', { pin: '246810' })).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', detail: 'retryAfterSeconds=60' },
    })
    second.clock.now = lockedAt + 5 * 60_000 + 1
    expect((await second.core.call('supervisor.enter', { pin: '246810' })).ok).toBe(true)
  })

  it('a configured hash replaces the demo PIN; without one outside demo mode entry is off', async () => {
    const hash = await hashPin('753159')
    const configured = await startRig({ supervisorPinHash: hash })
    expect((await configured.core.call('supervisor.enter', { pin: '246810' })).ok).toBe(false)
    expect((await configured.core.call('supervisor.enter', { pin: '753159' })).ok).toBe(true)

    const production = await startRig({ demo: false })
    expect(await production.core.call('supervisor.enter', { pin: '246810' })).toEqual({
      ok: false,
      error: { code: 'SUPERVISOR_UNAVAILABLE' },
    })
    expect(production.core.internals.status.snapshot().issues.map((i) => i.code)).toContain(
      'SUPERVISOR_PIN_NOT_SET',
    )
  })

  it('never puts the PIN or its hash in the log or the audit', async () => {
    const hash = await hashPin('753159')
    const rig = await startRig({ supervisorPinHash: hash })
    await rig.core.call('supervisor.enter', { pin: '753150' })
    await enter(rig, '753159')
    const audit = JSON.stringify(rig.core.internals.data()!.audit.list({ limit: 100 }))
    expect(audit).not.toContain('75315')
    expect(audit).not.toContain(hash.split('$')[4])
  })
})

describe('leaving by itself', () => {
  it('ends after 2 minutes without staff activity; activity keeps it', async () => {
    const rig = await startRig()
    const token = await enter(rig)
    rig.clock.advance(100_000)
    await rig.value('supervisor.touch', { token })
    rig.clock.advance(100_000)
    expect((await rig.core.call('supervisor.dashboard', { token })).ok).toBe(true)
    rig.clock.advance(120_001)
    expect(await rig.core.call('supervisor.dashboard', { token })).toMatchObject({
      ok: false,
      error: { code: 'SUPERVISOR_REQUIRED' },
    })
    expect(rig.events).toContainEqual({
      event: 'supervisor.mode',
      payload: { active: false, reason: 'idle' },
    })
    await vi.waitFor(() => expect(auditActions(rig)).toContain('supervisor.leave:idle'))
  })

  it('its own timer ends the mode and tells the renderer, without any call', async () => {
    vi.useFakeTimers()
    try {
      const changes: string[] = []
      const mode = createSupervisorMode({
        pinHash: await hashPin('753159', { N: 2 ** 14 }),
        demo: false,
        clock: () => new Date(),
        audit: { record: async () => {} },
        settings: { read: () => undefined, write: async () => {} },
        onChange: (active, reason) => changes.push(`${active}:${reason}`),
      })
      const entered = await mode.enter('753159')
      expect(entered.ok).toBe(true)
      await vi.advanceTimersByTimeAsync(119_000)
      expect(mode.active()).toBe(true)
      await vi.advanceTimersByTimeAsync(2_000)
      expect(mode.active()).toBe(false)
      expect(changes).toEqual(['true:entered', 'false:idle'])
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('staff actions', () => {
  it('out of service blocks every service, shows the message, survives a restart, and back', async () => {
    const first = await startRig()
    const token = await enter(first)
    await first.value('supervisor.setOutOfService', { token, message: '系统维护，请到 3 号窗口' })
    const status = first.core.internals.status.snapshot()
    expect(status.outOfService).toEqual({ message: '系统维护，请到 3 号窗口' })
    expect(status.services.every((s) => !s.available)).toBe(true)
    expect(
      status.services
        .filter((s) => s.reason?.code !== 'COMING_SOON')
        .every((s) => s.reason?.code === 'OUT_OF_SERVICE'),
    ).toBe(true)
    await stopRig(first)

    const second = await startRig({}, first.dataDir)
    expect(second.core.internals.status.snapshot().outOfService).toEqual({
      message: '系统维护，请到 3 号窗口',
    })
    const session = await second.value<{ sessionId: string }>('session.start', {})
    expect(
      await second.core.call('help.feedback', { category: 'other', text: '测试' }),
    ).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE' } })
    await second.core.call('session.end', { sessionId: session.sessionId, reason: 'finish' })
    const again = await enter(second)
    await second.value('supervisor.setOutOfService', { token: again, inService: true })
    expect(second.core.internals.status.snapshot().outOfService).toBeNull()
    await vi.waitFor(() =>
      expect(auditActions(second)).toEqual(
        expect.arrayContaining(['supervisor.outOfService:ok', 'supervisor.inService:ok']),
      ),
    )
  })

  it('reprints a journaled receipt exactly as it was, and test-prints; both audited', async () => {
    const rig = await startRig()
    const { sessionId } = await rig.value<{ sessionId: string }>('session.start', {})
    const submitted = await rig.value<{ printableId: string; ticketNo: string }>('help.feedback', {
      category: 'suggestion',
      text: '希望增加英文指引',
    })
    await rig.value('print.print', { printableId: submitted.printableId })
    await rig.core.call('session.end', { sessionId, reason: 'finish' })

    const token = await enter(rig)
    const { receipts } = await rig.value<{
      receipts: { receiptId: string; reference: string; reprintable: boolean }[]
    }>('supervisor.receipts', { token })
    expect(receipts[0]).toMatchObject({ reference: submitted.ticketNo, reprintable: true })
    const original = receipts[0]!.receiptId
    const { journalId } = await rig.value<{ journalId: string }>('supervisor.reprint', {
      token,
      receiptId: original,
    })
    const printer = rig.core.internals.printers.receiptPrinter.simulated!
    const [first, second] = printer.jobs.slice(-2)
    expect(Buffer.from(second!.data)).toEqual(Buffer.from(first!.data))
    // The SVG's filter id is random per rendering; everything else must be identical.
    const preview = async (id: string) =>
      (
        await rig.value<{ svg: string }>('supervisor.receiptPreview', { token, receiptId: id })
      ).svg.replace(/receipt-[0-9a-f-]{36}/g, 'receipt-id')
    expect(await preview(journalId)).toBe(await preview(original))

    await rig.value('supervisor.testPrint', { token })
    expect(printer.jobs).toHaveLength(3)
    await vi.waitFor(() =>
      expect(auditActions(rig)).toEqual(
        expect.arrayContaining(['supervisor.reprint:ok', 'supervisor.testPrint:ok']),
      ),
    )
  })

  it('restart and exit go to the host as a command; exit is Electron only', async () => {
    const web = await startRig()
    let token = await enter(web)
    expect(await web.core.call('supervisor.exitKiosk', { token, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNSUPPORTED' },
    })
    expect((await web.core.call('supervisor.restart', { token })).ok).toBe(false) // needs confirm
    await web.value('supervisor.restart', { token, confirm: true })
    await vi.waitFor(() =>
      expect(web.events).toContainEqual({ event: 'host.command', payload: { command: 'restart' } }),
    )
    expect(auditActions(web)).toContain('supervisor.restart:requested')

    const electron = await startRig({ host: 'electron' })
    token = await enter(electron)
    await electron.value('supervisor.exitKiosk', { token, confirm: true })
    await vi.waitFor(() =>
      expect(electron.events).toContainEqual({
        event: 'host.command',
        payload: { command: 'exit' },
      }),
    )
  })

  it('clearing the issues keeps those about the configuration, and is audited', async () => {
    const rig = await startRig()
    const status = rig.core.internals.status
    const at = rig.core.config.clock()
    status.addIssue('CONFIG_INVALID', at, ['printer'])
    status.addIssue('STORE_WRITE_FAILED', at, undefined, 'ENOSPC')
    status.addIssue('STORE_WRITE_RESTORED', at)
    const token = await enter(rig)
    expect(await rig.value('supervisor.clearIssues', { token })).toEqual({
      cleared: 2,
      remaining: 1,
    })
    expect(status.snapshot().issues.map((i) => i.code)).toEqual(['CONFIG_INVALID'])
    const dash = await rig.value<{ issues?: unknown }>('supervisor.dashboard', { token })
    expect(JSON.stringify(dash)).not.toContain('STORE_WRITE')
    await vi.waitFor(() => expect(auditActions(rig)).toContain('supervisor.clearIssues:ok'))
    expect(await rig.value('supervisor.clearIssues', { token })).toEqual({
      cleared: 0,
      remaining: 1,
    })
  })

  it('the dashboard counts today’s sessions and services from the audit log', async () => {
    const rig = await startRig()
    for (let i = 0; i < 2; i++) {
      const { sessionId } = await rig.value<{ sessionId: string }>('session.start', {})
      await rig.value('help.callStaff', { screen: `home-${i}` })
      await rig.core.call('session.end', { sessionId, reason: 'finish' })
    }
    const token = await enter(rig)
    await vi.waitFor(async () => {
      const dash = await rig.value<{
        today: { sessions: number; services: { action: string; count: number }[] }
        callStaff: { screen: string }[]
        disk: { freeBytes: number | null }
        outbox: { depth: number }
      }>('supervisor.dashboard', { token })
      expect(dash.today.sessions).toBe(2)
      expect(dash.today.services).toContainEqual({ action: 'help.callStaff', count: 2 })
      expect(dash.callStaff.map((c) => c.screen)).toEqual(['home-1', 'home-0'])
      expect(dash.disk.freeBytes).toBeGreaterThan(0)
      // No central in this test: audit and call-staff items wait in the outbox.
      expect(dash.outbox.depth).toBeGreaterThan(0)
    })
  })
})

describe('verify audit chain', () => {
  it('names the entry someone edited in the database file', async () => {
    const first = await startRig()
    const token = await enter(first)
    await first.value('supervisor.setOutOfService', { token, message: 'A' })
    await first.value('supervisor.setOutOfService', { token, inService: true })
    expect(await first.value('supervisor.verifyAudit', { token })).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(auditActions(first).length).toBeGreaterThanOrEqual(4))
    await stopRig(first)

    // Edit entry 2 as someone with disk access would.
    const file = join(first.dataDir, 'store', 'kiosk.db')
    const SQL = await initSqlJs({ wasmBinary: readFileSync(defaultWasmPath()) })
    const db = new SQL.Database(readFileSync(file))
    db.run("UPDATE audit_log SET outcome = 'ok-honest' WHERE seq = 2")
    writeFileSync(file, db.export())
    db.close()

    const second = await startRig({}, first.dataDir)
    const again = await enter(second)
    expect(await second.value('supervisor.verifyAudit', { token: again })).toEqual({
      ok: false,
      firstBrokenSeq: 2,
      reason: 'content does not match its hash',
    })
    await vi.waitFor(() => expect(auditActions(second)).toContain('supervisor.verifyAudit:broken'))
  })
})
