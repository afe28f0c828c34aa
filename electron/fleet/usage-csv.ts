/** The usage table as CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel reads Chinese). */
import type { UsageRow } from './console-store'

const HEADER = [
  'day',
  'hour',
  'service',
  'started',
  'completed',
  'abandoned',
  'abandon_rate',
  'median_seconds',
]

/** Quotes a field when needed; a leading `=`, `+`, `-` or `@` is defused (spreadsheet formulas). */
function field(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (/^[=+\-@]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function usageCsv(rows: UsageRow[]): string {
  const lines = [HEADER.join(',')]
  for (const r of rows) {
    const ended = r.completed + r.abandoned
    lines.push(
      [
        r.day,
        r.hour,
        r.service,
        r.started,
        r.completed,
        r.abandoned,
        ended > 0 ? (r.abandoned / ended).toFixed(3) : null,
        r.medianMs === null ? null : (r.medianMs / 1000).toFixed(1),
      ]
        .map(field)
        .join(','),
    )
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}
