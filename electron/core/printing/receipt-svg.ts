/**
 * Receipt model → SVG, for the on-screen preview and the supervisor's reprint view. Same layout as
 * the printed receipt (receipt-markdown.ts); the SVG names a CJK font family so the renderer's
 * webfont (or the system's) draws the Chinese.
 */
import { transform } from 'receiptline'
import { Receipt, type ReceiptInput } from '../../../shared/receipt'
import {
  RECEIPT_CHARS_PER_LINE,
  receiptToMarkdown,
  type ReceiptMarkdownOptions,
} from './receipt-markdown'

/** Options for {@link renderReceiptSvg}. */
export interface ReceiptSvgOptions extends ReceiptMarkdownOptions {
  charsPerLine?: number
}

/** Renders a receipt to a standalone SVG document (a string). Throws a ZodError on invalid input. */
export function renderReceiptSvg(input: ReceiptInput, options: ReceiptSvgOptions = {}): string {
  const receipt = Receipt.parse(input)
  return transform(receiptToMarkdown(receipt, options), {
    command: 'svg',
    encoding: 'gb18030',
    cpl: options.charsPerLine ?? RECEIPT_CHARS_PER_LINE,
    spacing: true,
  })
}
