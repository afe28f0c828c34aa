/**
 * The thermal receipt printer over raw TCP (port 9100, "JetDirect"): the ESC/POS bytes go straight
 * to the printer, with connect and write timeouts. Where the printer answers ESC/POS real-time
 * status (DLE EOT n) the driver asks before and after each receipt, so paper out or a cover opened
 * midway is reported as a failure instead of a silent loss.
 */
import { connect, type Socket } from 'node:net'
import type { DeviceStatus } from '../../../shared/devices'
import type { PrinterDriver, PrinterJob, PrinterKind, SendOutcome } from './printer'
import {
  ESC_POS_STATUS_QUERY,
  deviceStatus,
  notResponding,
  parseEscPosStatus,
  statusFromEscPos,
  type EscPosRealtimeStatus,
} from './status'

/** Options for {@link createRawSocketPrinter}. */
export interface RawSocketPrinterOptions {
  host: string
  /** Default 9100. */
  port?: number
  /** Default 3 s. */
  connectTimeoutMs?: number
  /** Longest silence while sending before the job counts as failed. Default 15 s. */
  writeTimeoutMs?: number
  /** How long to wait for the DLE EOT answer. Default 400 ms. */
  statusTimeoutMs?: number
  /** Ask DLE EOT status around each job. Default true (skipped once the printer never answers). */
  realtimeStatus?: boolean
  kind?: PrinterKind
  clock?: () => Date
}

/** A transport failure, with where it happened. */
export class RawSocketError extends Error {
  constructor(
    message: string,
    /** `connect`: nothing was sent; `write`: the job may be partly printed. */
    readonly phase: 'connect' | 'write',
    readonly code?: string,
  ) {
    super(message)
    this.name = 'RawSocketError'
  }
}

function openSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port })
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new RawSocketError(`connect to ${host}:${port} timed out`, 'connect', 'ETIMEDOUT'))
    }, timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.removeAllListeners('error')
      resolve(socket)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        new RawSocketError(`connect to ${host}:${port}: ${error.message}`, 'connect', error.code),
      )
    })
  })
}

/** Sends bytes and closes; resolves once the peer has them all (TCP FIN acknowledged by close). */
export async function sendRaw(
  host: string,
  port: number,
  data: Uint8Array,
  options: { connectTimeoutMs?: number; writeTimeoutMs?: number; onWritten?: () => void } = {},
): Promise<void> {
  const socket = await openSocket(host, port, options.connectTimeoutMs ?? 3_000)
  await new Promise<void>((resolve, reject) => {
    let failed = false
    const fail = (message: string, code?: string) => {
      if (failed) return
      failed = true
      socket.destroy()
      reject(new RawSocketError(message, 'write', code))
    }
    socket.setTimeout(options.writeTimeoutMs ?? 15_000, () =>
      fail(`no progress sending to ${host}:${port}`, 'ETIMEDOUT'),
    )
    socket.on('error', (error: NodeJS.ErrnoException) => fail(error.message, error.code))
    // Printers never answer on the print channel except with status; drain so it cannot block.
    socket.on('data', () => {})
    socket.on('close', () => {
      if (!failed) resolve()
    })
    socket.end(data, () => options.onWritten?.())
  })
}

/**
 * Asks DLE EOT 1–4 on a short connection. Resolves null when the peer does not answer in time or
 * answers something else; rejects only when it cannot connect.
 */
export async function queryEscPosStatus(
  host: string,
  port: number,
  options: { connectTimeoutMs?: number; timeoutMs?: number } = {},
): Promise<EscPosRealtimeStatus | null> {
  const socket = await openSocket(host, port, options.connectTimeoutMs ?? 3_000)
  return new Promise((resolve) => {
    const received: number[] = []
    const done = (value: EscPosRealtimeStatus | null) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(value)
    }
    const timer = setTimeout(() => done(null), options.timeoutMs ?? 400)
    socket.on('data', (chunk: Buffer) => {
      received.push(...chunk)
      if (received.length >= 4) done(parseEscPosStatus(received))
    })
    socket.on('error', () => done(null))
    socket.on('close', () => done(received.length >= 4 ? parseEscPosStatus(received) : null))
    socket.write(ESC_POS_STATUS_QUERY)
  })
}

/** The receipt printer on a TCP socket (usually port 9100). */
export function createRawSocketPrinter(options: RawSocketPrinterOptions): PrinterDriver {
  const port = options.port ?? 9100
  const kind = options.kind ?? 'receiptPrinter'
  const clock = options.clock ?? (() => new Date())
  const description = `tcp://${options.host}:${port}`
  // undefined: not asked yet; false: the printer never answers DLE EOT, so stop waiting for it.
  let answersStatus: boolean | undefined = options.realtimeStatus === false ? false : undefined

  async function probe(): Promise<DeviceStatus> {
    try {
      const realtime = await queryEscPosStatus(options.host, port, {
        connectTimeoutMs: options.connectTimeoutMs,
        timeoutMs: options.statusTimeoutMs,
      })
      if (realtime) {
        answersStatus = true
        return statusFromEscPos(kind, realtime, clock())
      }
      if (answersStatus === undefined) answersStatus = false
      // Reachable but silent: as far as we can tell it is ready.
      return deviceStatus(kind, 'READY', 'OK', clock(), `${description} (no real-time status)`)
    } catch (error) {
      return notResponding(kind, clock(), (error as Error).message)
    }
  }

  return {
    kind,
    description,
    async status() {
      if (options.realtimeStatus === false) {
        try {
          ;(await openSocket(options.host, port, options.connectTimeoutMs ?? 3_000)).destroy()
          return deviceStatus(kind, 'READY', 'OK', clock(), description)
        } catch (error) {
          return notResponding(kind, clock(), (error as Error).message)
        }
      }
      return probe()
    },
    async send(job: PrinterJob): Promise<SendOutcome> {
      if (answersStatus !== false) {
        const before = await probe()
        if (before.state === 'UNAVAILABLE')
          return {
            ok: false,
            error: {
              code: 'PRINTER_UNAVAILABLE',
              detail: before.detail ?? before.code,
              status: before,
            },
          }
      }
      try {
        await sendRaw(options.host, port, job.data, {
          connectTimeoutMs: options.connectTimeoutMs,
          writeTimeoutMs: options.writeTimeoutMs,
          onWritten: () => job.onAccepted?.(`${description}@${clock().getTime()}`),
        })
      } catch (error) {
        const e = error as RawSocketError
        const status = notResponding(kind, clock(), e.message)
        return {
          ok: false,
          error: {
            code: e.phase === 'connect' ? 'PRINTER_UNAVAILABLE' : 'PRINT_FAILED',
            detail: e.message,
            status,
          },
        }
      }
      if (answersStatus) {
        // Real-time status is answered even while the buffer prints, so paper that ran out
        // during this receipt shows here.
        const after = await probe()
        if (after.state === 'UNAVAILABLE')
          return {
            ok: false,
            error: {
              code: 'PRINT_FAILED',
              detail: `after printing: ${after.detail}`,
              status: after,
            },
          }
      }
      return { ok: true }
    },
  }
}
