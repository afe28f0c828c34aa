/**
 * The printing service: renders receipts (ESC/POS) and A4 documents (PDF) in the core,
 * sends them to the configured drivers, records every attempt in the receipt journal first and
 * marks it printed or failed after, and publishes printer status in the device model.
 *
 * It never throws to its caller: every outcome is a typed result, so the
 * screen can tell the resident what happened in words and staff can reprint from the journal.
 */
import { randomUUID } from 'node:crypto'
import type { DeviceStatus } from '../../../shared/devices'
import { maskName } from '../../../shared/domain/masking'
import {
  A4Document,
  Receipt,
  type A4DocumentInput,
  type MaskedHolder,
  type ReceiptInput,
} from '../../../shared/receipt'
import { renderReceiptEscPos, type EscPosOptions } from './escpos'
import { createPdfRenderer, defaultFontPath, type PdfRenderer } from './pdf'
import type { PrintError, PrinterDriver, PrinterJob, PrinterKind, SendOutcome } from './printer'
import { deviceStatus } from './status'

/** Journal status after the attempt (the entry starts as pending when recorded). */
export type JournalStatus = 'printed' | 'failed'

/**
 * One journal entry: masked, and holding nothing the on-disk store may not keep (personal
 * data masked): for receipts the masked receipt itself (so staff can reprint it); for A4 documents
 * only what identifies the document, never its rows or totals (tax rows and balances stay off disk;
 * a reprint asks the centre again with the document number).
 */
export interface JournalEntry {
  /** Created by the print service; the journal stores it as the key. */
  id: string
  kind: 'receipt' | 'document'
  printer: PrinterKind
  /** ISO time of the attempt. */
  createdAt: string
  terminalId: string
  /** Service id (`fund.bind`) or document kind (`certificate`). */
  service: string
  title: string
  holder: MaskedHolder
  /** Application / ticket number (receipts) or document number (A4). */
  reference?: string
  verificationCode?: string
  /** The whole receipt model, already masked, for reprint. Receipts only. */
  receipt?: Receipt
}

/**
 * Where attempts are recorded (the store's `receipt_journal`, built elsewhere). Both methods may
 * be sync or async; a journal failure does not stop the resident's print (it is reported in the
 * result as `journaled: false`).
 */
export interface PrintJournal {
  record(entry: JournalEntry): void | Promise<void>
  markStatus(id: string, status: JournalStatus, error?: string): void | Promise<void>
}

/** A successful print. */
export interface PrintDone {
  journalId: string
  /** The printer's or spooler's job id, where it has one. */
  jobId?: string
  printer: PrinterKind
  /** False when the journal could not record the attempt (the print itself went through). */
  journaled: boolean
}

/** A failed print: the error plus where it is in the journal. */
export interface PrintFailure extends PrintError {
  journalId?: string
  journaled: boolean
}

/** Result of a print call; never a thrown error. */
export type PrintResult = { ok: true; value: PrintDone } | { ok: false; error: PrintFailure }

/** Options for one print call. */
export interface PrintCallOptions {
  /** Called when the printer / spooler accepted the job (used by the bench and "printing…"). */
  onAccepted?: (jobId: string) => void
}

/** Dependencies of {@link createPrintService}. */
export interface PrintServiceOptions {
  receiptPrinter: PrinterDriver
  a4Printer: PrinterDriver
  journal: PrintJournal
  clock?: () => Date
  /** The CJK font for PDFs. Default: {@link defaultFontPath} (dev checkout). */
  fontPath?: string
  /** Or a ready renderer (tests share one so the font is read once). */
  pdfRenderer?: PdfRenderer
  escPos?: EscPosOptions
  /** Poll printer status in the background every this many ms (0 = only on demand). Default 0. */
  statusPollMs?: number
  newId?: () => string
}

/** The printing service the API handlers use. */
export interface PrintService {
  printReceipt(receipt: ReceiptInput, options?: PrintCallOptions): Promise<PrintResult>
  printDocument(doc: A4DocumentInput, options?: PrintCallOptions): Promise<PrintResult>
  /** Asks both printers now; listeners hear any change. */
  status(): Promise<Record<PrinterKind, DeviceStatus>>
  /** Last known status without asking the printers. */
  lastStatus(): Record<PrinterKind, DeviceStatus>
  /** Hears each printer's status when it changes (state or code). Returns unsubscribe. */
  onStatus(listener: (status: DeviceStatus) => void): () => void
  /** Stops background polling and driver subscriptions. */
  close(): void
}

/** Creates the printing service. */
export function createPrintService(options: PrintServiceOptions): PrintService {
  const clock = options.clock ?? (() => new Date())
  const newId = options.newId ?? (() => randomUUID())
  const drivers: Record<PrinterKind, PrinterDriver> = {
    receiptPrinter: options.receiptPrinter,
    a4Printer: options.a4Printer,
  }
  let pdfRenderer = options.pdfRenderer
  const renderer = () =>
    (pdfRenderer ??= createPdfRenderer({ fontPath: options.fontPath ?? defaultFontPath() }))

  const started = clock()
  const known: Record<PrinterKind, DeviceStatus> = {
    receiptPrinter: deviceStatus(
      'receiptPrinter',
      'UNAVAILABLE',
      'NOT_RESPONDING',
      started,
      'NOT_ASKED_YET',
    ),
    a4Printer: deviceStatus('a4Printer', 'UNAVAILABLE', 'NOT_RESPONDING', started, 'NOT_ASKED_YET'),
  }
  const listeners = new Set<(status: DeviceStatus) => void>()

  /** Keeps the status; tells listeners when state or code changed (detail alone is not news). */
  const update = (status: DeviceStatus) => {
    const kind = status.kind as PrinterKind
    const previous = known[kind]
    if (previous.state === status.state && previous.code === status.code) {
      known[kind] = { ...status, since: previous.since }
      return
    }
    known[kind] = status
    for (const listener of [...listeners]) {
      try {
        listener(status)
      } catch {
        // A listener's bug must not break printing or the other listeners.
      }
    }
  }

  const unsubscribers = Object.values(drivers).map((d) => d.onChange?.(update) ?? (() => {}))

  async function askStatus(kind: PrinterKind): Promise<DeviceStatus> {
    try {
      update(await drivers[kind].status())
    } catch (error) {
      update(deviceStatus(kind, 'UNAVAILABLE', 'NOT_RESPONDING', clock(), (error as Error).message))
    }
    return known[kind]
  }

  // One job at a time per printer: raw sockets would interleave bytes, and a kiosk serves one
  // resident at a time anyway.
  const queues: Record<PrinterKind, Promise<unknown>> = {
    receiptPrinter: Promise.resolve(),
    a4Printer: Promise.resolve(),
  }
  const serialize = <T>(kind: PrinterKind, task: () => Promise<T>): Promise<T> => {
    const run = queues[kind].then(task, task)
    queues[kind] = run.catch(() => undefined)
    return run
  }

  async function journalCall(call: () => void | Promise<void>): Promise<boolean> {
    try {
      await call()
      return true
    } catch {
      return false
    }
  }

  async function runJob(
    entry: JournalEntry,
    render: () => Promise<Uint8Array> | Uint8Array,
    documentFormat: PrinterJob['documentFormat'],
    callOptions: PrintCallOptions,
  ): Promise<PrintResult> {
    return serialize(entry.printer, async () => {
      let journaled = await journalCall(() => options.journal.record(entry))
      const fail = async (error: PrintError): Promise<PrintResult> => {
        if (error.status) update(error.status)
        if (journaled)
          journaled = await journalCall(() =>
            options.journal.markStatus(entry.id, 'failed', `${error.code}: ${error.detail}`),
          )
        return { ok: false, error: { ...error, journalId: entry.id, journaled } }
      }

      let data: Uint8Array
      try {
        data = await render()
      } catch (error) {
        return fail({ code: 'RENDER_FAILED', detail: (error as Error).message })
      }

      let outcome: SendOutcome
      try {
        outcome = await drivers[entry.printer].send({
          data,
          documentFormat,
          // The job name is visible in the CUPS queue: no names or ID numbers, only ids.
          jobName: `kiosk ${entry.service} ${entry.id.slice(0, 8)}`,
          ...(callOptions.onAccepted ? { onAccepted: callOptions.onAccepted } : {}),
        })
      } catch (error) {
        outcome = { ok: false, error: { code: 'PRINT_FAILED', detail: (error as Error).message } }
      }
      if (!outcome.ok) return fail(outcome.error)

      if (journaled)
        journaled = await journalCall(() => options.journal.markStatus(entry.id, 'printed'))
      // A job that went through means the printer is usable; refresh in the background.
      void askStatus(entry.printer)
      return {
        ok: true,
        value: {
          journalId: entry.id,
          printer: entry.printer,
          journaled,
          ...(outcome.jobId ? { jobId: outcome.jobId } : {}),
        },
      }
    })
  }

  const invalid = (error: unknown): PrintResult => ({
    ok: false,
    // Not journalled: an invalid document may be the very one carrying an unmasked ID.
    error: {
      code: 'INVALID_DOCUMENT',
      detail: (error as { issues?: Array<{ path: unknown[]; message: string }> }).issues
        ? (error as { issues: Array<{ path: unknown[]; message: string }> }).issues
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')
            .slice(0, 500)
        : String(error),
      journaled: false,
    },
  })

  let timer: ReturnType<typeof setInterval> | undefined
  if (options.statusPollMs && options.statusPollMs > 0) {
    timer = setInterval(() => {
      void askStatus('receiptPrinter')
      void askStatus('a4Printer')
    }, options.statusPollMs)
    timer.unref?.()
  }

  return {
    async printReceipt(input, callOptions = {}) {
      const parsed = Receipt.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      const receipt = parsed.data
      const entry: JournalEntry = {
        id: newId(),
        kind: 'receipt',
        printer: 'receiptPrinter',
        createdAt: clock().toISOString(),
        terminalId: receipt.terminalId,
        service: receipt.service,
        title: receipt.title,
        holder: receipt.holder,
        ...(receipt.reference ? { reference: receipt.reference.number } : {}),
        receipt,
      }
      return runJob(
        entry,
        () => renderReceiptEscPos(receipt, options.escPos),
        'application/vnd.escpos',
        callOptions,
      )
    },

    async printDocument(input, callOptions = {}) {
      const parsed = A4Document.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      const doc = parsed.data
      const entry: JournalEntry = {
        id: newId(),
        kind: 'document',
        printer: 'a4Printer',
        createdAt: clock().toISOString(),
        terminalId: doc.terminalId,
        service: doc.kind,
        title: doc.title,
        // Certificates print the full name; the journal is on disk, so it keeps the masked one.
        holder: { ...doc.holder, ...(doc.holder.name ? { name: maskName(doc.holder.name) } : {}) },
        reference: doc.documentNo,
        ...(doc.verificationCode ? { verificationCode: doc.verificationCode } : {}),
      }
      return runJob(entry, () => renderer().render(doc), 'application/pdf', callOptions)
    },

    async status() {
      const [receiptPrinter, a4Printer] = await Promise.all([
        askStatus('receiptPrinter'),
        askStatus('a4Printer'),
      ])
      return { receiptPrinter, a4Printer }
    },

    lastStatus() {
      return { ...known }
    },

    onStatus(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    close() {
      if (timer) clearInterval(timer)
      for (const unsubscribe of unsubscribers) unsubscribe()
      listeners.clear()
    },
  }
}
