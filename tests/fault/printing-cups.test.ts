/**
 * The print path against a real CUPS: a private cupsd on loopback
 * (tests/fixtures/cups.ts) with a cups-pdf queue, raw queues and a TCP peer standing in for the
 * thermal printer. Skips with the reason when CUPS is not installed.
 */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderReceiptEscPos } from '../../electron/core/printing/escpos'
import { getJobStatus, getPrinterStatus } from '../../electron/core/printing/ipp'
import { createIppPrinter } from '../../electron/core/printing/ipp-printer'
import { createPdfRenderer, defaultFontPath } from '../../electron/core/printing/pdf'
import { createPrintService } from '../../electron/core/printing/print-service'
import { createSimulatedPrinter } from '../../electron/core/printing/simulated'
import { chineseCapitalAmount } from '../../shared/domain/money'
import { cupsUnavailableReason, startCups, type CupsServer } from '../fixtures/cups'
import { SAMPLE_TAX_TOTAL_FEN, sampleCertificate, sampleReceipt } from '../fixtures/print-documents'
import { createMemoryJournal } from '../unit/core/printing/journal-memory.fixture'

const run = promisify(execFile)
const skipReason = cupsUnavailableReason()
if (skipReason) console.warn(skipReason)

const pdfRenderer = createPdfRenderer({ fontPath: defaultFontPath() })

async function pdfText(path: string): Promise<string> {
  return (await run('pdftotext', ['-layout', path, '-'])).stdout
}

/** A TCP peer standing in for the thermal printer: collects what each connection sent. */
function thermalPeer(): Promise<{ server: Server; port: number; received: Buffer[] }> {
  const received: Buffer[] = []
  const server = createServer((socket) => {
    const chunks: Buffer[] = []
    socket.on('data', (c) => chunks.push(c))
    socket.on('end', () => {
      received.push(Buffer.concat(chunks))
      socket.end()
    })
    socket.on('error', () => {})
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0, received })
    }),
  )
}

describe.skipIf(skipReason)('printing through a real CUPS server', () => {
  let cups: CupsServer

  beforeAll(async () => {
    cups = await startCups()
  })
  afterAll(async () => {
    await cups?.stop()
  })

  const a4 = (queue: string) =>
    createIppPrinter({ kind: 'a4Printer', printerUri: cups.queueUri(queue), pollMs: 100 })

  it('prints a certificate over IPP to the cups-pdf queue and follows the job to completion', async () => {
    const journal = createMemoryJournal()
    const service = createPrintService({
      a4Printer: a4('a4-pdf'),
      receiptPrinter: createSimulatedPrinter('receiptPrinter'),
      journal,
      pdfRenderer,
    })
    const result = await service.printDocument(sampleCertificate())
    expect(result).toMatchObject({ ok: true, value: { printer: 'a4Printer', journaled: true } })
    if (!result.ok) return
    // The job id comes from CUPS and the job was followed to `completed` before print resolved.
    const jobId = Number(result.value.jobId)
    expect(jobId).toBeGreaterThan(0)
    expect(journal.rows).toMatchObject([{ status: 'printed', entry: { kind: 'document' } }])

    const path = await cups.waitForPdf(jobId)
    const info = (await run('pdfinfo', [path])).stdout
    expect(info).toMatch(/Pages:\s+1/)
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842/)
    service.close()
  })

  it('keeps the text through CUPS: masked ID, totals, 大写, verification code and Chinese', async () => {
    // The raw queue hands the PDF untouched to a JetDirect-style peer; pdftotext reads what landed.
    // (The cups-pdf queue re-renders through PostScript and Ghostscript, which turns every font into
    // Type 3 without a usable ToUnicode map, so its output is checked for pages, not text.)
    const service = createPrintService({
      a4Printer: a4('raw'),
      receiptPrinter: createSimulatedPrinter('receiptPrinter'),
      journal: createMemoryJournal(),
      pdfRenderer,
    })
    const before = cups.rawSink.jobs.length
    const result = await service.printDocument(sampleCertificate())
    expect(result.ok).toBe(true)
    const landed = join(cups.dir, 'landed-certificate.pdf')
    await writeFile(landed, await cups.rawSink.waitForJob(before + 1))
    const text = await pdfText(landed)
    expect(text).toContain('350104********1135')
    expect(text).toContain('¥4,017.50')
    expect(text).toContain('¥91,200.00')
    expect(text).toContain(chineseCapitalAmount(SAMPLE_TAX_TOTAL_FEN))
    expect(text).toContain('35A7-K9Q2-M4XT')
    expect(text).toContain('中华人民共和国个人所得税纳税记录')
    expect(text).toContain('国家税务总局福州市税务局')
    expect(text).not.toContain('350104197809301135')
    const fonts = (await run('pdffonts', [landed])).stdout
    expect(fonts).toMatch(/KioskSansSC-Regular\S*\s+CID TrueType\s+Identity-H\s+yes/)
    service.close()
  })

  it('sends a receipt through a CUPS raw queue to the thermal printer, byte for byte', async () => {
    const peer = await thermalPeer()
    try {
      await cups.addRawQueue('receipt-socket', `socket://127.0.0.1:${peer.port}`)
      const service = createPrintService({
        a4Printer: createSimulatedPrinter('a4Printer'),
        receiptPrinter: createIppPrinter({
          kind: 'receiptPrinter',
          printerUri: cups.queueUri('receipt-socket'),
          pollMs: 100,
        }),
        journal: createMemoryJournal(),
      })
      const result = await service.printReceipt(sampleReceipt())
      expect(result.ok).toBe(true)
      const expected = Buffer.from(renderReceiptEscPos(sampleReceipt()))
      await expect.poll(() => peer.received.length, { timeout: 10_000 }).toBeGreaterThan(0)
      const bytes = peer.received.find((b) => b.length > 0)!
      expect(bytes.equals(expected)).toBe(true)
      const text = iconv.decode(bytes, 'gb18030')
      expect(text).toContain('公积金绑定数字钱包')
      expect(text).toContain('BA20250301000123')
      expect(bytes.includes(Buffer.from('\x1d(k', 'latin1'))).toBe(true)
      expect(bytes.includes(Buffer.from('\x1dV', 'latin1'))).toBe(true)
      service.close()
    } finally {
      peer.server.close()
    }
  })

  it('maps a stopped queue to UNAVAILABLE with the reason, and refuses to print', async () => {
    await cups.disable('raw', 'paper tray removed by staff')
    try {
      const raw = await getPrinterStatus({ printerUri: cups.queueUri('raw') })
      expect(raw.state).toBe('stopped')
      expect(raw.reasons).toContain('paused')

      const journal = createMemoryJournal()
      const service = createPrintService({
        a4Printer: a4('raw'),
        receiptPrinter: createSimulatedPrinter('receiptPrinter'),
        journal,
        pdfRenderer,
      })
      const status = (await service.status()).a4Printer
      expect(status).toMatchObject({ kind: 'a4Printer', state: 'UNAVAILABLE', code: 'OFFLINE' })
      expect(status.detail).toContain('paused')
      expect(status.detail).toContain('paper tray removed by staff')

      const result = await service.printDocument(sampleCertificate())
      expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } })
      expect(journal.rows).toMatchObject([{ status: 'failed' }])
      expect(journal.rows[0]!.error).toContain('PRINTER_UNAVAILABLE')
      service.close()
    } finally {
      await cups.enable('raw')
    }
  })

  it('maps a queue that rejects jobs to UNAVAILABLE with the reason', async () => {
    await cups.reject('raw', 'closed for maintenance')
    try {
      const printer = a4('raw')
      const status = await printer.status()
      expect(status).toMatchObject({ state: 'UNAVAILABLE', code: 'OFFLINE' })
      expect(status.detail).toContain('not accepting jobs')
      const outcome = await printer.send({
        data: await pdfRenderer.render(sampleCertificate()),
        jobName: 'kiosk test',
        documentFormat: 'application/pdf',
      })
      expect(outcome).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } })
    } finally {
      await cups.accept('raw')
    }
    expect((await a4('raw').status()).state).not.toBe('UNAVAILABLE')
  })

  /** A printer that takes the connection and then never reads: the job stays `processing`. */
  async function stalledPrinterQueue(queue: string): Promise<Server> {
    const stalled = createServer((socket) => {
      socket.pause()
      socket.on('error', () => {})
    })
    await new Promise<void>((r) => stalled.listen(0, '127.0.0.1', () => r()))
    const address = stalled.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await cups.addRawQueue(queue, `socket://127.0.0.1:${port}`)
    return stalled
  }

  it('reports a job canceled midway as PRINT_FAILED and keeps it in the journal as failed', async () => {
    const stalled = await stalledPrinterQueue('a4-stalled')
    try {
      const journal = createMemoryJournal()
      const service = createPrintService({
        a4Printer: a4('a4-stalled'),
        receiptPrinter: createSimulatedPrinter('receiptPrinter'),
        journal,
        pdfRenderer,
      })
      // Staff (or the printer) cancels the job while it is printing.
      const result = await service.printDocument(sampleCertificate(), {
        onAccepted: (jobId) => {
          setTimeout(() => void run('cancel', ['-h', cups.server, jobId]), 300)
        },
      })
      expect(result).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', journaled: true } })
      if (!result.ok) expect(result.error.detail).toMatch(/job \d+ canceled/)
      expect(journal.rows).toMatchObject([
        { status: 'failed', entry: { verificationCode: '35A7-K9Q2-M4XT' } },
      ])
      expect(journal.rows[0]!.error).toMatch(/^PRINT_FAILED/)
      service.close()
    } finally {
      stalled.close()
    }
  })

  it('cancels a job that outlives its deadline and reports PRINT_TIMEOUT', async () => {
    const stalled = await stalledPrinterQueue('a4-stalled-2')
    try {
      const printer = createIppPrinter({
        kind: 'a4Printer',
        printerUri: cups.queueUri('a4-stalled-2'),
        pollMs: 100,
        jobTimeoutMs: 1_500,
      })
      let jobId = ''
      const outcome = await printer.send({
        data: await pdfRenderer.render(sampleCertificate()),
        jobName: 'kiosk timeout test',
        documentFormat: 'application/pdf',
        onAccepted: (id) => (jobId = id),
      })
      expect(outcome).toMatchObject({ ok: false, error: { code: 'PRINT_TIMEOUT' } })
      // The job no longer waits in the queue to come out after the resident has gone.
      const state = await getJobStatus({ printerUri: cups.queueUri('a4-stalled-2') }, Number(jobId))
      expect(['canceled', 'aborted']).toContain(state.state)
    } finally {
      stalled.close()
    }
  })

  it('says NOT_CONFIGURED for an unknown queue and NOT_RESPONDING for a dead server', async () => {
    expect(await a4('no-such-queue').status()).toMatchObject({
      state: 'UNAVAILABLE',
      code: 'NOT_CONFIGURED',
    })
    const dead = createIppPrinter({
      kind: 'a4Printer',
      printerUri: 'ipp://127.0.0.1:1/printers/a4',
      requestTimeoutMs: 1_000,
    })
    expect(await dead.status()).toMatchObject({ state: 'UNAVAILABLE', code: 'NOT_RESPONDING' })
  })
})
