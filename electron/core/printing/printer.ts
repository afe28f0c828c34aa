/**
 * The printer driver interface (docs/architecture.md, "Devices": drivers sit behind one
 * interface per device kind). Real drivers (IPP / CUPS queue, raw TCP 9100) and the simulated one implement it;
 * the print service renders documents and hands the bytes to whichever is configured.
 */
import type { DeviceStatus } from '../../../shared/devices'

/** The two printers a terminal has. */
export type PrinterKind = 'receiptPrinter' | 'a4Printer'

/** Stable error codes of the printing path; the renderer turns them into words (i18n). */
export const PRINT_ERROR_CODES = [
  /** The printer cannot take a job now (out of paper, jammed, offline, queue stopped). */
  'PRINTER_UNAVAILABLE',
  /** The job was sent but did not finish (aborted, canceled, connection lost, paper ran out midway). */
  'PRINT_FAILED',
  /** The job did not finish in time; it was canceled so it does not come out after the resident left. */
  'PRINT_TIMEOUT',
  /** The document failed its schema (e.g. unmasked ID). Never journalled. */
  'INVALID_DOCUMENT',
  /** The document could not be rendered (font missing, …). */
  'RENDER_FAILED',
] as const
export type PrintErrorCode = (typeof PRINT_ERROR_CODES)[number]

/** A failure, for staff (`detail`) and for the screen (`code`). */
export interface PrintError {
  code: PrintErrorCode
  /** The driver's own words (IPP reason, socket error). Staff-facing; never shown to residents. */
  detail: string
  /** The printer's status when it failed, if known. */
  status?: DeviceStatus
}

/** A rendered job as a driver receives it. */
export interface PrinterJob {
  data: Uint8Array
  /** Shown in the CUPS queue; carries no personal data (service and journal id only). */
  jobName: string
  /** `application/pdf` for A4, `application/vnd.escpos` for receipts (drivers map it as needed). */
  documentFormat: 'application/pdf' | 'application/vnd.escpos'
  /** Called once the printer or spooler has accepted the job (before it is printed). */
  onAccepted?: (jobId: string) => void
}

/** What a driver reports for one job. Drivers may also throw; the service maps that to PRINT_FAILED. */
export type SendOutcome = { ok: true; jobId?: string } | { ok: false; error: PrintError }

/** One printer. */
export interface PrinterDriver {
  readonly kind: PrinterKind
  /** A short description for staff (`ipp://…/printers/a4`, `tcp://10.0.0.5:9100`, `simulated`). */
  readonly description: string
  /** Sends one job and resolves when it is done (printed or failed). */
  send(job: PrinterJob): Promise<SendOutcome>
  /** Asks the printer for its status now. Never rejects: an unreachable printer is UNAVAILABLE. */
  status(): Promise<DeviceStatus>
  /** Pushes status changes the driver learns of by itself (simulated printers); returns unsubscribe. */
  onChange?(listener: (status: DeviceStatus) => void): () => void
}
