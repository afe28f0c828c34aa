/**
 * Printing: time from the print call to the job accepted by CUPS, for an A4 certificate
 * (schema check + PDF with the embedded CJK font + printer-state check + IPP Print-Job, to the
 * cups-pdf queue) and for a receipt (ESC/POS rendering + the same IPP path, to a raw queue in front
 * of a loopback TCP "thermal printer"). Also: the certificate followed to `completed`, render-only
 * times, and the first (cold) certificate, which reads the 2.2 MB font.
 *
 * Uses the private CUPS of tests/fixtures/cups.ts; without CUPS (or not root) it returns the
 * render-only figures and says why. Runnable alone: `node --import tsx tests/bench/print.bench.ts`.
 */
import { createIppPrinter } from '../../electron/core/printing/ipp-printer'
import { renderReceiptEscPos } from '../../electron/core/printing/escpos'
import { createPdfRenderer, defaultFontPath } from '../../electron/core/printing/pdf'
import { createPrintService, type PrintJournal } from '../../electron/core/printing/print-service'
import { cupsUnavailableReason, startCups } from '../fixtures/cups'
import { sampleCertificate, sampleReceipt } from '../fixtures/print-documents'

export interface Row {
  name: string
  value: number
  unit: string
  target?: number
  targetKind?: 'max' | 'min'
  note?: string
}

const RUNS = 15

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const journal: PrintJournal = { record: () => {}, markStatus: () => {} }

export async function runPrintBench(): Promise<Row[]> {
  const rows: Row[] = []
  const fontPath = defaultFontPath()

  // Cold: a fresh renderer reads and parses the font.
  const cold = createPdfRenderer({ fontPath })
  let t = performance.now()
  await cold.render(sampleCertificate())
  rows.push({
    name: 'certificate PDF render, cold (font load)',
    value: performance.now() - t,
    unit: 'ms',
  })

  const renderer = createPdfRenderer({ fontPath })
  await renderer.render(sampleCertificate())
  const pdfTimes: number[] = []
  const escposTimes: number[] = []
  for (let i = 0; i < RUNS; i++) {
    t = performance.now()
    await renderer.render(sampleCertificate())
    pdfTimes.push(performance.now() - t)
    t = performance.now()
    renderReceiptEscPos(sampleReceipt())
    escposTimes.push(performance.now() - t)
  }
  rows.push({ name: 'certificate PDF render (median)', value: median(pdfTimes), unit: 'ms' })
  rows.push({ name: 'receipt ESC/POS render (median)', value: median(escposTimes), unit: 'ms' })

  const skip = cupsUnavailableReason()
  if (skip) {
    rows.push({ name: 'print → accepted by CUPS', value: Number.NaN, unit: 'ms', note: skip })
    return rows
  }

  const cups = await startCups()
  try {
    const service = createPrintService({
      a4Printer: createIppPrinter({
        kind: 'a4Printer',
        printerUri: cups.queueUri('a4-pdf'),
        pollMs: 20,
      }),
      receiptPrinter: createIppPrinter({
        kind: 'receiptPrinter',
        printerUri: cups.queueUri('raw'),
        pollMs: 20,
      }),
      journal,
      pdfRenderer: renderer,
    })
    const measure = async (print: (onAccepted: () => void) => Promise<{ ok: boolean }>) => {
      const accepted: number[] = []
      const completed: number[] = []
      for (let i = 0; i <= RUNS; i++) {
        const start = performance.now()
        let at = Number.NaN
        const result = await print(() => (at = performance.now() - start))
        if (!result.ok) throw new Error(`print failed in bench: ${JSON.stringify(result)}`)
        if (i === 0) continue // warm-up
        accepted.push(at)
        completed.push(performance.now() - start)
      }
      return { accepted: median(accepted), completed: median(completed) }
    }
    const certificate = await measure((onAccepted) =>
      service.printDocument(sampleCertificate(), { onAccepted }),
    )
    const receipt = await measure((onAccepted) =>
      service.printReceipt(sampleReceipt(), { onAccepted }),
    )
    const note = `median of ${RUNS}, private cupsd on loopback`
    rows.push(
      {
        name: 'certificate: print → accepted by CUPS',
        value: certificate.accepted,
        unit: 'ms',
        note,
      },
      {
        name: 'certificate: print → job completed (cups-pdf)',
        value: certificate.completed,
        unit: 'ms',
        note: `${note}; includes pdftops + Ghostscript in cups-pdf, polled every 20 ms`,
      },
      { name: 'receipt: print → accepted by CUPS', value: receipt.accepted, unit: 'ms', note },
      {
        name: 'receipt: print → job completed (raw queue → TCP peer)',
        value: receipt.completed,
        unit: 'ms',
        note: `${note}; polled every 20 ms`,
      },
    )
    service.close()
  } finally {
    await cups.stop()
  }
  return rows
}

if (process.argv[1]?.endsWith('print.bench.ts')) {
  runPrintBench()
    .then((rows) => console.table(rows))
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
