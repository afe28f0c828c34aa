/**
 * Printing through the core: a service's prepared receipt is previewed and printed on the
 * configured (simulated) printer, journaled in the store, and refused in words when QA takes the
 * paper out. The renderer never hands the core a document, only the id of a prepared one.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../electron/core/core'
import { testCore } from './core.fixture'

let core: Core | null = null
afterEach(async () => {
  await core?.stop()
  core = null
})

const receipt = {
  terminalId: 'T-TEST-01',
  hall: '测试大厅',
  issuedAt: '2026-11-22T10:00:00+08:00',
  service: 'help.feedback',
  title: '投诉与反馈',
  holder: { name: '林**', idNumber: '350102********3417' },
  outcome: 'accepted' as const,
  reference: { kind: 'ticket' as const, number: 'FK20261122000001' },
  qrPayload: 'FK20261122000001',
  lines: [{ label: '类别', value: '建议' }],
}

async function withSession() {
  ;({ core } = await testCore({ qa: true }))
  await core.start()
  const started = await core.call('session.start', {})
  if (!started.ok) throw new Error('no session')
  const sessionId = (started.value as { sessionId: string }).sessionId
  const printableId = core.internals.printables.add(sessionId, { kind: 'receipt', receipt })
  return { core, sessionId, printableId }
}

describe('print.* through the core', () => {
  it('previews and prints a prepared receipt, and journals it masked', async () => {
    const { core, printableId } = await withSession()
    const preview = await core.call('print.preview', { printableId })
    expect(preview).toMatchObject({
      ok: true,
      value: { kind: 'receipt', title: '投诉与反馈', qrPayload: 'FK20261122000001' },
    })
    expect((preview as { value: { svg: string } }).value.svg).toContain('<svg')
    await expect
      .poll(() => core.internals.devices.list().find((d) => d.kind === 'receiptPrinter')?.state)
      .toBe('READY')
    const printed = await core.call('print.print', { printableId })
    expect(printed).toMatchObject({ ok: true, value: { printer: 'receiptPrinter' } })
    expect(core.internals.printers.receiptPrinter.simulated!.jobs).toHaveLength(1)
    const journal = core.internals.data()!.receipts.list()
    expect(journal).toHaveLength(1)
    expect(journal[0].status).toBe('printed')
  })

  it('refuses with the printer and reason when QA takes the paper out', async () => {
    const { core, printableId } = await withSession()
    await core.call('qa.setDevice', { kind: 'receiptPrinter', code: 'MEDIA_EMPTY' })
    await expect
      .poll(() => core.internals.devices.list().find((d) => d.kind === 'receiptPrinter')?.code)
      .toBe('MEDIA_EMPTY')
    expect(await core.call('print.print', { printableId })).toEqual({
      ok: false,
      error: { code: 'DEVICE_UNAVAILABLE', detail: 'receiptPrinter:MEDIA_EMPTY' },
    })
    // A preview (with the QR code to scan instead) still works.
    expect((await core.call('print.preview', { printableId })).ok).toBe(true)
  })

  it('reports a job that fails midway and keeps it in the journal for staff', async () => {
    const { core, printableId } = await withSession()
    await expect
      .poll(() => core.internals.devices.list().find((d) => d.kind === 'receiptPrinter')?.state)
      .toBe('READY')
    core.internals.printers.receiptPrinter.simulated!.failNextJob('jam')
    const result = await core.call('print.print', { printableId })
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED' } })
    expect(core.internals.data()!.receipts.list()[0].status).toBe('failed')
  })

  it('forgets prepared documents at session end', async () => {
    const { core, sessionId, printableId } = await withSession()
    await core.call('session.end', { sessionId, reason: 'finish' })
    expect(core.internals.printables.size()).toBe(0)
    await core.call('session.start', {})
    expect(await core.call('print.preview', { printableId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
