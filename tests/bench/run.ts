/**
 * `npm run bench`: every benchmark, one table. Each bench module exports a `run…Bench()` that returns
 * rows of figures; this runner prints them together with their targets and whether each was met.
 * Benches run one after another (never in parallel) so they do not disturb each other's timings.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export interface BenchRow {
  name: string
  value: number
  unit: string
  /** What the issue asks for, in the same unit (or as a ratio). */
  target?: number
  /** `max`: value must be ≤ target (default); `min`: ≥ target. */
  targetKind?: 'max' | 'min'
  note?: string
}

const BENCHES: { file: string; fn: string; title: string }[] = [
  { file: 'startup.bench.ts', fn: 'runStartupBench', title: 'renderer start-up' },
  { file: 'interaction.bench.ts', fn: 'runInteractionBench', title: 'touch → answer' },
  { file: 'store-append.bench.ts', fn: 'runStoreAppendBench', title: 'store durable append' },
  { file: 'sync.bench.ts', fn: 'runSyncBench', title: 'sync pull/push' },
  { file: 'print.bench.ts', fn: 'runPrintBench', title: 'printing' },
  { file: 'fleet.bench.ts', fn: 'runFleetBench', title: 'fleet service load' },
]

function normalise(row: Record<string, unknown>): BenchRow {
  return {
    name: String(row.name ?? row.label ?? '?'),
    value: Number(row.value ?? row.median ?? row.ms ?? NaN),
    unit: String(row.unit ?? ''),
    target: row.target === undefined ? undefined : Number(row.target),
    targetKind: row.targetKind === 'min' ? 'min' : 'max',
    note: row.note === undefined ? undefined : String(row.note),
  }
}

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  if (Math.abs(n) >= 100) return n.toFixed(0)
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(2)
}

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const rows: (BenchRow & { bench: string })[] = []
  let failures = 0
  for (const bench of BENCHES) {
    if (only.length > 0 && !only.some((o) => bench.file.startsWith(o))) continue
    const path = join(__dirname, bench.file)
    if (!existsSync(path)) continue
    process.stderr.write(`bench: ${bench.title}…\n`)
    try {
      const mod = (await import(path)) as Record<string, () => Promise<Record<string, unknown>[]>>
      for (const row of await mod[bench.fn]()) rows.push({ bench: bench.title, ...normalise(row) })
    } catch (err) {
      failures++
      process.stderr.write(`bench ${bench.title} failed: ${String((err as Error)?.stack ?? err)}\n`)
    }
  }
  const header = ['bench', 'figure', 'value', 'unit', 'target', 'met', 'note']
  const lines = rows.map((r) => {
    const met =
      r.target === undefined
        ? ''
        : (r.targetKind === 'min' ? r.value >= r.target : r.value <= r.target)
          ? 'yes'
          : 'NO'
    return [
      r.bench,
      r.name,
      format(r.value),
      r.unit,
      r.target === undefined ? '' : `${r.targetKind === 'min' ? '≥' : '≤'} ${format(r.target)}`,
      met,
      r.note ?? '',
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const print = (cells: string[]) =>
    console.log('| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |')
  print(header)
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
  for (const line of lines) print(line)
  if (failures > 0) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
