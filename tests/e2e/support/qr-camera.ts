/**
 * A camera that shows one printed QR code: Chromium's fake capture device playing a one-frame
 * Y4M file with the code in its middle (rendered by `qrcode`, dark modules on white paper). Used
 * where a resident or a landlord holds a receipt or a certificate up to the terminal's camera.
 */
import { chromium, type Browser } from '@playwright/test'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import QRCode from 'qrcode'

/** One frame of 640×480 4:2:0 video with `text`'s QR code in its middle, as a Y4M file. */
export function qrVideo(text: string): string {
  const [width, height, cell] = [640, 480, 8]
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const y = Buffer.alloc(width * height, 235) // white paper
  const left = Math.floor((width - size * cell) / 2)
  const top = Math.floor((height - size * cell) / 2)
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.modules.get(row, col) !== 1) continue
      for (let dy = 0; dy < cell; dy++) {
        const start = (top + row * cell + dy) * width + left + col * cell
        y.fill(16, start, start + cell)
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128)
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-e2e-qr-')), 'paper-qr.y4m')
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F1:1 Ip A1:1 C420jpeg\n`),
      Buffer.from('FRAME\n'),
      y,
      chroma,
      chroma,
    ]),
  )
  return file
}

/** Debian's Chromium whose camera shows `text`'s QR code (permission granted, no prompt). */
export function launchWithQrCamera(text: string): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${qrVideo(text)}`,
    ],
  })
}
