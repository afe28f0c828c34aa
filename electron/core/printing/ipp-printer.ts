/**
 * A printer reached over IPP: a CUPS queue (the A4 printer, or a raw queue in front of the receipt
 * printer) or a network printer's own IPP endpoint. Each job is checked against the printer state
 * first, sent with Print-Job, then followed with Get-Job-Attributes until it is completed, aborted
 * or canceled, so that a job that fails in the printer is reported, not lost.
 */
import type { DeviceStatus } from '../../../shared/devices'
import {
  IppError,
  IppStatus,
  cancelJob,
  cupsQueueUri,
  followJob,
  getPrinterStatus,
  printJob,
  type IppEndpoint,
} from './ipp'
import type { PrinterDriver, PrinterJob, PrinterKind, SendOutcome } from './printer'
import { deviceStatus, notResponding, statusFromIpp } from './status'

/** Options for {@link createIppPrinter}. */
export interface IppPrinterOptions {
  kind: PrinterKind
  /** `ipp://host:631/printers/a4` … or give `queue` (+ `cupsServer`) for a CUPS queue. */
  printerUri?: string
  queue?: string
  /** `host:port` of CUPS. Default `127.0.0.1:631`. */
  cupsServer?: string
  /**
   * The document-format sent. Default: `application/pdf` for PDF; for ESC/POS bytes
   * `application/vnd.cups-raw`, which makes CUPS pass them through untouched.
   */
  rawFormat?: string
  /** Follow each job to its end. Default true. */
  follow?: boolean
  /** Longest wait for a job to finish; after that it is canceled. Default 120 s. */
  jobTimeoutMs?: number
  pollMs?: number
  /** Per request. Default 10 s. */
  requestTimeoutMs?: number
  userName?: string
  clock?: () => Date
}

function transportCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code
}

/** Creates an IPP printer driver. */
export function createIppPrinter(options: IppPrinterOptions): PrinterDriver {
  const printerUri =
    options.printerUri ??
    (options.queue ? cupsQueueUri(options.queue, options.cupsServer) : undefined)
  if (!printerUri) throw new Error('createIppPrinter needs printerUri or queue')
  const endpoint: IppEndpoint = {
    printerUri,
    timeoutMs: options.requestTimeoutMs ?? 10_000,
    userName: options.userName ?? 'kiosk',
  }
  const kind = options.kind
  const clock = options.clock ?? (() => new Date())

  async function status(): Promise<DeviceStatus> {
    try {
      return statusFromIpp(kind, await getPrinterStatus(endpoint), clock())
    } catch (error) {
      if (error instanceof IppError && error.statusCode === IppStatus.notFound)
        return deviceStatus(kind, 'UNAVAILABLE', 'NOT_CONFIGURED', clock(), error.message)
      return notResponding(kind, clock(), `${printerUri}: ${(error as Error).message}`)
    }
  }

  async function send(job: PrinterJob): Promise<SendOutcome> {
    const before = await status()
    if (before.state === 'UNAVAILABLE')
      return {
        ok: false,
        error: {
          code: 'PRINTER_UNAVAILABLE',
          detail: before.detail ?? before.code,
          status: before,
        },
      }
    let jobId: number
    try {
      const accepted = await printJob(endpoint, job.data, {
        jobName: job.jobName,
        documentFormat:
          job.documentFormat === 'application/pdf'
            ? 'application/pdf'
            : (options.rawFormat ?? 'application/vnd.cups-raw'),
      })
      jobId = accepted.jobId
      job.onAccepted?.(String(jobId))
    } catch (error) {
      const refused =
        (error instanceof IppError &&
          [IppStatus.notAcceptingJobs, IppStatus.notFound, IppStatus.busy].includes(
            error.statusCode as 0x0506,
          )) ||
        ['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT'].includes(
          transportCode(error) ?? '',
        )
      return {
        ok: false,
        error: {
          code: refused ? 'PRINTER_UNAVAILABLE' : 'PRINT_FAILED',
          detail: (error as Error).message,
          status: await status(),
        },
      }
    }
    if (options.follow === false) return { ok: true, jobId: String(jobId) }

    try {
      const end = await followJob(endpoint, jobId, {
        pollMs: options.pollMs,
        timeoutMs: options.jobTimeoutMs,
      })
      if (end.state === 'completed') return { ok: true, jobId: String(jobId) }
      const detail = `job ${jobId} ${end.state}${end.reasons.length ? ` (${end.reasons.join(',')})` : ''}${end.message ? `: ${end.message}` : ''}`
      if (end.state === 'aborted' || end.state === 'canceled')
        return { ok: false, error: { code: 'PRINT_FAILED', detail, status: await status() } }
      // Still pending or printing at the deadline: cancel it, because a certificate that comes out
      // after the resident has walked away is personal data left in a public tray.
      await cancelJob(endpoint, jobId).catch(() => undefined)
      return {
        ok: false,
        error: { code: 'PRINT_TIMEOUT', detail: `${detail}; canceled`, status: await status() },
      }
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'PRINT_FAILED',
          detail: `lost track of job ${jobId}: ${(error as Error).message}`,
          status: await status(),
        },
      }
    }
  }

  return { kind, description: printerUri, send, status }
}
