/**
 * The receipt's QR code read from camera frames (renderer/composables/use-qr-scan.ts) with the real
 * jsQR on a real QR code rendered by `qrcode`: only the video and canvas are stubbed (happy-dom has
 * no camera and no pixels). A frame is read every 200 ms; another document's QR is ignored and the
 * loop goes on; the receipt's QR is reported once and the loop stops; the scope's end stops it. On
 * the status screen a scanner burst of a receipt's QR (an application's or a feedback ticket's)
 * fills the number and asks for the last 4.
 */
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import QRCode from 'qrcode'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, shallowRef } from 'vue'
import { parseReceiptQr } from '../../shared/domain/scanned-code'
import { useQrScan } from '../../renderer/composables/use-qr-scan'
import FundStatusScreen from '../../renderer/screens/fund/FundStatusScreen.vue'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp } from './support/kiosk-app'

const RECEIPT = 'GJJ-APP:Q202606120017'

/** A grey frame of `width`×`height` RGBA with `text`'s QR code painted dark on light in its middle. */
function frameWithQr(text: string, width = 640, height = 480): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4).fill(200)
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const cell = 8
  const quiet = 4 * cell
  const left = Math.floor((width - size * cell) / 2)
  const top = Math.floor((height - size * cell) / 2)
  for (let y = top - quiet; y < top + size * cell + quiet; y++) {
    for (let x = left - quiet; x < left + size * cell + quiet; x++) {
      const row = Math.floor((y - top) / cell)
      const col = Math.floor((x - left) / cell)
      const inside = row >= 0 && col >= 0 && row < size && col < size
      const dark = inside && qr.modules.get(row, col) === 1
      const i = (y * width + x) * 4
      rgba.fill(dark ? 0 : 255, i, i + 3)
    }
  }
  return rgba
}

/** The camera's current picture, as the stubbed canvas hands it to the decoder. */
let picture: Uint8ClampedArray
let draws = 0
const video = { videoWidth: 640, videoHeight: 480 } as HTMLVideoElement
const canvas = () =>
  ({
    width: 0,
    height: 0,
    getContext: () => ({
      drawImage: () => void draws++,
      getImageData: (_x: number, _y: number, w: number, h: number) => {
        expect([w, h]).toEqual([480, 360]) // scaled down before decoding
        return { data: scaled(picture, 640, 480, w, h) }
      },
    }),
  }) as unknown as HTMLCanvasElement

/** Nearest-neighbour scaling, as the canvas's drawImage does to the real frame. */
function scaled(src: Uint8ClampedArray, sw: number, sh: number, w: number, h: number) {
  const out = new Uint8ClampedArray(w * h * 4)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (Math.floor((y * sh) / h) * sw + Math.floor((x * sw) / w)) * 4
      out.set(src.subarray(s, s + 4), (y * w + x) * 4)
    }
  }
  return out
}

beforeEach(() => {
  vi.useFakeTimers()
  draws = 0
})
afterEach(() => vi.useRealTimers())
enableAutoUnmount(afterEach)

describe('useQrScan', () => {
  it('reads frames every 200 ms, ignores other codes, reports the receipt once, then stops', () => {
    const codes: string[] = []
    const scope = effectScope()
    const scan = scope.run(() =>
      useQrScan({
        video: shallowRef(video),
        accept: (text) => parseReceiptQr(text) !== null,
        onCode: (text) => codes.push(text),
        createCanvas: canvas,
      }),
    )!
    picture = frameWithQr('https://example.com/not-a-receipt')
    scan.start()
    vi.advanceTimersByTime(199)
    expect(draws).toBe(0)
    vi.advanceTimersByTime(1)
    expect(draws).toBe(1)
    vi.advanceTimersByTime(400) // another document's QR: still looking
    expect(draws).toBe(3)
    expect(codes).toEqual([])
    expect(scan.scanning.value).toBe(true)

    picture = frameWithQr(RECEIPT)
    vi.advanceTimersByTime(200)
    expect(codes).toEqual([RECEIPT])
    expect(scan.scanning.value).toBe(false)
    vi.advanceTimersByTime(2000) // stopped: no more frames, no second report
    expect(draws).toBe(4)
    expect(codes).toEqual([RECEIPT])
    scope.stop()
  })

  it('stops reading when its scope ends (the screen is left)', () => {
    const scope = effectScope()
    const onCode = vi.fn()
    const scan = scope.run(() =>
      useQrScan({ video, accept: () => true, onCode, createCanvas: canvas }),
    )!
    picture = new Uint8ClampedArray(640 * 480 * 4).fill(128) // no code in view
    scan.start()
    vi.advanceTimersByTime(200)
    expect(draws).toBe(1)
    scope.stop()
    picture = frameWithQr(RECEIPT)
    vi.advanceTimersByTime(2000)
    expect(draws).toBe(1)
    expect(onCode).not.toHaveBeenCalled()
  })
})

describe('status screen and a hand-held scanner', () => {
  it('fills the number from a scanned receipt QR and asks for the last 4', async () => {
    const ctx = createKioskTestApp(createFakeKioskApi({}))
    const wrapper = mount(FundStatusScreen, ctx.mountOptions)
    await flushPromises()
    for (const char of 'gjj-app:q202606120017\n') {
      vi.advanceTimersByTime(5)
      const key = char === '\n' ? 'Enter' : char
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
    }
    await flushPromises()
    expect(wrapper.find('[data-testid="status-number"]').text()).toContain('Q202606120017')
    expect(wrapper.find('[data-testid="status-last4"]').classes()).toContain('fund-field--active')
    expect(wrapper.find('[data-testid="status-scanned"]').text()).toContain('Q202606120017')
    for (const key of '3417') await wrapper.find(`[data-testid="key-${key}"]`).trigger('click')
    await wrapper.find('[data-testid="status-submit"]').trigger('click')
    await flushPromises()
    expect(ctx.api.callsOf('fund.applicationStatus')).toEqual([
      { number: 'Q202606120017', idLast4: '3417' },
    ])
  })

  it('takes a feedback ticket from its receipt QR and looks it up with the last 4', async () => {
    const ctx = createKioskTestApp(createFakeKioskApi({}))
    const wrapper = mount(FundStatusScreen, ctx.mountOptions)
    await flushPromises()
    for (const char of 'fk20261120-7kq2mz\n') {
      vi.advanceTimersByTime(5)
      const key = char === '\n' ? 'Enter' : char
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
    }
    await flushPromises()
    expect(wrapper.find('[data-testid="status-number"]').text()).toContain('FK20261120-7KQ2MZ')
    expect(wrapper.find('[data-testid="status-scanned"]').text()).toContain('FK20261120-7KQ2MZ')
    for (const key of '3417') await wrapper.find(`[data-testid="key-${key}"]`).trigger('click')
    await wrapper.find('[data-testid="status-submit"]').trigger('click')
    await flushPromises()
    expect(ctx.api.callsOf('fund.applicationStatus')).toEqual([
      { number: 'FK20261120-7KQ2MZ', idLast4: '3417' },
    ])
  })
})
