import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { createPdfRenderer, defaultFontPath } from '../../../../electron/core/printing/pdf'
import type { PrinterDriver } from '../../../../electron/core/printing/printer'
import { createPrintService } from '../../../../electron/core/printing/print-service'
import { createSimulatedPrinter } from '../../../../electron/core/printing/simulated'
import type { DeviceStatus } from '../../../../shared/devices'
import { sampleCertificate, sampleReceipt } from '../../../fixtures/print-documents'
import { createMemoryJournal } from './journal-memory.fixture'

const pdfRenderer = createPdfRenderer({ fontPath: defaultFontPath() })
const clock = () => new Date('2025-03-01T06:30:00Z')

function setup() {
  const receiptPrinter = createSimulatedPrinter('receiptPrinter', { clock })
  const a4Printer = createSimulatedPrinter('a4Printer', { clock })
  const journal = createMemoryJournal()
  let n = 0
  const service = createPrintService({
    receiptPrinter,
    a4Printer,
    journal,
    clock,
    pdfRenderer,
    newId: () => `job-${++n}`,
  })
  return { receiptPrinter, a4Printer, journal, service }
}

describe('simulated printers', () => {
  it('take jobs and keep them in memory', async () => {
    const printer = createSimulatedPrinter('receiptPrinter')
    const outcome = await printer.send({
      data: Uint8Array.of(1, 2),
      jobName: 'x',
      documentFormat: 'application/vnd.escpos',
    })
    expect(outcome).toEqual({ ok: true, jobId: 'sim-receiptPrinter-1' })
    expect(printer.jobs).toMatchObject([{ outcome: 'printed', jobName: 'x' }])
  })

  it.each([
    ['ok', 'READY', 'OK'],
    ['paperLow', 'READY', 'MEDIA_LOW'],
    ['paperOut', 'UNAVAILABLE', 'MEDIA_EMPTY'],
    ['jam', 'UNAVAILABLE', 'JAMMED'],
    ['coverOpen', 'UNAVAILABLE', 'COVER_OPEN'],
    ['offline', 'UNAVAILABLE', 'OFFLINE'],
  ] as const)('%s → %s %s, pushed to listeners', async (condition, state, code) => {
    const printer = createSimulatedPrinter('a4Printer', {
      condition: condition === 'ok' ? 'jam' : 'ok',
    })
    const heard: DeviceStatus[] = []
    const unsubscribe = printer.onChange!((s) => heard.push(s))
    printer.setCondition(condition)
    expect(await printer.status()).toMatchObject({ kind: 'a4Printer', state, code })
    expect(heard).toMatchObject([{ state, code }])
    unsubscribe()
    printer.setCondition(condition === 'ok' ? 'jam' : 'ok')
    expect(heard).toHaveLength(1)
  })

  it('is BUSY while a job prints', async () => {
    const printer = createSimulatedPrinter('a4Printer', { jobDelayMs: 50 })
    const job = printer.send({
      data: Uint8Array.of(1),
      jobName: 'x',
      documentFormat: 'application/pdf',
    })
    expect((await printer.status()).state).toBe('BUSY')
    await job
    expect((await printer.status()).state).toBe('READY')
  })
})

describe('print service', () => {
  it('prints a receipt: journal first (pending), then printed; bytes are the ESC/POS receipt', async () => {
    const { service, journal, receiptPrinter } = setup()
    const states: string[] = []
    const original = journal.markStatus
    journal.markStatus = (id, status, error) => {
      states.push(`${journal.rows.find((r) => r.entry.id === id)?.status}->${status}`)
      return original(id, status, error)
    }
    const result = await service.printReceipt(sampleReceipt())
    expect(result).toEqual({
      ok: true,
      value: {
        journalId: 'job-1',
        jobId: 'sim-receiptPrinter-1',
        printer: 'receiptPrinter',
        journaled: true,
      },
    })
    expect(states).toEqual(['pending->printed'])
    expect(journal.rows[0]!.entry).toMatchObject({
      id: 'job-1',
      kind: 'receipt',
      printer: 'receiptPrinter',
      createdAt: '2025-03-01T06:30:00.000Z',
      service: 'fund.bind',
      reference: 'BA20250301000123',
      holder: { name: '林**', idNumber: '350102********3417' },
    })
    // The receipt is kept (masked) for reprint.
    expect(journal.rows[0]!.entry.receipt?.lines).toHaveLength(2)
    const printed = iconv.decode(Buffer.from(receiptPrinter.jobs[0]!.data), 'gb18030')
    expect(printed).toContain('公积金绑定数字钱包')
    // Job names are visible in spoolers: no personal data in them.
    expect(receiptPrinter.jobs[0]!.jobName).toBe('kiosk fund.bind job-1')
  })

  it('prints a certificate as PDF and journals only what identifies it (no rows, no totals)', async () => {
    const { service, journal, a4Printer } = setup()
    const result = await service.printDocument(sampleCertificate())
    expect(result.ok).toBe(true)
    expect(Buffer.from(a4Printer.jobs[0]!.data.subarray(0, 5)).toString()).toBe('%PDF-')
    const entry = journal.rows[0]!.entry
    expect(entry).toMatchObject({
      kind: 'document',
      printer: 'a4Printer',
      service: 'certificate',
      reference: '(2025)闽个税证 350104-000321',
      verificationCode: '35A7-K9Q2-M4XT',
    })
    const stored = JSON.stringify(journal.rows)
    expect(stored).not.toContain('¥')
    expect(stored).not.toContain('福州某建设集团')
    expect(stored).not.toContain('48600')
  })

  it('refuses and journals the attempt when the printer is out of paper', async () => {
    const { service, journal, receiptPrinter } = setup()
    receiptPrinter.setCondition('paperOut')
    const result = await service.printReceipt(sampleReceipt())
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'PRINTER_UNAVAILABLE',
        journalId: 'job-1',
        journaled: true,
        status: { code: 'MEDIA_EMPTY', state: 'UNAVAILABLE' },
      },
    })
    expect(journal.rows).toMatchObject([
      { status: 'failed', error: 'PRINTER_UNAVAILABLE: simulated: paperOut' },
    ])
    expect(receiptPrinter.jobs).toHaveLength(0)
  })

  it('reports a job that fails midway (paper runs out) and keeps it for reprint', async () => {
    const { service, journal, a4Printer } = setup()
    a4Printer.failNextJob('paperOut')
    const result = await service.printDocument(sampleCertificate())
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', journaled: true } })
    expect(journal.rows).toMatchObject([{ status: 'failed' }])
    expect(service.lastStatus().a4Printer).toMatchObject({
      state: 'UNAVAILABLE',
      code: 'MEDIA_EMPTY',
    })
    // Paper out on the A4 printer leaves the receipt printer alone.
    expect((await service.printReceipt(sampleReceipt())).ok).toBe(true)
  })

  it('never journals an invalid document (it may carry the unmasked ID)', async () => {
    const { service, journal } = setup()
    const result = await service.printReceipt(
      sampleReceipt({ holder: { idNumber: '350102198506123417' } }),
    )
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_DOCUMENT', journaled: false },
    })
    if (!result.ok) expect(result.error.detail).toContain('holder.idNumber')
    expect(journal.rows).toHaveLength(0)
  })

  it('returns RENDER_FAILED (journalled as failed) when the font is missing', async () => {
    const journal = createMemoryJournal()
    const service = createPrintService({
      receiptPrinter: createSimulatedPrinter('receiptPrinter'),
      a4Printer: createSimulatedPrinter('a4Printer'),
      journal,
      fontPath: '/nonexistent/font.ttf',
    })
    const result = await service.printDocument(sampleCertificate())
    expect(result).toMatchObject({ ok: false, error: { code: 'RENDER_FAILED' } })
    expect(journal.rows).toMatchObject([{ status: 'failed' }])
  })

  it('still prints when the journal fails, and says so', async () => {
    const { receiptPrinter, a4Printer } = setup()
    const service = createPrintService({
      receiptPrinter,
      a4Printer,
      pdfRenderer,
      journal: {
        record: async () => {
          throw new Error('disk full')
        },
        markStatus: () => {},
      },
    })
    const result = await service.printReceipt(sampleReceipt())
    expect(result).toMatchObject({ ok: true, value: { journaled: false } })
    expect(receiptPrinter.jobs).toHaveLength(1)
  })

  it('turns a driver that throws into PRINT_FAILED instead of throwing', async () => {
    const broken: PrinterDriver = {
      kind: 'receiptPrinter',
      description: 'broken',
      send: async () => {
        throw new Error('driver bug')
      },
      status: async () => {
        throw new Error('driver bug')
      },
    }
    const journal = createMemoryJournal()
    const service = createPrintService({
      receiptPrinter: broken,
      a4Printer: createSimulatedPrinter('a4Printer'),
      journal,
      pdfRenderer,
    })
    expect(await service.printReceipt(sampleReceipt())).toMatchObject({
      ok: false,
      error: { code: 'PRINT_FAILED', detail: 'driver bug' },
    })
    expect((await service.status()).receiptPrinter).toMatchObject({
      state: 'UNAVAILABLE',
      code: 'NOT_RESPONDING',
    })
  })

  it('prints one job at a time per printer', async () => {
    const { service, receiptPrinter } = setup()
    receiptPrinter.setJobDelay(20)
    const order: string[] = []
    await Promise.all(
      [1, 2, 3].map((i) =>
        service
          .printReceipt(sampleReceipt({ reference: { kind: 'ticket', number: `T${i}` } }), {
            onAccepted: () => order.push(`start T${i}`),
          })
          .then(() => order.push(`end T${i}`)),
      ),
    )
    expect(order).toEqual(['start T1', 'end T1', 'start T2', 'end T2', 'start T3', 'end T3'])
  })

  it('publishes status changes (not repeats) to subscribers until they unsubscribe', async () => {
    const { service, receiptPrinter, a4Printer } = setup()
    const heard: string[] = []
    const unsubscribe = service.onStatus((s) => heard.push(`${s.kind} ${s.state} ${s.code}`))
    await service.status()
    await service.status()
    receiptPrinter.setCondition('paperLow')
    receiptPrinter.setCondition('paperOut')
    a4Printer.setCondition('jam')
    unsubscribe()
    a4Printer.setCondition('ok')
    expect(heard).toEqual([
      'receiptPrinter READY OK',
      'a4Printer READY OK',
      'receiptPrinter READY MEDIA_LOW',
      'receiptPrinter UNAVAILABLE MEDIA_EMPTY',
      'a4Printer UNAVAILABLE JAMMED',
    ])
    expect(service.lastStatus().a4Printer.code).toBe('OK')
    service.close()
  })

  it('polls status in the background when asked, and stops on close', async () => {
    let asked = 0
    const counting: PrinterDriver = {
      ...createSimulatedPrinter('receiptPrinter'),
      status: async () => {
        asked += 1
        return createSimulatedPrinter('receiptPrinter').status()
      },
    }
    const service = createPrintService({
      receiptPrinter: counting,
      a4Printer: createSimulatedPrinter('a4Printer'),
      journal: createMemoryJournal(),
      pdfRenderer,
      statusPollMs: 10,
    })
    await new Promise((r) => setTimeout(r, 60))
    service.close()
    const seen = asked
    expect(seen).toBeGreaterThanOrEqual(3)
    await new Promise((r) => setTimeout(r, 40))
    expect(asked).toBe(seen)
  })
})
