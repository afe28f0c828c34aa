/**
 * The receipt model as a ReceiptLine document (receipt markdown, https://receiptline.github.io).
 * One layout for both targets: ESC/POS bytes for the printer and SVG for the on-screen preview, so
 * the preview shows what will come out of the printer.
 */
import { OUTCOME_WORDS, type Receipt } from '../../../shared/receipt'

/** Receipt paper: 80 mm at 48 characters a line (Font A, 12 dots per character, 576 dots). */
export const RECEIPT_CHARS_PER_LINE = 48

// Control characters would be dropped by receiptline anyway; line breaks would break the table.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]+/g

/** Escapes text so that receipt markdown's special characters print as themselves. */
export function escapeReceiptText(text: string): string {
  const flat = text.replace(CONTROL_CHARS, ' ')
  return flat.replace(/[\\|{}\-=~_"`^]/g, (c) => '\\' + c)
}

/** Escapes a property value (the QR payload): here `:` is fine but `;` separates properties. */
export function escapePropertyValue(text: string): string {
  return text.replace(CONTROL_CHARS, ' ').replace(/[\\|{};]/g, (c) => '\\' + c)
}

/** Shows ISO time as the hall's local wall-clock time (`2025-03-01 14:05:09`), in a fixed zone. */
export function formatReceiptTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`
}

const REFERENCE_LABEL = { application: '申请编号', ticket: '受理编号' } as const

/** Options for {@link receiptToMarkdown}. */
export interface ReceiptMarkdownOptions {
  /** IANA zone the time is printed in; the halls are in China. Default `Asia/Shanghai`. */
  timeZone?: string
}

/**
 * Lays a receipt out as receipt markdown: title, hall, outcome, reference, detail lines, QR,
 * footer. The paper cut is added by the printer options (`cutting`), not by the document.
 */
export function receiptToMarkdown(receipt: Receipt, options: ReceiptMarkdownOptions = {}): string {
  const e = escapeReceiptText
  const pair = (label: string, value: string) => `|${e(label)} | ${e(value)}|`
  const lines: string[] = [
    `^^"${e(receipt.title)}"`,
    e(receipt.hall),
    '-',
    '{width:14,*}',
    pair('办理时间', formatReceiptTime(receipt.issuedAt, options.timeZone)),
    pair('终端编号', receipt.terminalId),
  ]
  if (receipt.holder.name) lines.push(pair('姓名', receipt.holder.name))
  if (receipt.holder.idNumber) lines.push(pair('证件号码', receipt.holder.idNumber))
  lines.push(pair('办理结果', OUTCOME_WORDS[receipt.outcome]))
  if (receipt.reference)
    lines.push(pair(REFERENCE_LABEL[receipt.reference.kind], receipt.reference.number))
  for (const line of receipt.lines) lines.push(pair(line.label, line.value))
  lines.push('{width:*}')
  if (receipt.outcomeNote) lines.push('-', `|${e(receipt.outcomeNote)}`)
  if (receipt.qrPayload) {
    lines.push('-', `{code:${escapePropertyValue(receipt.qrPayload)};option:qrcode,6,m}`)
    lines.push('扫码查询办理进度')
  }
  if (receipt.footer) lines.push('-', e(receipt.footer))
  lines.push('')
  return lines.join('\n')
}
