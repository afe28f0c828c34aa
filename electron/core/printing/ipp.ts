/**
 * A small IPP/1.1 client (RFC 8010 encoding, RFC 8011 operations) for CUPS and IPP printers:
 * Print-Job, Get-Job-Attributes (to follow a job to completed / aborted / canceled),
 * Get-Printer-Attributes (printer-state, printer-state-reasons) and Cancel-Job. The wire encoding is
 * in ipp-encoding.ts; this file sends requests and reads the answers.
 *
 * Why our own: the `ipp` npm package (2.0.1) was last published in 2019, ships no types and has no
 * request timeout or abort; the subset of IPP a kiosk needs is small and fully testable here.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import {
  decodeIppResponse,
  encodeIppRequest,
  IppError,
  IppOperation,
  JOB_STATES,
  PRINTER_STATES,
  TERMINAL_JOB_STATES,
  VT,
  type IppAttribute,
  type IppResponse,
  type IppValue,
  type JobState,
  type PrinterState,
} from './ipp-encoding'

export * from './ipp-encoding'

/** Where an IPP printer is: its `ipp://` / `ipps://` / `http://` URI, as given in configuration. */
export interface IppEndpoint {
  /** e.g. `ipp://127.0.0.1:631/printers/a4`; CUPS queue names are turned into this by the caller. */
  printerUri: string
  /** Request timeout in ms (connect + response). Default 10 s. */
  timeoutMs?: number
  /** requesting-user-name. Default `kiosk`. */
  userName?: string
}

/** Builds `ipp://host:port/printers/<queue>` from a CUPS server and queue name. */
export function cupsQueueUri(queue: string, server = '127.0.0.1:631'): string {
  return `ipp://${server}/printers/${encodeURIComponent(queue)}`
}

let nextRequestId = 1

/** Sends one IPP request over HTTP(S) POST and decodes the answer. Rejects on transport errors. */
export function ippRequest(endpoint: IppEndpoint, body: Buffer): Promise<IppResponse> {
  const url = new URL(endpoint.printerUri)
  const secure = url.protocol === 'ipps:' || url.protocol === 'https:'
  const port = url.port ? Number(url.port) : secure ? 443 : 631
  const send = secure ? httpsRequest : httpRequest
  const timeoutMs = endpoint.timeoutMs ?? 10_000
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: url.hostname,
        port,
        path: url.pathname + url.search,
        method: 'POST',
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new IppError(`HTTP ${res.statusCode} from ${url.host}${url.pathname}`, 0xffff))
            return
          }
          try {
            resolve(decodeIppResponse(Buffer.concat(chunks)))
          } catch (error) {
            reject(error)
          }
        })
        res.on('error', reject)
      },
    )
    req.on('timeout', () => {
      const error = Object.assign(new Error(`IPP request timed out after ${timeoutMs} ms`), {
        code: 'ETIMEDOUT',
      })
      req.destroy(error)
    })
    req.on('error', reject)
    req.end(body)
  })
}

function baseAttributes(endpoint: IppEndpoint): IppAttribute[] {
  return [
    { tag: VT.charset, name: 'attributes-charset', values: ['utf-8'] },
    { tag: VT.naturalLanguage, name: 'attributes-natural-language', values: ['zh-cn'] },
    { tag: VT.uri, name: 'printer-uri', values: [endpoint.printerUri] },
    { tag: VT.name, name: 'requesting-user-name', values: [endpoint.userName ?? 'kiosk'] },
  ]
}

function assertOk(response: IppResponse, what: string): void {
  // 0x0000–0x00ff are successful-ok* codes (some with ignored or substituted attributes).
  if (response.statusCode > 0x00ff) {
    const message = response.operation['status-message']?.[0]
    throw new IppError(
      `${what} failed: 0x${response.statusCode.toString(16).padStart(4, '0')}${message ? ` ${message}` : ''}`,
      response.statusCode,
    )
  }
}

const first = (r: Record<string, IppValue[]>, name: string) => r[name]?.[0]
const strings = (r: Record<string, IppValue[]>, name: string) =>
  (r[name] ?? []).filter((v): v is string => typeof v === 'string')

/** What the printer says about itself. */
export interface IppPrinterStatus {
  state: PrinterState
  /** `printer-state-reasons` as given (e.g. `media-empty-error`, `paused`, `none`). */
  reasons: string[]
  acceptingJobs: boolean
  message?: string
}

/** Get-Printer-Attributes for state, reasons, accepting-jobs and message. */
export async function getPrinterStatus(endpoint: IppEndpoint): Promise<IppPrinterStatus> {
  const body = encodeIppRequest(IppOperation.GetPrinterAttributes, nextRequestId++, [
    ...baseAttributes(endpoint),
    {
      tag: VT.keyword,
      name: 'requested-attributes',
      values: [
        'printer-state',
        'printer-state-reasons',
        'printer-is-accepting-jobs',
        'printer-state-message',
      ],
    },
  ])
  const response = await ippRequest(endpoint, body)
  assertOk(response, 'Get-Printer-Attributes')
  const p = response.printer
  const stateValue = first(p, 'printer-state')
  const state = PRINTER_STATES[stateValue as keyof typeof PRINTER_STATES] ?? 'stopped'
  const message = first(p, 'printer-state-message')
  return {
    state,
    reasons: strings(p, 'printer-state-reasons'),
    acceptingJobs: first(p, 'printer-is-accepting-jobs') !== false,
    ...(typeof message === 'string' && message ? { message } : {}),
  }
}

/** A job as the printer reports it. */
export interface IppJobStatus {
  jobId: number
  state: JobState
  reasons: string[]
  message?: string
}

/** Options for {@link printJob}. */
export interface PrintJobOptions {
  jobName: string
  /** MIME type of the data: `application/pdf`, `application/vnd.cups-raw`, `application/octet-stream`. */
  documentFormat: string
}

/** Print-Job: sends the document; resolves when the printer has accepted it (job id + first state). */
export async function printJob(
  endpoint: IppEndpoint,
  data: Uint8Array,
  options: PrintJobOptions,
): Promise<IppJobStatus> {
  const body = encodeIppRequest(
    IppOperation.PrintJob,
    nextRequestId++,
    [
      ...baseAttributes(endpoint),
      { tag: VT.name, name: 'job-name', values: [options.jobName.slice(0, 255)] },
      { tag: VT.mimeMediaType, name: 'document-format', values: [options.documentFormat] },
    ],
    [],
    data,
  )
  const response = await ippRequest(endpoint, body)
  assertOk(response, 'Print-Job')
  return jobStatusFrom(response.job)
}

function jobStatusFrom(job: Record<string, IppValue[]>): IppJobStatus {
  const jobId = first(job, 'job-id')
  const stateValue = first(job, 'job-state')
  const message = first(job, 'job-state-message')
  return {
    jobId: typeof jobId === 'number' ? jobId : -1,
    state: JOB_STATES[stateValue as keyof typeof JOB_STATES] ?? 'pending',
    reasons: strings(job, 'job-state-reasons'),
    ...(typeof message === 'string' && message ? { message } : {}),
  }
}

/** Get-Job-Attributes for one job's state and reasons. */
export async function getJobStatus(endpoint: IppEndpoint, jobId: number): Promise<IppJobStatus> {
  const body = encodeIppRequest(IppOperation.GetJobAttributes, nextRequestId++, [
    ...baseAttributes(endpoint),
    { tag: VT.integer, name: 'job-id', values: [jobId] },
    {
      tag: VT.keyword,
      name: 'requested-attributes',
      values: ['job-id', 'job-state', 'job-state-reasons', 'job-state-message'],
    },
  ])
  const response = await ippRequest(endpoint, body)
  assertOk(response, 'Get-Job-Attributes')
  return jobStatusFrom(response.job)
}

/** Cancel-Job, used when a followed job outlives its deadline. */
export async function cancelJob(endpoint: IppEndpoint, jobId: number): Promise<void> {
  const body = encodeIppRequest(IppOperation.CancelJob, nextRequestId++, [
    ...baseAttributes(endpoint),
    { tag: VT.integer, name: 'job-id', values: [jobId] },
  ])
  assertOk(await ippRequest(endpoint, body), 'Cancel-Job')
}

/** Options for {@link followJob}. */
export interface FollowJobOptions {
  /** Poll interval. Default 250 ms. */
  pollMs?: number
  /** Give up after this long (the job is then still wherever it is). Default 120 s, about as long as a resident waits at the printer. */
  timeoutMs?: number
  /** Called on every state change, e.g. to show "printing…". */
  onState?: (status: IppJobStatus) => void
  sleep?: (ms: number) => Promise<void>
}

/**
 * Polls Get-Job-Attributes until the job is completed, aborted or canceled, or the deadline
 * passes (then resolves with the last state seen, not terminal). Transport errors reject.
 */
export async function followJob(
  endpoint: IppEndpoint,
  jobId: number,
  options: FollowJobOptions = {},
): Promise<IppJobStatus> {
  const pollMs = options.pollMs ?? 250
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const deadline = Date.now() + (options.timeoutMs ?? 120_000)
  let last: IppJobStatus | undefined
  for (;;) {
    const status = await getJobStatus(endpoint, jobId)
    if (!last || last.state !== status.state) options.onState?.(status)
    last = status
    if (TERMINAL_JOB_STATES.has(status.state) || Date.now() >= deadline) return status
    await sleep(pollMs)
  }
}
