/**
 * The soak run's figures: the samples table, the verdicts against `TARGETS`, and a small
 * hand-written SVG chart (one panel per measure, growth against session count).
 */

export interface Sample {
  /** Sessions completed when the sample was taken (0 = fresh attract screen). */
  session: number
  /** Renderer JS heap in use after a forced GC, bytes. */
  heapBytes: number
  /**
   * DOM nodes alive in the renderer after GC (CDP Performance.getMetrics `Nodes`): the page's
   * nodes plus any detached ones something still holds.
   */
  nodes: number
  /** Nodes in the document itself (a tree walk): `nodes` minus this is what is held detached. */
  documentNodes?: number
  /** JS event listeners in the renderer (CDP `JSEventListeners`). */
  listeners: number
  /** Web host process RSS (core + bundled central in one process) after a full GC in it, bytes. */
  rssBytes: number
  /** The web host's JS heap in use after that GC, bytes. */
  coreHeapBytes?: number
  /** Seconds since the run started. */
  elapsedSeconds: number
  /**
   * On disk, bytes: the terminal's store (snapshot + journal) and logs, and the bundled centre's
   * state file. They grow with the data by design (audit, outbox, receipts; the centre keeps every
   * application), which is what the RSS growth should be read against.
   */
  disk?: { store: number; logs: number; central: number }
}

export interface Targets {
  heapGrowthMb: number
  rssGrowthMb: number
}

export const TARGETS: Targets = { heapGrowthMb: 5, rssGrowthMb: 30 }

export interface Verdict {
  name: string
  first: string
  last: string
  growth: string
  target: string
  pass: boolean
}

const MB = 1024 * 1024
const mb = (bytes: number) => bytes / MB
const fixed = (n: number, digits = 2) => n.toFixed(digits)
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`

export function samplesTable(samples: readonly Sample[]): string {
  const header = [
    'session',
    'heap MB',
    'nodes',
    'in doc',
    'listeners',
    'host RSS MB',
    'host heap MB',
  ]
  header.push('store KiB')
  header.push('central KiB', 'elapsed')
  const kib = (bytes: number | undefined) =>
    bytes === undefined ? '—' : String(Math.round(bytes / 1024))
  const rows = samples.map((s) => [
    String(s.session),
    fixed(mb(s.heapBytes)),
    String(s.nodes),
    s.documentNodes === undefined ? '—' : String(s.documentNodes),
    String(s.listeners),
    fixed(mb(s.rssBytes), 1),
    s.coreHeapBytes === undefined ? '—' : fixed(mb(s.coreHeapBytes), 1),
    kib(s.disk?.store),
    kib(s.disk?.central),
    `${Math.round(s.elapsedSeconds)} s`,
  ])
  return table([header, ...rows])
}

/** Left-aligned first column, right-aligned figures. */
export function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)))
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    )
    .join('\n')
}

/** Least-squares slope of y against x (per unit x). */
export function slope(points: ReadonlyArray<[number, number]>): number {
  if (points.length < 2) return 0
  const n = points.length
  const mx = points.reduce((s, p) => s + p[0], 0) / n
  const my = points.reduce((s, p) => s + p[1], 0) / n
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0)
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0)
  return sxx === 0 ? 0 : sxy / sxx
}

/**
 * Verdicts from the baseline (the first sample after warm-up, when every screen has been loaded
 * once) to the last sample: heap growth, DOM nodes and listeners back to the attract count, RSS.
 */
export function verdicts(baseline: Sample, last: Sample, targets: Targets = TARGETS): Verdict[] {
  const heapGrowth = mb(last.heapBytes - baseline.heapBytes)
  const rssGrowth = mb(last.rssBytes - baseline.rssBytes)
  return [
    {
      name: 'renderer heap (after GC)',
      first: `${fixed(mb(baseline.heapBytes))} MB`,
      last: `${fixed(mb(last.heapBytes))} MB`,
      growth: `${heapGrowth >= 0 ? '+' : ''}${fixed(heapGrowth)} MB`,
      target: `≤ ${targets.heapGrowthMb} MB`,
      pass: heapGrowth <= targets.heapGrowthMb,
    },
    {
      // The document's own nodes: CDP's live count also holds a few detached nodes that come and
      // go between samples (176/179 in the soak run with an identical attract DOM), not growth.
      name: 'DOM nodes at attract (document)',
      first: String(baseline.documentNodes ?? baseline.nodes),
      last: `${last.documentNodes ?? last.nodes} (live ${last.nodes})`,
      growth: signed(
        (last.documentNodes ?? last.nodes) - (baseline.documentNodes ?? baseline.nodes),
      ),
      target: `≤ ${baseline.documentNodes ?? baseline.nodes} (attract)`,
      pass: (last.documentNodes ?? last.nodes) <= (baseline.documentNodes ?? baseline.nodes),
    },
    {
      name: 'JS event listeners',
      first: String(baseline.listeners),
      last: String(last.listeners),
      growth: `${last.listeners - baseline.listeners >= 0 ? '+' : ''}${last.listeners - baseline.listeners}`,
      target: `≤ ${baseline.listeners} (attract)`,
      pass: last.listeners <= baseline.listeners,
    },
    {
      name: 'web host RSS (core + central)',
      first: `${fixed(mb(baseline.rssBytes), 1)} MB`,
      last: `${fixed(mb(last.rssBytes), 1)} MB`,
      growth: `${rssGrowth >= 0 ? '+' : ''}${fixed(rssGrowth, 1)} MB`,
      target: `≤ ${targets.rssGrowthMb} MB`,
      pass: rssGrowth <= targets.rssGrowthMb,
    },
  ]
}

export function verdictTable(list: readonly Verdict[]): string {
  return table([
    ['measure', 'baseline', 'last', 'growth', 'target', 'verdict'],
    ...list.map((v) => [v.name, v.first, v.last, v.growth, v.target, v.pass ? 'PASS' : 'FAIL']),
  ])
}

interface Panel {
  title: string
  unit: string
  value: (s: Sample) => number
  /** A dashed line: the ceiling the target allows. */
  limit?: number
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * Small panels side by side (heap MB, DOM nodes, listeners, RSS MB, the host's JS heap when it was
 * measured) against session count,
 * with the warm-up boundary and each target's ceiling as dashed lines.
 */
export function chartSvg(
  samples: readonly Sample[],
  baseline: Sample,
  options: { title: string; targets?: Targets },
): string {
  const targets = options.targets ?? TARGETS
  const panels: Panel[] = [
    {
      title: 'renderer JS heap after GC',
      unit: 'MB',
      value: (s) => mb(s.heapBytes),
      limit: mb(baseline.heapBytes) + targets.heapGrowthMb,
    },
    { title: 'DOM nodes at attract', unit: '', value: (s) => s.nodes, limit: baseline.nodes },
    { title: 'JS event listeners', unit: '', value: (s) => s.listeners, limit: baseline.listeners },
    {
      title: 'web host RSS (core + central)',
      unit: 'MB',
      value: (s) => mb(s.rssBytes),
      limit: mb(baseline.rssBytes) + targets.rssGrowthMb,
    },
  ]
  if (samples.every((s) => s.coreHeapBytes !== undefined)) {
    panels.push({
      title: 'web host JS heap after GC',
      unit: 'MB',
      value: (s) => mb(s.coreHeapBytes!),
    })
  }
  const W = 300
  const H = 220
  const pad = { left: 48, right: 12, top: 28, bottom: 34 }
  const maxSession = Math.max(1, ...samples.map((s) => s.session))
  const parts: string[] = []
  panels.forEach((panel, index) => {
    const ox = index * W
    const values = samples.map(panel.value)
    let lo = Math.min(...values, panel.limit ?? Infinity)
    let hi = Math.max(...values, panel.limit ?? -Infinity)
    if (hi - lo < 1e-9) {
      lo -= 1
      hi += 1
    }
    const margin = (hi - lo) * 0.08
    lo -= margin
    hi += margin
    const x = (session: number) =>
      ox + pad.left + (session / maxSession) * (W - pad.left - pad.right)
    const y = (v: number) => pad.top + (1 - (v - lo) / (hi - lo)) * (H - pad.top - pad.bottom)
    const points = samples.map((s) => `${x(s.session).toFixed(1)},${y(panel.value(s)).toFixed(1)}`)
    const label = (v: number) => (panel.unit === 'MB' ? v.toFixed(1) : String(Math.round(v)))
    parts.push(
      `<g>`,
      `<text x="${ox + W / 2}" y="16" text-anchor="middle" font-size="12" font-weight="bold">${escapeXml(panel.title)}${panel.unit ? ` (${panel.unit})` : ''}</text>`,
      `<rect x="${ox + pad.left}" y="${pad.top}" width="${W - pad.left - pad.right}" height="${H - pad.top - pad.bottom}" fill="none" stroke="#999"/>`,
      `<text x="${ox + pad.left - 4}" y="${pad.top + 4}" text-anchor="end" font-size="10">${label(hi)}</text>`,
      `<text x="${ox + pad.left - 4}" y="${H - pad.bottom}" text-anchor="end" font-size="10">${label(lo)}</text>`,
      `<text x="${ox + pad.left}" y="${H - pad.bottom + 14}" font-size="10">0</text>`,
      `<text x="${ox + W - pad.right}" y="${H - pad.bottom + 14}" text-anchor="end" font-size="10">${maxSession}</text>`,
      `<text x="${ox + (W + pad.left) / 2}" y="${H - 6}" text-anchor="middle" font-size="10">sessions</text>`,
      `<line x1="${x(baseline.session)}" x2="${x(baseline.session)}" y1="${pad.top}" y2="${H - pad.bottom}" stroke="#888" stroke-dasharray="2,3"/>`,
    )
    if (panel.limit !== undefined) {
      parts.push(
        `<line x1="${ox + pad.left}" x2="${ox + W - pad.right}" y1="${y(panel.limit).toFixed(1)}" y2="${y(panel.limit).toFixed(1)}" stroke="#c33" stroke-dasharray="5,4"/>`,
      )
    }
    parts.push(
      `<polyline fill="none" stroke="#1f5fbf" stroke-width="1.8" points="${points.join(' ')}"/>`,
      ...samples.map(
        (s) =>
          `<circle cx="${x(s.session).toFixed(1)}" cy="${y(panel.value(s)).toFixed(1)}" r="1.8" fill="#1f5fbf"/>`,
      ),
      `</g>`,
    )
  })
  const height = H + 24
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * panels.length}" height="${height}" viewBox="0 0 ${W * panels.length} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    `<text x="8" y="${height - 6}" font-size="10" fill="#555">${escapeXml(options.title)} · dotted: end of warm-up (baseline) · red dashed: target ceiling</text>`,
    `</svg>`,
    '',
  ].join('\n')
}
