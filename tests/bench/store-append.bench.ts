// Benchmark: a durable outbox append (journal write + fdatasync + in-memory SQL) against a bare
// fdatasync'd append of the same record bytes, measured in the same run, with a 1 MB and a 50 MB
// database. Targets: store/bare ≤ 2×, and the 50 MB ratio within 1.5× of the 1 MB one —
// a durable write must not cost more as the database grows (sql.js's export() is O(size), so it
// only happens in folds; their amortised cost per append is reported alongside).
//
// Run: node --import tsx tests/bench/store-append.bench.ts
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createOutbox, defaultWasmPath, openStore, type Store } from '../../electron/core/store'

/** One figure, in the shape the `npm run bench` runner prints (tests/bench/run.ts). */
export interface StoreAppendBenchRow {
  name: string
  value: number
  unit: string
  /** What the issue asks for, same unit; the value must be ≤ target. */
  target?: number
  targetKind?: 'max'
  note?: string
}

/** The measurements at one database size. */
interface SizeResult {
  /** Size of the database snapshot the appends ran against, MB. */
  dbMB: number
  /** Bytes one append adds to the journal (and the bare baselines write). */
  recordBytes: number
  /** Median of a bare write + fdatasync of `recordBytes` at the end of a growing file, µs. */
  bareAppendUs: number
  /** The same bare append into zero-filled, preallocated space (as the store's journal does), µs. */
  barePreallocUs: number
  /** Median of a durable `outbox.enqueue` (resolves after fdatasync), µs. */
  storeAppendUs: number
  /** One fold (export, temp file, fsync, rename, fsync folder, reset journal) at this size, ms. */
  foldMs: number
  /** foldMs spread over the appends between two folds (journal ≥ max(1 MiB, snapshot / 2)), µs. */
  foldPerAppendUs: number
}

const APPENDS = Number(process.env.STORE_BENCH_APPENDS ?? 400)
const SIZES_MB = [1, 50]

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits))

/** Fills the store with re-syncable reference data until its snapshot is about `mb` MB. */
async function fillTo(store: Store, mb: number): Promise<void> {
  const blob = 'r'.repeat(16 * 1024)
  let row = 0
  while (store.stats().snapshotBytes < mb * 1024 * 1024 * 0.98) {
    const statements = Array.from({ length: 16 }, () => ({
      sql: 'INSERT INTO reference_items (kind, key, version, data) VALUES (?, ?, 1, ?)',
      params: ['bench', `k${row++}`, blob],
    }))
    await store.write(statements, { sync: false })
    if (store.stats().journalBytes > 4 * 1024 * 1024 || store.stats().snapshotBytes === 0) {
      await store.fold()
    }
  }
}

async function measureAt(mb: number): Promise<SizeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'))
  try {
    const store = await openStore({
      dataDir,
      wasmPath: defaultWasmPath(),
      clock: { now: Date.now },
    })
    await fillTo(store, mb)
    await store.fold()
    const outbox = createOutbox(store)
    const payload = {
      service: 'fund.bind',
      wallet: '****1234',
      account: '****5678',
      note: 'n'.repeat(200),
    }

    // The bare baseline appends exactly the bytes one enqueue adds to the journal.
    const before = store.stats().journalBytes
    await outbox.enqueue({ kind: 'fund.bind', payload, createdAt: Date.now() })
    const recordBytes = store.stats().journalBytes - before
    const record = Buffer.alloc(recordBytes, 0x61)
    const barePath = join(dataDir, 'bare.journal')
    const bareFd = openSync(barePath, 'w')
    const preallocFd = openSync(join(dataDir, 'prealloc.journal'), 'w')
    writeSync(preallocFd, Buffer.alloc(record.length * (APPENDS + 1)))
    fdatasyncSync(preallocFd)
    let bareEnd = 0

    const bare: number[] = []
    const barePrealloc: number[] = []
    const durable: number[] = []
    for (let i = 0; i < APPENDS; i++) {
      // Interleaved so that all three see the same disk and machine load.
      let t = performance.now()
      writeSync(bareFd, record, 0, record.length, bareEnd)
      fdatasyncSync(bareFd)
      bare.push(performance.now() - t)

      t = performance.now()
      writeSync(preallocFd, record, 0, record.length, bareEnd)
      fdatasyncSync(preallocFd)
      barePrealloc.push(performance.now() - t)
      bareEnd += record.length

      t = performance.now()
      await outbox.enqueue({ kind: 'fund.bind', payload: { ...payload, i }, createdAt: Date.now() })
      durable.push(performance.now() - t)
    }
    closeSync(bareFd)
    closeSync(preallocFd)

    const snapshotBytes = store.stats().snapshotBytes
    const t = performance.now()
    await store.fold()
    const foldMs = performance.now() - t
    await store.close()

    const appendsPerFold = Math.max(1024 * 1024, snapshotBytes / 2) / recordBytes
    return {
      dbMB: round(snapshotBytes / 1024 / 1024),
      recordBytes,
      bareAppendUs: median(bare) * 1000,
      barePreallocUs: median(barePrealloc) * 1000,
      storeAppendUs: median(durable) * 1000,
      foldMs,
      foldPerAppendUs: (foldMs * 1000) / appendsPerFold,
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Runs the benchmark at 1 MB and 50 MB (about 10–30 s depending on the disk) and returns one row
 * per figure: the baselines, the store's append, the two target ratios and the fold cost.
 */
export async function runStoreAppendBench(): Promise<StoreAppendBenchRow[]> {
  const results: SizeResult[] = []
  for (const mb of SIZES_MB) results.push(await measureAt(mb))
  const rows: StoreAppendBenchRow[] = []
  for (const r of results) {
    const at = `${r.dbMB} MB db`
    const note = `${r.recordBytes} B record, median of ${APPENDS}`
    rows.push(
      { name: `bare fdatasync'd append (${at})`, value: round(r.bareAppendUs), unit: 'µs', note },
      {
        name: `bare append into preallocated space (${at})`,
        value: round(r.barePreallocUs),
        unit: 'µs',
        note,
      },
      { name: `store durable append (${at})`, value: round(r.storeAppendUs), unit: 'µs', note },
      {
        name: `store / bare append (${at})`,
        value: round(r.storeAppendUs / r.bareAppendUs, 2),
        unit: '×',
        target: 2,
        targetKind: 'max',
        note: `vs preallocated: ${(r.storeAppendUs / r.barePreallocUs).toFixed(2)}×`,
      },
      {
        name: `fold (${at})`,
        value: round(r.foldMs),
        unit: 'ms',
        note: `amortised ${r.foldPerAppendUs.toFixed(1)} µs per append`,
      },
    )
  }
  const [small, large] = results
  if (small && large) {
    rows.push({
      name: `ratio at ${large.dbMB} MB / ratio at ${small.dbMB} MB`,
      value: round(
        large.storeAppendUs / large.bareAppendUs / (small.storeAppendUs / small.bareAppendUs),
        2,
      ),
      unit: '×',
      target: 1.5,
      targetKind: 'max',
    })
  }
  return rows
}

if (process.argv[1]?.endsWith('store-append.bench.ts')) {
  runStoreAppendBench()
    .then((rows) => {
      const met = (row: StoreAppendBenchRow) =>
        row.target === undefined ? '' : row.value <= row.target ? 'yes' : 'NO'
      console.table(
        rows.map((row) => ({
          name: row.name,
          value: row.value,
          unit: row.unit,
          target: row.target === undefined ? '' : `≤ ${row.target}`,
          met: met(row),
          note: row.note ?? '',
        })),
      )
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
