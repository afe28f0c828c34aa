/**
 * Help through the core against the real bundled centre: the FAQ from synced
 * reference data, a complaint delivered exactly once (also when submitted while the centre was
 * down), personal data kept off the terminal's disk, and call-staff requests on the dashboard and
 * at the centre with their context.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CentralServer } from '../../../../electron/central/server'
import type { Core } from '../../../../electron/core/core'
import {
  enter,
  startCentral,
  startRig,
  stopAll,
  stopRig,
  TERMINAL,
} from '../supervisor/supervisor.fixture'

afterEach(stopAll)

/** What the centre stored of one kind, payloads as received. */
const received = (central: CentralServer, kind: string) =>
  Object.values(central.snapshot().applications)
    .filter((a) => a.kind === kind)
    .map((a) => ({ ...a, payload: a.payload as Record<string, unknown> | undefined }))

async function online(core: Core) {
  await vi.waitFor(() => expect(core.internals.status.snapshot().connection).toBe('online'), {
    timeout: 10_000,
  })
}

describe('FAQ', () => {
  it('serves the synced questions residents ask, in both languages, by category', async () => {
    const { url } = await startCentral()
    const rig = await startRig({ centralUrl: url, terminalId: TERMINAL.id })
    await online(rig.core)
    await vi.waitFor(async () => {
      const faq = await rig.value<{ entries: { key: string; category: string }[] }>('help.faq')
      expect(faq.entries.length).toBeGreaterThanOrEqual(10)
    })
    const { entries } = await rig.value<{
      entries: { key: string; category: string; question: { zh: string; en: string } }[]
    }>('help.faq')
    for (const key of [
      'sms-not-received',
      'binding-errors',
      'supported-wallets',
      'how-to-unbind',
      'failed-transaction',
      'account-security',
      'check-tax-records',
    ]) {
      const entry = entries.find((e) => e.key === key)
      expect(entry, key).toBeDefined()
      expect(entry!.question.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(entry!.question.en).toMatch(/[A-Za-z]/)
    }
    const order = ['identity', 'wallet', 'fund', 'tax', 'service']
    const seen = entries.map((e) => order.indexOf(e.category))
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
  })
})

describe('complaints and feedback', () => {
  it('reaches the centre exactly once with its ticket, ID and phone numbers masked', async () => {
    const { central, url } = await startCentral()
    const rig = await startRig({ centralUrl: url, terminalId: TERMINAL.id })
    await online(rig.core)
    await rig.value('session.start', {})
    const sent = await rig.value<{ ticketNo: string; queued: boolean }>('help.feedback', {
      category: 'complaint',
      text: '等了很久 waited long, 我的号码 13800591234 身份证 350102198506123417',
      contactPhone: '13800591234',
    })
    expect(sent.ticketNo).toMatch(/^FK\d{8}-[A-Z2-9]{6}$/)
    await vi.waitFor(() => expect(received(central, 'feedback')).toHaveLength(1), {
      timeout: 10_000,
    })
    const payload = received(central, 'feedback')[0]!.payload!
    expect(payload).toMatchObject({ category: 'complaint', ticketNo: sent.ticketNo })
    expect(payload.text).toContain('138****1234')
    expect(payload.text).toContain('350102********3417')
    expect(JSON.stringify(payload)).not.toContain('13800591234')
    expect(typeof payload.contactSealed).toBe('string')
    await rig.value('supervisor.syncNow', { token: await enter(rig) })
    expect(received(central, 'feedback')).toHaveLength(1)
  })

  it('submitted while the centre is down: acknowledged at once, delivered once when it is back', async () => {
    const first = await startCentral()
    const rig = await startRig({ centralUrl: first.url, terminalId: TERMINAL.id })
    await online(rig.core)
    await first.central.stop()

    await rig.value('session.start', {})
    const sent = await rig.value<{ ticketNo: string; queued: boolean }>('help.feedback', {
      category: 'suggestion',
      text: '希望增加英文指引 please add English',
    })
    expect(sent.queued).toBe(true)
    const outbox = rig.core.internals.data()!.outbox
    await vi.waitFor(() =>
      expect(outbox.pending().filter((i) => i.kind === 'help.feedback')).toHaveLength(1),
    )

    // The centre comes back on the same address with its state; staff retry the outbox.
    const back = await startCentral(first.port, first.dir)
    const token = await enter(rig)
    await rig.value('supervisor.retryOutbox', { token })
    await vi.waitFor(() => expect(received(back.central, 'feedback')).toHaveLength(1), {
      timeout: 10_000,
    })
    await rig.value('supervisor.retryOutbox', { token })
    expect(received(back.central, 'feedback')).toHaveLength(1)
    expect(received(back.central, 'feedback')[0]!.payload).toMatchObject({
      ticketNo: sent.ticketNo,
    })
    expect(outbox.pending().filter((i) => i.kind === 'help.feedback')).toHaveLength(0)
  })

  it('keeps the call-back phone off the terminal’s disk', async () => {
    const rig = await startRig()
    await rig.value('session.start', {})
    await rig.value('help.feedback', {
      category: 'other',
      text: '请回电',
      contactPhone: '13905912345',
    })
    await rig.core.stop()
    const storeDir = join(rig.dataDir, 'store')
    for (const file of readdirSync(storeDir)) {
      expect(readFileSync(join(storeDir, file)).includes('13905912345'), file).toBe(false)
    }
  })
})

describe('call staff', () => {
  it('appears on the dashboard with its context and reaches the centre', async () => {
    const { central, url } = await startCentral()
    const rig = await startRig({ centralUrl: url, terminalId: TERMINAL.id })
    await online(rig.core)
    await rig.value('session.start', {})
    const called = await rig.value<{ requestId: string; repeated: boolean }>('help.callStaff', {
      screen: 'help.feedback',
      step: '2/3',
      lastError: 'PRINT_FAILED',
    })
    // A second tap within a minute does not call twice.
    const again = await rig.value<{ requestId: string; repeated: boolean }>('help.callStaff', {
      screen: 'help.feedback',
    })
    expect(again).toMatchObject({ requestId: called.requestId, repeated: true })

    const token = await enter(rig)
    const dash = await rig.value<{ callStaff: Record<string, unknown>[] }>('supervisor.dashboard', {
      token,
    })
    expect(dash.callStaff).toEqual([
      expect.objectContaining({
        requestId: called.requestId,
        screen: 'help.feedback',
        step: '2/3',
        lastError: 'PRINT_FAILED',
        maskedIdentity: null,
      }),
    ])
    await vi.waitFor(() => expect(received(central, 'callStaff')).toHaveLength(1), {
      timeout: 10_000,
    })
    expect(received(central, 'callStaff')[0]!.payload).toMatchObject({
      requestId: called.requestId,
      screen: 'help.feedback',
      lastError: 'PRINT_FAILED',
    })
    await rig.value('supervisor.resolveCallStaff', { token, requestId: called.requestId })
    expect(
      (await rig.value<{ callStaff: unknown[] }>('supervisor.dashboard', { token })).callStaff,
    ).toEqual([])
  })

  it('is still open after the app restarts, and stays resolved once staff resolve it', async () => {
    const { url } = await startCentral()
    const first = await startRig({ centralUrl: url, terminalId: TERMINAL.id })
    const kept = await first.value<{ requestId: string }>('help.callStaff', {
      screen: 'fund.bind',
      lastError: 'PRINT_FAILED',
    })
    const done = await first.value<{ requestId: string }>('help.callStaff', { screen: 'home' })
    await stopRig(first)

    const second = await startRig({ centralUrl: url, terminalId: TERMINAL.id }, first.dataDir)
    const token = await enter(second)
    const open = async () =>
      (
        await second.value<{ callStaff: { requestId: string }[] }>('supervisor.dashboard', {
          token,
        })
      ).callStaff.map((c) => c.requestId)
    expect(await open()).toEqual([done.requestId, kept.requestId])
    // A tap on the same screen within the minute is still the same call after the restart.
    expect(await second.value('help.callStaff', { screen: 'home' })).toMatchObject({
      requestId: done.requestId,
      repeated: true,
    })
    await second.value('supervisor.resolveCallStaff', { token, requestId: done.requestId })
    await stopRig(second)

    const third = await startRig({ centralUrl: url, terminalId: TERMINAL.id }, first.dataDir)
    const again = await enter(third)
    expect(
      (
        await third.value<{ callStaff: { requestId: string; lastError: string }[] }>(
          'supervisor.dashboard',
          { token: again },
        )
      ).callStaff,
    ).toEqual([expect.objectContaining({ requestId: kept.requestId, lastError: 'PRINT_FAILED' })])
  })

  it('works from attract with no session, and QA can read what the centre received', async () => {
    const { url } = await startCentral()
    const rig = await startRig({ centralUrl: url, terminalId: TERMINAL.id, qa: true })
    await online(rig.core)
    await rig.value('help.callStaff', { screen: 'attract' })
    await vi.waitFor(
      async () => {
        const { applications } = await rig.value<{ applications: unknown[] }>(
          'qa.centralApplications',
          { kind: 'callStaff' },
        )
        expect(applications).toHaveLength(1)
      },
      { timeout: 10_000 },
    )
    expect(await rig.value('qa.centralOutage', { on: true })).toEqual({ on: true })
    expect(await rig.value('qa.centralOutage', { on: false })).toEqual({ on: false })
    const outsideQa = await startRig({ centralUrl: url, terminalId: TERMINAL.id })
    expect(await outsideQa.core.call('qa.centralOutage', { on: true })).toEqual({
      ok: false,
      error: { code: 'QA_MODE_ONLY' },
    })
  })
})
