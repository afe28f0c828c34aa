/**
 * Printer status → the device model (shared/devices.ts). Two sources: IPP `printer-state` +
 * `printer-state-reasons` (CUPS queues, network A4 printers) and ESC/POS real-time status
 * (`DLE EOT n`, thermal printers that answer on their socket).
 *
 * States: READY (may carry a warning such as MEDIA_LOW), BUSY (printing; jobs still queue) or
 * UNAVAILABLE (a new job would not print: paper out, jam, cover open, offline, queue stopped).
 */
import type { DeviceStatus, DeviceStatusCode } from '../../../shared/devices'
import { makeStatus } from '../devices/driver'
import type { IppPrinterStatus } from './ipp'
import type { PrinterKind } from './printer'

/** Builds a printer's status object (the device model's own builder, for a printer kind). */
export const deviceStatus: (
  kind: PrinterKind,
  state: DeviceStatus['state'],
  code: DeviceStatusCode,
  since: Date,
  detail?: string,
) => DeviceStatus = makeStatus

/** An IPP state reason split into keyword and severity (`media-empty-error` → media-empty, error). */
export function splitReason(reason: string): { keyword: string; severity: string } {
  const m = /^(.*)-(error|warning|report)$/.exec(reason)
  return m ? { keyword: m[1]!, severity: m[2]! } : { keyword: reason, severity: 'error' }
}

/** Reasons that stop printing, most serious first, with their device code. */
const BLOCKING_REASONS: Array<[RegExp, DeviceStatusCode]> = [
  [/^media-jam$|^jam$|^input-tray-missing$/, 'JAMMED'],
  [/^(door|cover|interlock)-open$/, 'COVER_OPEN'],
  [/^media-(empty|needed)$/, 'MEDIA_EMPTY'],
  [/^(offline|shutdown|timed-out|connecting-to-device|printer-offline)$/, 'OFFLINE'],
  [/^(toner|marker-supply|ink)-empty$|^(fuser|developer)-.*$|^other$/, 'HARDWARE_ERROR'],
]
/** Reasons that only warn; printing goes on. */
const WARNING_REASONS: Array<[RegExp, DeviceStatusCode]> = [
  [/^media-(low|empty)$/, 'MEDIA_LOW'],
  [/^(toner|marker-supply|ink)-low$/, 'MEDIA_LOW'],
]

/**
 * Maps Get-Printer-Attributes onto a device status. A stopped queue (`cupsdisable`, state 5) or one
 * refusing jobs (`cupsreject`) is UNAVAILABLE even with no reason given, because a job sent there
 * would not print now.
 */
export function statusFromIpp(kind: PrinterKind, ipp: IppPrinterStatus, since: Date): DeviceStatus {
  const reasons = ipp.reasons.filter((r) => r !== 'none')
  const detail = [
    `printer-state=${ipp.state}`,
    reasons.length ? `reasons=${reasons.join(',')}` : '',
    ipp.acceptingJobs ? '' : 'not accepting jobs',
    ipp.message ? `message=${ipp.message}` : '',
  ]
    .filter(Boolean)
    .join('; ')

  for (const [pattern, code] of BLOCKING_REASONS) {
    const hit = reasons.some((r) => {
      const { keyword, severity } = splitReason(r)
      // `media-empty-warning` (one tray of several) is a warning, not a stop.
      return pattern.test(keyword) && severity !== 'warning'
    })
    if (hit) return deviceStatus(kind, 'UNAVAILABLE', code, since, detail)
  }
  if (!ipp.acceptingJobs || ipp.state === 'stopped') {
    return deviceStatus(kind, 'UNAVAILABLE', 'OFFLINE', since, detail)
  }
  const state = ipp.state === 'processing' ? 'BUSY' : 'READY'
  for (const [pattern, code] of WARNING_REASONS) {
    if (reasons.some((r) => pattern.test(splitReason(r).keyword)))
      return deviceStatus(kind, state, code, since, detail)
  }
  return deviceStatus(kind, state, 'OK', since, detail)
}

/** What an ESC/POS printer says about itself through `DLE EOT 1..4`. */
export interface EscPosRealtimeStatus {
  offline: boolean
  coverOpen: boolean
  /** Printing stopped because the paper ran out (DLE EOT 2 bit 5). */
  stoppedByPaperEnd: boolean
  /** Roll paper near-end sensor (DLE EOT 4 bits 2–3). */
  paperNearEnd: boolean
  /** Roll paper end sensor (DLE EOT 4 bits 5–6). */
  paperOut: boolean
  cutterError: boolean
  unrecoverableError: boolean
  autoRecoverableError: boolean
}

/** The real-time status request: DLE EOT 1 (printer), 2 (offline cause), 3 (error), 4 (paper). */
export const ESC_POS_STATUS_QUERY = Uint8Array.from([
  0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04,
])

/** A status byte always looks like 0xx1xx10 (bits 1 and 4 set, bits 0 and 7 clear). */
export function isEscPosStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12
}

/**
 * Parses the four answer bytes to {@link ESC_POS_STATUS_QUERY}, in order. Returns null when the
 * answer is not a status answer (the peer echoes, or is not an ESC/POS printer).
 */
export function parseEscPosStatus(bytes: ArrayLike<number>): EscPosRealtimeStatus | null {
  if (bytes.length < 4) return null
  const [printer, offline, error, paper] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!]
  if (![printer, offline, error, paper].every(isEscPosStatusByte)) return null
  return {
    offline: (printer & 0x08) !== 0,
    coverOpen: (offline & 0x04) !== 0,
    stoppedByPaperEnd: (offline & 0x20) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    paperOut: (paper & 0x60) !== 0,
    cutterError: (error & 0x08) !== 0,
    unrecoverableError: (error & 0x20) !== 0,
    autoRecoverableError: (error & 0x40) !== 0,
  }
}

/** Maps ESC/POS real-time status onto a device status. */
export function statusFromEscPos(
  kind: PrinterKind,
  s: EscPosRealtimeStatus,
  since: Date,
): DeviceStatus {
  const flags = Object.entries(s)
    .filter(([, v]) => v)
    .map(([k]) => k)
  const detail = flags.length ? `escpos: ${flags.join(',')}` : 'escpos: ok'
  if (s.paperOut || s.stoppedByPaperEnd)
    return deviceStatus(kind, 'UNAVAILABLE', 'MEDIA_EMPTY', since, detail)
  if (s.coverOpen) return deviceStatus(kind, 'UNAVAILABLE', 'COVER_OPEN', since, detail)
  // An auto-cutter error on a thermal printer is nearly always paper jammed at the cutter.
  if (s.cutterError) return deviceStatus(kind, 'UNAVAILABLE', 'JAMMED', since, detail)
  if (s.unrecoverableError || s.autoRecoverableError)
    return deviceStatus(kind, 'UNAVAILABLE', 'HARDWARE_ERROR', since, detail)
  if (s.offline) return deviceStatus(kind, 'UNAVAILABLE', 'OFFLINE', since, detail)
  if (s.paperNearEnd) return deviceStatus(kind, 'READY', 'MEDIA_LOW', since, detail)
  return deviceStatus(kind, 'READY', 'OK', since, detail)
}

/** The status of a printer that did not answer at all. */
export function notResponding(kind: PrinterKind, since: Date, detail: string): DeviceStatus {
  return deviceStatus(kind, 'UNAVAILABLE', 'NOT_RESPONDING', since, detail)
}
