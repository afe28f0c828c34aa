import { describe, expect, it } from 'vitest'
import {
  isEscPosStatusByte,
  parseEscPosStatus,
  splitReason,
  statusFromEscPos,
  statusFromIpp,
} from '../../../../electron/core/printing/status'
import { DeviceStatus, isUsable } from '../../../../shared/devices'

const at = new Date('2025-03-01T06:00:00Z')
const ipp = (
  state: 'idle' | 'processing' | 'stopped',
  reasons: string[] = ['none'],
  acceptingJobs = true,
) => statusFromIpp('a4Printer', { state, reasons, acceptingJobs }, at)

describe('IPP printer state → device status', () => {
  it.each([
    [ipp('idle'), 'READY', 'OK'],
    [ipp('processing'), 'BUSY', 'OK'],
    [ipp('idle', ['media-low-report']), 'READY', 'MEDIA_LOW'],
    [ipp('idle', ['toner-low-warning']), 'READY', 'MEDIA_LOW'],
    [ipp('processing', ['media-low-warning']), 'BUSY', 'MEDIA_LOW'],
    [ipp('stopped', ['media-empty-error']), 'UNAVAILABLE', 'MEDIA_EMPTY'],
    [ipp('idle', ['media-needed']), 'UNAVAILABLE', 'MEDIA_EMPTY'],
    [ipp('idle', ['media-empty-warning']), 'READY', 'MEDIA_LOW'],
    [ipp('stopped', ['media-jam-error', 'media-empty-error']), 'UNAVAILABLE', 'JAMMED'],
    [ipp('stopped', ['door-open-error']), 'UNAVAILABLE', 'COVER_OPEN'],
    [ipp('idle', ['offline-report']), 'UNAVAILABLE', 'OFFLINE'],
    [ipp('stopped', ['paused']), 'UNAVAILABLE', 'OFFLINE'],
    [ipp('idle', ['none'], false), 'UNAVAILABLE', 'OFFLINE'],
    [ipp('stopped', ['marker-supply-empty-error']), 'UNAVAILABLE', 'HARDWARE_ERROR'],
  ])('%#: → %s %s', (status, state, code) => {
    expect(status).toMatchObject({ kind: 'a4Printer', state, code })
    expect(DeviceStatus.safeParse(status).success).toBe(true)
  })

  it('keeps the reasons and message in the staff detail', () => {
    const s = statusFromIpp(
      'a4Printer',
      { state: 'stopped', reasons: ['paused'], acceptingJobs: false, message: '维护中' },
      at,
    )
    expect(s.detail).toBe(
      'printer-state=stopped; reasons=paused; not accepting jobs; message=维护中',
    )
    expect(s.since).toBe('2025-03-01T06:00:00.000Z')
  })

  it('splits reason severities', () => {
    expect(splitReason('media-empty-error')).toEqual({ keyword: 'media-empty', severity: 'error' })
    expect(splitReason('media-low-report')).toEqual({ keyword: 'media-low', severity: 'report' })
    expect(splitReason('paused')).toEqual({ keyword: 'paused', severity: 'error' })
  })

  it('only READY (with or without a warning) is usable', () => {
    expect(isUsable(ipp('idle', ['media-low-report']))).toBe(true)
    expect(isUsable(ipp('stopped', ['media-empty-error']))).toBe(false)
  })
})

describe('ESC/POS real-time status (DLE EOT n)', () => {
  // A healthy printer answers 0x16 0x12 0x12 0x12 to DLE EOT 1, 2, 3, 4.
  const OK = [0x16, 0x12, 0x12, 0x12]

  it('recognises status bytes', () => {
    expect(OK.every(isEscPosStatusByte)).toBe(true)
    expect(isEscPosStatusByte(0x00)).toBe(false)
    expect(isEscPosStatusByte(0x93)).toBe(false)
    expect(parseEscPosStatus([0x41, 0x42, 0x43, 0x44])).toBeNull()
    expect(parseEscPosStatus([0x16, 0x12])).toBeNull()
  })

  it.each([
    [OK, 'READY', 'OK'],
    [[0x16, 0x12, 0x12, 0x1e], 'READY', 'MEDIA_LOW'], // near-end bits 2-3
    [[0x1e, 0x32, 0x12, 0x72], 'UNAVAILABLE', 'MEDIA_EMPTY'], // paper end bits 5-6, offline
    [[0x1e, 0x16, 0x12, 0x12], 'UNAVAILABLE', 'COVER_OPEN'],
    [[0x1e, 0x52, 0x1a, 0x12], 'UNAVAILABLE', 'JAMMED'], // auto-cutter error
    [[0x1e, 0x52, 0x32, 0x12], 'UNAVAILABLE', 'HARDWARE_ERROR'], // unrecoverable
    [[0x1e, 0x12, 0x12, 0x12], 'UNAVAILABLE', 'OFFLINE'],
  ])('%j → %s %s', (bytes, state, code) => {
    const parsed = parseEscPosStatus(bytes)
    expect(parsed).not.toBeNull()
    expect(statusFromEscPos('receiptPrinter', parsed!, at)).toMatchObject({ state, code })
  })

  it('names the flags for staff', () => {
    const s = statusFromEscPos('receiptPrinter', parseEscPosStatus([0x16, 0x12, 0x12, 0x1e])!, at)
    expect(s.detail).toBe('escpos: paperNearEnd')
  })
})
