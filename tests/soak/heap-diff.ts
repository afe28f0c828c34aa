/**
 * Where did the renderer heap grow? Takes a V8 heap snapshot through CDP and counts objects by
 * kind and constructor; the difference of two such counts (baseline after warm-up, end of the run)
 * names what accumulates (`npm run soak -- --snapshots`).
 */
import type { CDPSession } from '@playwright/test'

export interface HeapCensus {
  /** `${type}:${name}` → count and bytes (self size). */
  groups: Map<string, { count: number; bytes: number }>
  totalBytes: number
}

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
  strings: string[]
}

/** Takes a heap snapshot of the page (after GC, which the snapshot does itself) and counts it. */
export async function heapCensus(cdp: CDPSession): Promise<HeapCensus> {
  const chunks: string[] = []
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  return censusOf(chunks.join(''))
}

/** Counts a `.heapsnapshot` (V8's JSON format, from a page or a Node process). */
export function censusOf(text: string): HeapCensus {
  const json = JSON.parse(text) as SnapshotJson
  const fields = json.snapshot.meta.node_fields
  const types = json.snapshot.meta.node_types[0]
  const width = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const groups = new Map<string, { count: number; bytes: number }>()
  let totalBytes = 0
  for (let i = 0; i < json.nodes.length; i += width) {
    const type = types[json.nodes[i + typeAt]!] ?? '?'
    const rawName = json.strings[json.nodes[i + nameAt]!] ?? ''
    // Strings and numbers are named by their value: group them by kind, not by content.
    const name =
      type === 'string' || type === 'concatenated string' || type === 'sliced string'
        ? '(string)'
        : type === 'number' || type === 'hidden' || type === 'code'
          ? `(${type})`
          : rawName.slice(0, 60)
    const key = `${type}:${name}`
    const bytes = json.nodes[i + sizeAt]!
    totalBytes += bytes
    const group = groups.get(key) ?? { count: 0, bytes: 0 }
    group.count++
    group.bytes += bytes
    groups.set(key, group)
  }
  return { groups, totalBytes }
}

/**
 * The groups that grew most in bytes from `before` to `after`: per kind (`type:*`, all of a kind
 * together), then the JS groups alone (compiled code and Blink's native objects would otherwise
 * fill the list; the kinds show their share).
 */
export function censusGrowth(
  before: HeapCensus,
  after: HeapCensus,
  top = 15,
): Array<{ group: string; count: number; bytes: number }> {
  const byKind = (census: HeapCensus) => {
    const kinds = new Map<string, { count: number; bytes: number }>()
    for (const [key, value] of census.groups) {
      const kind = `${key.slice(0, key.indexOf(':'))}:*`
      const sum = kinds.get(kind) ?? { count: 0, bytes: 0 }
      sum.count += value.count
      sum.bytes += value.bytes
      kinds.set(kind, sum)
    }
    return kinds
  }
  const diff = (a: Map<string, { count: number; bytes: number }>, b: typeof a) =>
    [...new Set([...a.keys(), ...b.keys()])].map((group) => {
      const x = a.get(group) ?? { count: 0, bytes: 0 }
      const y = b.get(group) ?? { count: 0, bytes: 0 }
      return { group, count: y.count - x.count, bytes: y.bytes - x.bytes }
    })
  const kinds = diff(byKind(before), byKind(after)).sort((x, y) => y.bytes - x.bytes)
  const js = diff(before.groups, after.groups)
    .filter((g) => !/^(native|code|hidden|synthetic):/.test(g.group))
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top)
  return [...kinds, ...js]
}

/** The groups that grew most in bytes, all kinds mixed. */
export function rawCensusGrowth(
  before: HeapCensus,
  after: HeapCensus,
  top = 15,
): Array<{ group: string; count: number; bytes: number }> {
  const keys = new Set([...before.groups.keys(), ...after.groups.keys()])
  return [...keys]
    .map((group) => {
      const a = before.groups.get(group) ?? { count: 0, bytes: 0 }
      const b = after.groups.get(group) ?? { count: 0, bytes: 0 }
      return { group, count: b.count - a.count, bytes: b.bytes - a.bytes }
    })
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top)
}
