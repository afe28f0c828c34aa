// Chaos test for withdrawals (nothing is paid twice): terminal → fault-injecting proxy → real
// central service. Rent withdrawals, a monthly plan, plan changes and a retirement are pushed
// through drops, delays, 5xx/429, resets mid-answer and answers lost after the centre applied
// them, while the plan is fast-forwarded. At the end each idempotency key is applied once, each
// accepted once or retirement withdrawal paid exactly once, each instalment once per pay day.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCentralServer } from '../../electron/central/server'
import { buildDemoSeed } from '../../electron/central/seed'
import type { CentralState } from '../../electron/central/state'
import { createCentralClient } from '../../electron/core/central'
import { createOutbox, defaultWasmPath, openStore } from '../../electron/core/store'
import { createSyncEngine } from '../../electron/core/sync'
import { createStatusTracker } from '../../electron/core/terminal/status'
import { DEMO_RENT_PLANS_ADVANCE_ROUTE } from '../../shared/central'
import { seededRandom, startChaosProxy } from '../fixtures/chaos-proxy'

const TERMINAL_ID = 'FZ-GJJ-T001'
const TERMINAL_KEY = 'chaos-terminal-key-0123456789'
const SEED = Number(process.env.CHAOS_SEED ?? 20261205)
const CHANGES = 60
const DEADLINE_MS = 60_000

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('withdrawals under chaos', () => {
  it('pays every withdrawal exactly once through drops, resets, 5xx and lost answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-withdraw-chaos-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const stateFile = join(dir, 'central', 'central-state.json')
    const central = createCentralServer({
      stateFile,
      terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY },
      demo: true,
    })
    const { url: centralUrl } = await central.start()
    cleanups.push(() => central.stop())
    const proxy = await startChaosProxy({ target: centralUrl, seed: SEED })
    cleanups.push(() => proxy.close())
    const store = await openStore({
      dataDir: join(dir, 'terminal'),
      wasmPath: defaultWasmPath(),
      clock: { now: Date.now },
    })
    cleanups.push(() => store.close().catch(() => undefined))
    const outbox = createOutbox(store)
    const client = createCentralClient({
      baseUrl: proxy.url,
      terminalId: TERMINAL_ID,
      terminalKey: TERMINAL_KEY,
      clock: () => new Date(),
      timeoutMs: 3000,
    })
    const engine = createSyncEngine({
      client,
      store,
      outbox,
      status: createStatusTracker(() => undefined),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      clock: () => new Date(),
      config: {
        terminalId: TERMINAL_ID,
        version: 'chaos',
        demo: true,
        pullIntervalMs: 1000,
        pushIntervalMs: 200,
        // Small batches: more requests, so more of them meet a fault.
        batchSize: 3,
        heartbeatIntervalMs: 1000,
        backoff: { baseMs: 20, capMs: 400, floorMs: 5 },
      },
      random: seededRandom(SEED + 1),
      freeDiskBytes: async () => 1,
    })
    cleanups.push(() => engine.stop())
    engine.start()

    const seed = buildDemoSeed()
    const chen = seed.residents.find((r) => r.name === '陈美玲')!
    const zheng = seed.residents.find((r) => r.name === '郑秀英')!
    const enqueue = async (kind: string, payload: unknown) =>
      (await outbox.enqueue({ kind, payload, createdAt: Date.now() })).idempotencyKey
    const keys: string[] = []
    // A once withdrawal (paid at once), a plan (paid on pay days), a bind and two retirements.
    keys.push(
      await enqueue('fund.withdrawRent', {
        residentRef: chen.residentRef,
        mode: 'once',
        amountFen: 30_000,
      }),
    )
    keys.push(
      await enqueue('fund.withdrawRent', {
        residentRef: chen.residentRef,
        mode: 'plan',
        amountFen: 10_000,
      }),
    )
    keys.push(
      await enqueue('fund.bind', {
        residentRef: zheng.residentRef,
        operatorCode: 'PSBC',
        walletId: '0403000000220023',
      }),
    )
    keys.push(await enqueue('fund.withdrawRetire', { residentRef: zheng.residentRef }))
    keys.push(await enqueue('fund.withdrawRetire', { residentRef: zheng.residentRef }))
    let advanced = 0
    for (let i = 0; i < CHANGES; i++) {
      keys.push(
        await enqueue('fund.rentPlanChange', {
          residentRef: chen.residentRef,
          action: 'change',
          amountFen: 10_000 + i,
        }),
      )
      if (i % 10 === 9) {
        void engine.pushNow()
        // The pay day comes while answers are being lost: the demo route, not through the proxy.
        await fetch(centralUrl + DEMO_RENT_PLANS_ADVANCE_ROUTE, { method: 'POST' })
        advanced++
      }
    }
    const started = Date.now()
    while (outbox.depth() > 0 && Date.now() - started < DEADLINE_MS) {
      await new Promise((r) => setTimeout(r, 100))
    }
    await engine.stop()
    expect(outbox.depth()).toBe(0)

    await central.stop()
    const onDisk = JSON.parse(readFileSync(stateFile, 'utf8')) as CentralState
    const applied = Object.values(onDisk.applications)
    const perKey = new Map<string, number>()
    for (const a of applied) perKey.set(a.idempotencyKey, (perKey.get(a.idempotencyKey) ?? 0) + 1)
    expect([...perKey.values()].filter((n) => n > 1)).toEqual([])
    expect(new Set(applied.map((a) => a.idempotencyKey))).toEqual(new Set(keys))

    // Each accepted once or retirement withdrawal paid exactly once, nothing paid for a refusal.
    const entries = Object.values(onDisk.ledger).flatMap((l) => l.entries)
    const ids = entries.map((e) => e.record.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const app of applied.filter((a) => a.kind !== 'rentPlanChange' && a.kind !== 'bind')) {
      const paid = ids.filter((id) => id === `WD-${app.applicationNo}`)
      const isPlan = Object.values(onDisk.rentPlans).some(
        (p) => p.applicationNo === app.applicationNo,
      )
      expect(paid).toHaveLength(app.status === 'accepted' && !isPlan ? 1 : 0)
    }
    const retire = applied.filter((a) => a.kind === 'withdrawRetire')
    expect(retire.map((a) => a.status).sort()).toEqual(['accepted', 'rejected'])
    // Instalments: at most one per fast-forward, never more, each in the plan's own numbering.
    const plan = Object.values(onDisk.rentPlans)[0]!
    const instalments = ids.filter((id) => id.startsWith(`WD-${plan.applicationNo}-`))
    expect(instalments.length).toBe(plan.paidCount)
    expect(plan.paidCount).toBeLessThanOrEqual(advanced)
    // Balances chain: every payment took exactly its amount from the balance before it.
    for (const ledger of Object.values(onDisk.ledger)) {
      for (const [i, e] of ledger.entries.entries()) {
        if (i === 0) continue
        expect(e.record.balanceAfter).toBe(
          ledger.entries[i - 1]!.record.balanceAfter + e.record.amount,
        )
      }
    }
    console.log('withdraw chaos proxy ' + JSON.stringify(proxy.counts))
    // The faults actually happened.
    expect(proxy.counts.lose).toBeGreaterThan(0)
    expect(proxy.counts.reset + proxy.counts.drop).toBeGreaterThan(0)
    const repeats = store.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM outbox WHERE json_extract(result, '$.repeated') = 1`,
    )!.n
    expect(repeats).toBeGreaterThan(0)
  })
})
