/**
 * Receipt model → ESC/POS bytes for an 80 mm thermal printer: 48 characters a line, Chinese in
 * GB18030 (FS & Kanji mode, as Chinese ESC/POS printers expect), a QR code and a partial cut
 * (GS V). receiptline does the layout and the commands; iconv-lite (inside receiptline) does the
 * GB18030 encoding.
 */
import { commands, transform, type BaseCommand, type QRCode } from 'receiptline'
import { Receipt, type ReceiptInput } from '../../../shared/receipt'
import {
  RECEIPT_CHARS_PER_LINE,
  receiptToMarkdown,
  type ReceiptMarkdownOptions,
} from './receipt-markdown'

/** Options for {@link renderReceiptEscPos}. */
export interface EscPosOptions extends ReceiptMarkdownOptions {
  /** Characters per line; 48 for 80 mm paper, 32 for 58 mm. */
  charsPerLine?: number
  /** Cut the paper at the end. Default true. */
  cut?: boolean
  /**
   * `native` (default): the printer draws the QR code from its data (GS ( k), sharp and a few dozen
   * bytes. `raster`: receiptline draws it as a bitmap, for old printers without a QR generator.
   */
  qr?: 'native' | 'raster'
}

const QR_LEVEL: Record<QRCode['level'], number> = { l: 48, m: 49, q: 50, h: 51 }

/** One `GS ( k` function: pL pH cn fn [parameters]. */
function gsParenK(fn: number, params: string): string {
  const length = params.length + 2
  return '\x1d(k' + String.fromCharCode(length & 0xff, length >> 8, 0x31, fn) + params
}

/**
 * The ESC/POS QR sequence (model 2, cell size, error correction, store, print). receiptline 4
 * rasterises QR codes on every ESC/POS command set, so this replaces its `qrcode`. The data is
 * UTF-8, which is what phone scanners assume.
 */
function nativeQrCode(symbol: QRCode): string {
  const data = Buffer.from(symbol.data, 'utf8').toString('latin1')
  if (data.length === 0 || data.length > 7089) return ''
  return (
    gsParenK(0x41, '\x32\x00') +
    gsParenK(0x43, String.fromCharCode(Math.min(Math.max(symbol.cell, 1), 16))) +
    gsParenK(0x45, String.fromCharCode(QR_LEVEL[symbol.level])) +
    gsParenK(0x50, '\x30' + data) +
    gsParenK(0x51, '\x30')
  )
}

function commandSet(qr: 'native' | 'raster'): BaseCommand {
  const base = commands.escpos
  return qr === 'native' ? { ...base, qrcode: nativeQrCode } : base
}

/**
 * Renders a receipt to the raw bytes the printer takes. The input is parsed with the schema first,
 * so an unmasked ID number can never reach the paper (throws a ZodError on invalid input).
 */
export function renderReceiptEscPos(input: ReceiptInput, options: EscPosOptions = {}): Uint8Array {
  const receipt = Receipt.parse(input)
  const output = transform(receiptToMarkdown(receipt, options), {
    command: commandSet(options.qr ?? 'native'),
    encoding: 'gb18030',
    cpl: options.charsPerLine ?? RECEIPT_CHARS_PER_LINE,
    cutting: options.cut ?? true,
    spacing: true,
    // false: text, barcodes and 2D codes are sharp black and white, not dithered like photos.
    gradient: false,
  })
  // receiptline returns a "binary" string: one char per byte, already GB18030-encoded.
  return new Uint8Array(Buffer.from(output, 'latin1'))
}
