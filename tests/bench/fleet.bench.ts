/**
 * Load bench of the fleet service: N simulated terminals heartbeating every 15 s (each at its own
 * phase, signed like real ones) to one service on loopback, in steps of N. Reports p95 heartbeat
 * latency per step (target ≤ 100 ms at 2,000 terminals on a two-core machine) and the database's
 * growth per terminal per day: heartbeats (the row is rewritten in place, so after housekeeping's
 * VACUUM it should not grow) plus 400 usage events a day (about 100 residents' sessions).
 *
 * Run: node --import tsx tests/bench/fleet.bench.ts  (FLEET_BENCH_STEPS=500,1000,2000,
 * FLEET_BENCH_SECONDS=30 per step, FLEET_BENCH_DATABASE_URL for PostgreSQL instead of PGlite)
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { signRequest } from '../../shared/central/signing'
import { FLEET_PATHS, type FleetHeartbeat } from '../../shared/fleet/contract'

const STEPS = (process.env.FLEET_BENCH_STEPS ?? '500,1000,2000').split(',').map(Number)
const SECONDS = Number(process.env.FLEET_BENCH_SECONDS ?? 30)
const EVERY_MS = 15_000
const USAGE_EVENTS_PER_DAY = 400

const body = (i: number): FleetHeartbeat => ({
  appVersion: '0.1.0',
  startedAt: new Date(Date.now() - 3600_000).toISOString(),
  uptimeSeconds: 3600 + i,
  mode: 'production',
  connection: 'online',
  outboxPending: i % 7,
  outboxRejected: 0,
  lastSyncAt: new Date().toISOString(),
  devices: [
    { kind: 'receiptPrinter', state: 'READY', status: i % 50 === 0 ? 'MEDIA_LOW' : 'OK' },
    { kind: 'a4Printer', state: 'READY', status: 'OK' },
    { kind: 'cardReader', state: 'READY', status: 'OK' },
    { kind: 'camera', state: 'READY', status: 'OK' },
  ],
  issues: [],
  auditHead: { seq: 1000 + i, hash: 'a'.repeat(64) },
  outOfService: null,
  openCalls: [],
  sessionActive: i % 3 === 0,
  droppedReports: 0,
  ackCommands: [],
})

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN

/** One signed heartbeat of terminal `i`; resolves with its round trip (signing excluded), ms. */
async function send(base: string, i: number): Promise<number> {
  const text = JSON.stringify(body(i))
  const headers = await signRequest({
    method: 'POST',
    pathWithQuery: FLEET_PATHS.heartbeat,
    body: text,
    terminalId: `BENCH-${i}`,
    key: `bench-key-${i}-0123456789`,
  })
  const t0 = performance.now()
  const response = await fetch(base + FLEET_PATHS.heartbeat, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: text,
  })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`heartbeat answered ${response.status}`)
  return performance.now() - t0
}

export async function runFleetBench(): Promise<Record<string, unknown>[]> {
  const max = Math.max(...STEPS)
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fleet-server.ts')], {
    env: { ...process.env, FLEET_BENCH_TERMINALS: String(max) },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]()
  const next = async (prefix: string) => {
    for (;;) {
      const { value, done } = await lines.next()
      if (done) throw new Error('fleet bench server ended')
      if (String(value).startsWith(prefix)) return String(value).slice(prefix.length)
    }
  }
  const ask = async (command: string, prefix: string) => {
    server.stdin!.write(`${command}\n`)
    return next(prefix)
  }
  const rows: Record<string, unknown>[] = []
  try {
    const base = await next('ready ')
    // Every terminal reports once first: its row then holds a heartbeat (a one-time growth), and
    // the service is warm; what follows is the steady state.
    for (let i = 0; i < max; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, max - i) }, (_, k) => send(base, i + k).catch(() => 0)),
      )
    }
    const sizeAtStart = Number(await ask('vacuum', 'size '))
    let beats = 0
    for (const n of STEPS) {
      const latencies: number[] = []
      let errors = 0
      const started = performance.now()
      const timers: NodeJS.Timeout[] = []
      await new Promise<void>((resolve) => {
        for (let i = 0; i < n; i++) {
          const beat = async () => {
            try {
              latencies.push(await send(base, i))
            } catch {
              errors++
            }
            beats++
          }
          // Each terminal at its own phase within the 15 s, as real ones drift apart.
          const phase = (i * EVERY_MS) / n
          timers.push(
            setTimeout(() => {
              void beat()
              timers.push(setInterval(() => void beat(), EVERY_MS))
            }, phase),
          )
        }
        setTimeout(resolve, SECONDS * 1000)
      })
      for (const timer of timers) clearTimeout(timer)
      await new Promise((r) => setTimeout(r, 1000)) // the last answers
      const sorted = latencies.sort((a, b) => a - b)
      const seconds = (performance.now() - started) / 1000
      rows.push({
        name: `p95 heartbeat latency, ${n} terminals`,
        value: Number(percentile(sorted, 0.95).toFixed(1)),
        unit: 'ms',
        ...(n === 2000 ? { target: 100 } : {}),
        note: `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, ${sorted.length} beats in ${seconds.toFixed(0)} s (${(sorted.length / seconds).toFixed(0)}/s), ${errors} errors`,
      })
    }
    const afterBeats = Number(await ask('size', 'size '))
    const vacuumed = Number(await ask('vacuum', 'size '))
    const perBeat = (vacuumed - sizeAtStart) / Math.max(1, beats)
    const beatsPerDay = 86_400_000 / EVERY_MS
    rows.push({
      name: 'DB growth per terminal-day, heartbeats',
      value: Number(((Math.max(0, perBeat) * beatsPerDay) / 1024).toFixed(1)),
      unit: 'KiB',
      note: `${beats} heartbeats: +${((afterBeats - sizeAtStart) / 1048576).toFixed(1)} MiB before VACUUM, +${((vacuumed - sizeAtStart) / 1048576).toFixed(1)} MiB after VACUUM`,
    })
    const beforeUsage = Number(await ask('vacuum', 'size '))
    await ask('usage', 'usage done')
    const afterUsage = Number(await ask('size', 'size '))
    const perEvent = (afterUsage - beforeUsage) / 10_000
    rows.push({
      name: 'DB growth per terminal-day, usage',
      value: Number(((perEvent * USAGE_EVENTS_PER_DAY) / 1024).toFixed(1)),
      unit: 'KiB',
      note: `${perEvent.toFixed(0)} bytes per usage event (with indexes), ${USAGE_EVENTS_PER_DAY} events a day`,
    })
  } finally {
    server.kill('SIGTERM')
  }
  return rows
}

if (require.main === module) {
  runFleetBench().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
