// Chaos test (nothing is applied twice): terminal → fault-injecting proxy → real
// central service. Thousands of applications are enqueued while the engine pushes through drops,
// delays, 5xx/429, resets mid-answer and answers lost after the centre applied the request. At the
// end the centre must hold each idempotency key exactly once, and the terminal must have an answer
// (with a verified receipt) for every item, matching the centre's record.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createCentralServer, type CentralServer } from '../../electron/central/server'
import { buildDemoSeed } from '../../electron/central/seed'
import type { CentralState } from '../../electron/central/state'
import { createCentralClient, type CentralClient } from '../../electron/core/central'
import { createOutbox, defaultWasmPath, openStore, type Store } from '../../electron/core/store'
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync'
import { createStatusTracker } from '../../electron/core/terminal/status'
import { seededRandom, startChaosProxy, type ChaosProxy } from '../fixtures/chaos-proxy'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const TERMINAL_ID = 'FZ-GJJ-T001'
const TERMINAL_KEY = 'chaos-terminal-key-0123456789'
const SEED = Number(process.env.CHAOS_SEED ?? 20261122)
const FEEDBACK_ITEMS = Number(process.env.CHAOS_ITEMS ?? 2500)
const BIND_ITEMS = 25
const DEADLINE_MS = 90_000

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('sync under chaos', () => {
  it('applies every application exactly once through drops, resets, 5xx and lost answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-chaos-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const stateFile = join(dir, 'central', 'central-state.json')
    const central: CentralServer = createCentralServer({
      stateFile,
      terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY },
      demo: true,
    })
    const { url: centralUrl } = await central.start()
    cleanups.push(() => central.stop())
    const proxy: ChaosProxy = await startChaosProxy({ target: centralUrl, seed: SEED })
    cleanups.push(() => proxy.close())

    const store: Store = await openStore({
      dataDir: join(dir, 'terminal'),
      wasmPath: defaultWasmPath(),
      clock: { now: Date.now },
    })
    cleanups.push(() => store.close().catch(() => undefined))
    const outbox = createOutbox(store)
    const client: CentralClient = createCentralClient({
      baseUrl: proxy.url,
      terminalId: TERMINAL_ID,
      terminalKey: TERMINAL_KEY,
      clock: () => new Date(),
      timeoutMs: 3000,
    })
    const warnings: string[] = []
    let calls = 0
    const counting: CentralClient = {
      ...client,
      call: ((...args: Parameters<CentralClient['call']>) => {
        calls++
        return client.call(...args)
      }) as CentralClient['call'],
    }
    const connectionChanges: string[] = []
    const status = createStatusTracker((s) => {
      if (connectionChanges.at(-1) !== s.connection) connectionChanges.push(s.connection)
    })
    const engine: SyncEngine = createSyncEngine({
      client: counting,
      store,
      outbox,
      status,
      log: {
        info: () => undefined,
        warn: (event) => warnings.push(event),
        error: (event) => warnings.push(event),
      },
      clock: () => new Date(),
      config: {
        terminalId: TERMINAL_ID,
        version: 'chaos',
        demo: true,
        pullIntervalMs: 1000,
        pushIntervalMs: 200,
        heartbeatIntervalMs: 1000,
        backoff: { baseMs: 20, capMs: 400, floorMs: 5 },
      },
      random: seededRandom(SEED + 1),
      freeDiskBytes: async () => 1,
    })
    cleanups.push(() => engine.stop())
    engine.start()

    // Enqueue while the engine pushes: feedback (always accepted) and bind applications for one
    // resident (the first is accepted, later ones are refused by the one-binding rules).
    const seed = buildDemoSeed()
    const lin = seed.residents.find((r) => r.name === '林晓峰')!
    const started = Date.now()
    const keys: string[] = []
    const total = FEEDBACK_ITEMS + BIND_ITEMS
    const bindEvery = Math.floor(total / BIND_ITEMS)
    for (let i = 0; i < total; i++) {
      const isBind = i % bindEvery === bindEvery - 1 && keys.length < total
      const receipt = await outbox.enqueue(
        isBind
          ? {
              kind: 'bind',
              payload: {
                residentRef: lin.residentRef,
                operatorCode: 'ICBC',
                walletId: '0021000086432151',
              },
              createdAt: Date.now(),
            }
          : {
              kind: 'feedback',
              payload: { category: 'suggestion', text: `chaos item ${i}`, service: 'chaos' },
              createdAt: Date.now(),
            },
      )
      keys.push(receipt.idempotencyKey)
      if (i % 100 === 99) void engine.pushNow()
    }
    const enqueuedMs = Date.now() - started

    // Run until drained (bounded).
    while (outbox.depth() > 0 && Date.now() - started < DEADLINE_MS) {
      await new Promise((r) => setTimeout(r, 100))
    }
    const drainedMs = Date.now() - started
    await engine.stop()

    // The terminal: every item answered, none pending.
    const rows = store.all<{
      idempotency_key: string
      state: string
      application_no: string | null
      attempts: number
    }>('SELECT idempotency_key, state, application_no, attempts FROM outbox')
    const byState = rows.reduce<Record<string, number>>(
      (acc, r) => ((acc[r.state] = (acc[r.state] ?? 0) + 1), acc),
      {},
    )
    const retriedItems = rows.filter((r) => r.attempts > 0).length
    const attempts = rows.reduce((sum, r) => sum + r.attempts, 0)
    // Answers the centre gave as repeats: the first answer was lost on the way back.
    const repeats = store.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM outbox WHERE json_extract(result, '$.repeated') = 1`,
    )!.n

    // The centre, from its state file on disk (what survives a restart).
    await central.stop()
    const onDisk = JSON.parse(readFileSync(stateFile, 'utf8')) as CentralState
    const applied = Object.values(onDisk.applications).filter((a) => a.terminalId === TERMINAL_ID)
    const perKey = new Map<string, number>()
    for (const a of applied) perKey.set(a.idempotencyKey, (perKey.get(a.idempotencyKey) ?? 0) + 1)
    const duplicates = [...perKey.values()].filter((n) => n > 1).length

    const summary = {
      seed: SEED,
      items: total,
      feedback: FEEDBACK_ITEMS,
      binds: BIND_ITEMS,
      enqueuedMs,
      drainedMs,
      terminal: byState,
      centralApplied: applied.length,
      centralAccepted: applied.filter((a) => a.status === 'accepted').length,
      centralRejected: applied.filter((a) => a.status === 'rejected').length,
      duplicates,
      engineCalls: calls,
      proxy: { ...proxy.counts },
      retriedItems,
      repeatedAnswers: repeats,
      failedAttemptsRecorded: attempts,
      connectionChanges: connectionChanges.length,
      warnings: warnings.reduce<Record<string, number>>(
        (acc, w) => ((acc[w] = (acc[w] ?? 0) + 1), acc),
        {},
      ),
    }
    console.log('sync chaos summary ' + JSON.stringify(summary, null, 2))

    expect(outbox.depth()).toBe(0)
    expect(rows).toHaveLength(total)
    expect(duplicates).toBe(0)
    expect(applied).toHaveLength(total)
    expect(new Set(applied.map((a) => a.idempotencyKey))).toEqual(new Set(keys))
    // The terminal's answer for each key is the centre's.
    const centralNo = new Map(applied.map((a) => [a.idempotencyKey, a]))
    for (const row of rows) {
      const record = centralNo.get(row.idempotency_key)!
      expect(row.application_no).toBe(record.applicationNo)
      expect(row.state).toBe(record.status)
    }
    expect(byState.accepted).toBe(FEEDBACK_ITEMS + 1)
    expect(byState.rejected).toBe(BIND_ITEMS - 1)
    // The faults actually happened.
    expect(proxy.counts.lose).toBeGreaterThan(0)
    expect(repeats).toBeGreaterThan(0)
    expect(proxy.counts.reset).toBeGreaterThan(0)
    expect(proxy.counts.drop).toBeGreaterThan(0)
    expect(proxy.counts.status).toBeGreaterThan(0)
  })
})
