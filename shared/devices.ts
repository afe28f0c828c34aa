/**
 * The device model, after IATA CUSS 2 and CEN/XFS (docs/architecture.md): every device has a
 * kind, a state and a status code. Services declare which devices they need; a service is available
 * when its devices are, so a jammed printer disables printing, not the whole terminal.
 */
import { z } from 'zod'

export const DEVICE_KINDS = ['cardReader', 'camera', 'receiptPrinter', 'a4Printer'] as const
export const DeviceKind = z.enum(DEVICE_KINDS)
export type DeviceKind = z.infer<typeof DeviceKind>

export const DEVICE_STATES = ['READY', 'BUSY', 'UNAVAILABLE'] as const
export const DeviceState = z.enum(DEVICE_STATES)
export type DeviceState = z.infer<typeof DeviceState>

export const DEVICE_STATUS_CODES = [
  'OK',
  'MEDIA_LOW',
  'MEDIA_EMPTY',
  'JAMMED',
  'COVER_OPEN',
  'OFFLINE',
  'HARDWARE_ERROR',
  'NOT_RESPONDING',
  'NOT_CONFIGURED',
  'PERMISSION_DENIED',
] as const
export const DeviceStatusCode = z.enum(DEVICE_STATUS_CODES)
export type DeviceStatusCode = z.infer<typeof DeviceStatusCode>

/**
 * Details the core itself gives (staff read them in words, `deviceDetails.*`); a driver's own
 * words name the driver first ("escpos: paper-end") and stay as they are.
 */
export const DEVICE_DETAIL_CODES = [
  'NO_DRIVER',
  'NOT_ASKED_YET',
  'NO_PAGE_REPORT',
  'READING_CARD',
  'CAMERA_REFUSED',
  'NO_CAMERA_FOUND',
  // The GA 467 card reader's (electron/core/devices/ga467/reader.ts).
  'NO_READER',
  'PORT_DENIED',
  'READER_SILENT',
  'SAM_ERROR',
  'FRAME_CORRUPT',
  'CARD_UNREADABLE',
  'CARD_REMOVED',
] as const
export type DeviceDetailCode = (typeof DEVICE_DETAIL_CODES)[number]

export const DeviceStatus = z.object({
  kind: DeviceKind,
  state: DeviceState,
  code: DeviceStatusCode,
  /**
   * For staff, never residents: one of DEVICE_DETAIL_CODES, or the driver's own words (e.g. the
   * IPP reason).
   */
  detail: z.string().max(500).optional(),
  /** ISO time of the last change. */
  since: z.string(),
  /**
   * Which driver serves the device (the hall's hardware profile), for staff: `simulated`,
   * `ga467`, `ipp`, `cups`, `socket`, `page`, `none`.
   */
  driver: z.string().max(32).optional(),
  /** Where the driver reaches it: a serial port, a printer queue or address, a camera label. */
  port: z.string().max(300).optional(),
})
export type DeviceStatus = z.infer<typeof DeviceStatus>

/** A device can serve a request when it is READY, or READY with a warning such as MEDIA_LOW. */
export function isUsable(status: Pick<DeviceStatus, 'state'>): boolean {
  return status.state === 'READY'
}
