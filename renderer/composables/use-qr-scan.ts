/**
 * Reads QR codes from a live `<video>` (the camera stream the face check also uses): every
 * `intervalMs` the current frame is drawn on a small canvas and handed to jsQR. The first code
 * the caller accepts stops the loop and is reported; everything else (no code, a code of some
 * other document) is ignored and the loop goes on. The canvas never enters the DOM and is cleared
 * when the loop stops, so no frame outlives the scan; the loop stops with the caller's scope.
 */
import { tryOnScopeDispose, useIntervalFn } from '@vueuse/core'
import jsQR from 'jsqr'
import { readonly, ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue'

/** Decodes one RGBA frame; jsQR's shape, replaceable in tests. */
export type QrDecoder = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null

export interface UseQrScanOptions {
  /** The video showing the camera stream; frames are read while it has one. */
  video: MaybeRefOrGetter<HTMLVideoElement | null | undefined>
  /** Which decoded texts this screen takes; a refused one leaves the loop running. */
  accept: (text: string) => boolean
  /** Called once with the accepted text; the loop has stopped by then. */
  onCode: (text: string) => void
  /** Time between two frames, in ms. Default 200 (a few tries a second, little CPU). */
  intervalMs?: number
  /**
   * Width the frame is scaled to before decoding, in pixels. Default 480: a receipt's QR held
   * up to the camera stays readable, and a smaller image decodes several times faster.
   */
  scanWidth?: number
  /** For tests. Default jsQR (without the inverted pass: receipts print dark on light). */
  decode?: QrDecoder
  /** For tests. Default `document.createElement('canvas')`. */
  createCanvas?: () => HTMLCanvasElement
}

export interface UseQrScanReturn {
  /** Whether frames are being read. */
  scanning: Readonly<Ref<boolean>>
  /** Starts (or restarts) reading frames. */
  start(): void
  /** Stops reading frames and drops the canvas's pixels. */
  stop(): void
}

const jsqrDecode: QrDecoder = (data, width, height) =>
  jsQR(data, width, height, { inversionAttempts: 'dontInvert' })

/** QR reading from a video element; see the file header. */
export function useQrScan(options: UseQrScanOptions): UseQrScanReturn {
  const { intervalMs = 200, scanWidth = 480, decode = jsqrDecode } = options
  const createCanvas = options.createCanvas ?? (() => document.createElement('canvas'))
  const scanning = ref(false)
  let canvas: HTMLCanvasElement | null = null

  function frameText(): string | null {
    const video = toValue(options.video)
    if (!video || video.videoWidth === 0 || video.videoHeight === 0) return null
    canvas ??= createCanvas()
    const scale = Math.min(1, scanWidth / video.videoWidth)
    const width = Math.max(1, Math.round(video.videoWidth * scale))
    const height = Math.max(1, Math.round(video.videoHeight * scale))
    if (canvas.width !== width) canvas.width = width
    if (canvas.height !== height) canvas.height = height
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) return null
    context.drawImage(video, 0, 0, width, height)
    const image = context.getImageData(0, 0, width, height)
    return decode(image.data, width, height)?.data ?? null
  }

  const loop = useIntervalFn(
    () => {
      const text = frameText()
      if (text === null || !options.accept(text)) return
      stop()
      options.onCode(text)
    },
    intervalMs,
    { immediate: false },
  )

  function start(): void {
    scanning.value = true
    loop.resume()
  }

  function stop(): void {
    loop.pause()
    scanning.value = false
    if (canvas) canvas.width = 0 // drop the pixels
    canvas = null
  }

  tryOnScopeDispose(stop)
  return { scanning: readonly(scanning), start, stop }
}
