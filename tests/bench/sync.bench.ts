// Benchmarks of the sync engine on loopback against the real bundled central service:
//   - pull of 10 000 reference items into an empty terminal cache (one reset snapshot: HTTP,
//     contract validation, one store write with the cursor). Target ≤ 1 s.
//   - push of 1 000 queued applications until the outbox is drained (batches of 50, receipts
//     verified and stored durably). Target ≤ 2 s.
// The centre is given the 10 000 items by writing them into its state file before it starts
// (putReferenceItem saves the whole state once per item, which would make set-up O(n²)).
//
// Run: node --import tsx tests/bench/sync.bench.ts
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCentralServer, type CentralServer } from '../../electron/central/server'
import type { CentralState } from '../../electron/central/state'
import { createCentralClient } from '../../electron/core/central'
import { createOutbox, defaultWasmPath, openStore, type Store } from '../../electron/core/store'
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync'
import { createStatusTracker } from '../../electron/core/terminal/status'
import type { ReferenceItem } from '../../shared/central'

/** One figure, in the shape the `npm run bench` runner prints (tests/bench/run.ts). */
export interface SyncBenchRow {
  name: string
  value: number
  unit: string
  target?: number
  targetKind?: 'max'
  ratio?: number
  note?: string
}

const TERMINAL_ID = 'FZ-GJJ-T001'
const TERMINAL_KEY = 'bench-terminal-key-0123456789'
const EXTRA_ITEMS = 10_000
const PUSH_ITEMS = 1000
const RUNS = 5

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** `n` generated FAQ items, each a realistic size (about 300 bytes of JSON). */
function generatedItems(n: number, firstVersion: number): ReferenceItem[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'faq' as const,
    key: `bench-${String(i).padStart(5, '0')}`,
    version: firstVersion + i,
    data: {
      category: 'service' as const,
      order: 1000 + i,
      question: {
        zh: `第 ${i} 个常见问题：自助终端如何办理业务？`,
        en: `Question ${i}: how do I use the kiosk?`,
      },
      answer: {
        zh: `请按屏幕提示操作，第 ${i} 条答案。如有疑问请联系大厅工作人员。`,
        en: `Follow the prompts on the screen (answer ${i}). Ask the hall staff if in doubt.`,
      },
    },
  }))
}

async function startCentral(dir: string, extraItems: number): Promise<CentralServer> {
  const stateFile = join(dir, 'central-state.json')
  const options = { stateFile, terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY }, demo: true }
  if (extraItems > 0) {
    // First start writes the seeded state; add the generated items to it, then start for real.
    const first = createCentralServer(options)
    await first.start()
    await first.stop()
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as CentralState
    for (const item of generatedItems(extraItems, state.reference.version + 1)) {
      state.reference.items[`${item.kind}:${item.key}`] = item
    }
    state.reference.version += extraItems
    writeFileSync(stateFile, JSON.stringify(state))
  }
  const server = createCentralServer(options)
  await server.start()
  return server
}

async function terminal(
  dir: string,
  url: string,
): Promise<{ store: Store; engine: SyncEngine; close(): Promise<void> }> {
  const store = await openStore({
    dataDir: dir,
    wasmPath: defaultWasmPath(),
    clock: { now: Date.now },
  })
  const outbox = createOutbox(store)
  const engine = createSyncEngine({
    client: createCentralClient({
      baseUrl: url,
      terminalId: TERMINAL_ID,
      terminalKey: TERMINAL_KEY,
      clock: () => new Date(),
      timeoutMs: 30_000,
    }),
    store,
    outbox,
    status: createStatusTracker(() => undefined),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    clock: () => new Date(),
    config: { terminalId: TERMINAL_ID, version: 'bench', demo: true },
    freeDiskBytes: async () => 1,
  })
  return {
    store,
    engine,
    close: async () => {
      await engine.stop()
      await store.close()
    },
  }
}

/** Runs both benches and returns their figures. */
export async function runSyncBench(): Promise<SyncBenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-sync-bench-'))
  const rows: SyncBenchRow[] = []
  try {
    // ---- pull 10 000 ------------------------------------------------------------------------
    mkdirSync(join(root, 'central-pull'))
    const central = await startCentral(join(root, 'central-pull'), EXTRA_ITEMS)
    const pullMs: number[] = []
    let pulledItems = 0
    for (let run = 0; run <= RUNS; run++) {
      const t = await terminal(join(root, `pull-${run}`), central.url!)
      const start = performance.now()
      const report = await t.engine.pullNow()
      const elapsed = performance.now() - start
      if (report.outcome !== 'applied') throw new Error(`pull ${run}: ${report.outcome}`)
      pulledItems = t.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM reference_items')!.n
      if (run > 0) pullMs.push(elapsed) // run 0 warms up JIT, sql.js and the connection pool
      await t.close()
    }
    await central.stop()
    const pull = median(pullMs)
    rows.push({
      name: `pull ${pulledItems} reference items (reset snapshot)`,
      value: pull,
      unit: 'ms',
      target: 1000,
      targetKind: 'max',
      ratio: pull / 1000,
      note: `median of ${RUNS}; min ${Math.min(...pullMs).toFixed(0)}, max ${Math.max(...pullMs).toFixed(0)}`,
    })

    // ---- push 1 000 -------------------------------------------------------------------------
    const pushMs: number[] = []
    const enqueueMs: number[] = []
    for (let run = 0; run <= RUNS - 2; run++) {
      const centralDir = join(root, `central-push-${run}`)
      mkdirSync(centralDir)
      const pushCentral = await startCentral(centralDir, 0)
      const t = await terminal(join(root, `push-${run}`), pushCentral.url!)
      const outbox = createOutbox(t.store)
      const enqueueStart = performance.now()
      for (let i = 0; i < PUSH_ITEMS; i++) {
        await outbox.enqueue({
          kind: 'feedback',
          payload: {
            category: 'suggestion',
            text: `bench item ${i} — 请保持大厅整洁`,
            service: 'bench',
          },
          createdAt: Date.now(),
        })
      }
      const enqueued = performance.now() - enqueueStart
      const start = performance.now()
      const report = await t.engine.pushNow()
      const elapsed = performance.now() - start
      if (!('accepted' in report) || report.accepted !== PUSH_ITEMS || report.remaining !== 0) {
        throw new Error(`push ${run}: ${JSON.stringify(report)}`)
      }
      if (run > 0) {
        pushMs.push(elapsed)
        enqueueMs.push(enqueued)
      }
      await t.close()
      await pushCentral.stop()
    }
    const push = median(pushMs)
    rows.push({
      name: `push ${PUSH_ITEMS} queued applications (drain)`,
      value: push,
      unit: 'ms',
      target: 2000,
      targetKind: 'max',
      ratio: push / 2000,
      note: `median of ${pushMs.length}; batches of 50, receipts verified, each answer durable`,
    })
    rows.push({
      name: `enqueue ${PUSH_ITEMS} applications (durable, one by one)`,
      value: median(enqueueMs),
      unit: 'ms',
      note: 'context: the store append cost the push also pays per answer',
    })
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  return rows
}

if (process.argv[1]?.endsWith('sync.bench.ts')) {
  runSyncBench()
    .then((rows) => console.table(rows))
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
