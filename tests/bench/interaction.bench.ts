/**
 * Every touch answers within a frame budget: Playwright in Debian's Chromium drives the resident
 * journeys (interaction-journeys.ts) on the web host in demo mode, once unthrottled and once with
 * the CPU slowed ×4 through the DevTools protocol (a kiosk's CPU is weaker than a workstation's),
 * each pass on a fresh host (a fresh centre from the seed). The page's probe records every touch
 * (interaction-probe.ts); figures are grouped by kind (interaction-kinds.ts): p50, p95 against the
 * target, max, and the worst five touches by name. Each pass first taps an empty page the same
 * way (interaction-floor.ts): no page gets a tap under that figure on this rig, so the key kinds
 * are also read above it (docs/performance.md).
 *
 * `BENCH_TRACE=<dir>` also records a Chromium trace of each pass and writes, next to it, what the
 * main thread did during the worst touches (trace-summary.ts). Runnable alone:
 * `node --import tsx tests/bench/interaction.bench.ts` (after `npx electron-vite build`).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { KioskHost } from '../e2e/support/hosts'
import { Kiosk } from '../e2e/support/kiosk'
import {
  ensureKioskBuild,
  launchChromium,
  percentile,
  startKioskHost,
  VIEWPORT,
} from './browser-host'
import { WARM_MARK, WARM_UP_DELAY_MS } from '../../renderer/screen-warm-up'
import { JOURNEYS } from './interaction-journeys'
import { figureOf, KINDS, kindOf, type InteractionKind } from './interaction-kinds'
import {
  installInteractionProbe,
  measure,
  type MeasuredInteraction,
  type ProbeRecords,
} from './interaction-probe'
import { measureTapFloor, type FloorFigures } from './interaction-floor'
import { summariseTrace, TRACE_CATEGORIES } from './trace-summary'
import type { Row } from './startup.bench'

/** DOM changes this close to the touch (or to each other, or to an answer) are the touch's. */
const CHAIN_MS = 250
const IDLE_SECONDS = 600
/**
 * A person's pace: Playwright waits this long after each touch it sends before it does anything
 * else. Without it, its own work for the next step (finding the next key, checking it can be
 * tapped, polling for the expected screen) runs on the page's main thread while the page is still
 * answering the touch before, and is counted as the kiosk's (traces showed 50–100 ms tasks of
 * Playwright's in the windows of the worst touches). 250 ms is four keys a second.
 */
const PACE_MS = 250

export interface InteractionBenchOptions {
  /** First port for the web hosts (default 9800; one a pass). */
  port?: number
  /** CPU slow-down factors, one pass each (default 1 and 4). */
  rates?: number[]
  /** Folder for traces and their summaries (default `BENCH_TRACE`; none when unset). */
  traceDir?: string
}

export interface PassResult {
  rate: number
  touches: (MeasuredInteraction & { kind: InteractionKind; figure: number; journey: string })[]
  firstInputMs: number | null
  /** The same taps on an empty page, same rig and pace (interaction-floor.ts). */
  floor: FloorFigures
  traceSummary?: string
}

const round = (n: number) => Math.round(n * 10) / 10

/**
 * The journeys of a pass: all, or those whose name contains one of `BENCH_JOURNEYS`
 * (comma-separated), for a quick look at one screen while working on it.
 */
function journeysToRun(): typeof JOURNEYS {
  const wanted = (process.env.BENCH_JOURNEYS ?? '').split(',').filter(Boolean)
  return wanted.length === 0
    ? JOURNEYS
    : JOURNEYS.filter((j) => wanted.some((w) => j.name.includes(w)))
}

/** Drives every journey once at CPU slow-down `rate`; returns each touch measured. */
export async function runPass(rate: number, port: number, traceDir?: string): Promise<PassResult> {
  const host = await startKioskHost(port, {
    KIOSK_QA: '1',
    // Monday 10:00 in Beijing: every service is open whenever the bench runs (the hours clock is QA's).
    KIOSK_QA_HOURS_CLOCK: '2026-12-07T10:00:00+08:00',
    KIOSK_CENTRAL_SMS_PER_HOUR: '1000',
    KIOSK_IDLE_SECONDS: String(IDLE_SECONDS),
  })
  const browser = await launchChromium({ slowMo: PACE_MS })
  try {
    const floor = await measureTapFloor(browser, rate, VIEWPORT)
    const context = await browser.newContext({
      viewport: VIEWPORT,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    // tsx names functions with `__name`, which the page does not have.
    await context.addInitScript({
      content: `var __name = (f) => f;(${installInteractionProbe.toString()})(${CHAIN_MS})`,
    })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(err.message))
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate })
    const kioskHost: KioskHost = {
      port: host.port,
      token: host.token,
      idleSeconds: IDLE_SECONDS,
      warningSeconds: 20,
      url: host.origin,
    }
    const kiosk = new Kiosk(page, kioskHost)
    await kiosk.open()
    // A kiosk waits on attract long before its first resident: let the page finish what it does
    // when idle after start-up (renderer/screen-warm-up.ts marks the end; a build without it
    // waits as long, for the same conditions).
    await page
      .waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, WARM_MARK, {
        timeout: WARM_UP_DELAY_MS + 15_000,
        polling: 250,
      })
      .catch(() => undefined)
    await page.waitForTimeout(1000)
    const tracePath = traceDir ? join(traceDir, `interactions-x${rate}.json`) : undefined
    if (tracePath)
      await browser.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES })
    const touches: PassResult['touches'] = []
    let seen = 0
    for (const journey of journeysToRun()) {
      process.stderr.write(`  ×${rate}: ${journey.name}\n`)
      await journey.run(kiosk)
      // Let the last touch's answer paint before reading the records.
      await page.waitForTimeout(600)
      const records = await page.evaluate(
        () => (window as unknown as { __latency: ProbeRecords }).__latency,
      )
      const measured = measure(records)
      for (const touch of measured.slice(seen)) {
        const kind = kindOf(touch)
        touches.push({ ...touch, kind, figure: figureOf(touch, kind), journey: journey.name })
      }
      seen = measured.length
    }
    const firstInput = await page.evaluate(
      () =>
        (window as unknown as { __latency: ProbeRecords }).__latency.firstInput?.duration ?? null,
    )
    let traceSummary: string | undefined
    if (tracePath) {
      await browser.stopTracing()
      const worst = [...touches].sort((a, b) => b.figure - a.figure).slice(0, 8)
      try {
        traceSummary = summariseTrace(tracePath, worst)
      } catch (err) {
        traceSummary = `trace summary failed: ${String(err)}\n`
      }
      writeFileSync(tracePath.replace(/\.json$/, '.summary.txt'), traceSummary)
    }
    if (problems.length > 0) throw new Error(`page errors: ${problems.join('; ')}`)
    return { rate, touches, firstInputMs: firstInput, floor, traceSummary }
  } finally {
    await browser.close()
    await host.close()
  }
}

/** Rows for one pass: p95 per kind against its target (p50, max, n in the note), worst five. */
export function passRows(pass: PassResult): Row[] {
  const rows: Row[] = []
  const tag = pass.rate === 1 ? 'unthrottled' : `CPU ×${pass.rate}`
  const floorP95 = percentile(pass.floor.durations, 95)
  const floorSplit = pass.floor.split
  rows.push({
    name: `${tag}: rig floor: a tap on an empty page p95`,
    value: floorP95,
    unit: 'ms',
    note:
      `p50 ${round(percentile(pass.floor.durations, 50))} · max ${round(Math.max(...pass.floor.durations))}` +
      ` · n ${pass.floor.durations.length}` +
      (floorSplit
        ? ` · split p50: delay ${round(floorSplit[0])} + processing ${round(floorSplit[1])}` +
          ` + presentation ${round(floorSplit[2])}`
        : ''),
  })
  for (const [kind, spec] of Object.entries(KINDS) as [
    InteractionKind,
    (typeof KINDS)[InteractionKind],
  ][]) {
    const mine = pass.touches.filter((t) => t.kind === kind)
    if (mine.length === 0) continue
    const figures = mine.map((t) => t.figure)
    const quiet = mine.filter((t) => t.eventMs === null).length
    const centre = mine.reduce((sum, t) => sum + t.centreMs, 0)
    const target = spec.targets ? spec.targets[pass.rate === 1 ? 0 : 1] : undefined
    // Where the time goes (medians of the Event Timing split): the page's own work is input delay
    // + processing; presentation is the wait for the next frame the compositor shows.
    const splits = mine.flatMap((t) => (t.split ? [t.split] : []))
    const split = splits.length
      ? ` · split p50: delay ${round(
          percentile(
            splits.map((x) => x[0]),
            50,
          ),
        )}` +
        ` + processing ${round(
          percentile(
            splits.map((x) => x[1]),
            50,
          ),
        )}` +
        ` + presentation ${round(
          percentile(
            splits.map((x) => x[2]),
            50,
          ),
        )}`
      : ''
    rows.push({
      name: `${tag}: ${spec.title} p95`,
      value: percentile(figures, 95),
      unit: 'ms',
      target,
      targetKind: 'max',
      note:
        `p50 ${round(percentile(figures, 50))} · max ${round(Math.max(...figures))} · n ${mine.length}` +
        ` (${quiet} under 16 ms)` +
        split +
        (centre > 0
          ? ` · centre waited ${Math.round(centre / mine.length)} ms avg, subtracted`
          : ''),
    })
    // A key's figure is Event Timing's whole duration, and no page gets a tap under the rig's
    // floor: what the kiosk adds is read above it, against the same targets.
    if (spec.figure === 'event' && target !== undefined)
      rows.push({
        name: `${tag}: ${spec.title} p95 above the rig floor`,
        value: Math.max(0, percentile(figures, 95) - floorP95),
        unit: 'ms',
        target,
        targetKind: 'max',
        note: `kiosk p95 ${round(percentile(figures, 95))} − empty page p95 ${round(floorP95)}`,
      })
  }
  const worst = [...pass.touches].sort((a, b) => b.figure - a.figure).slice(0, 5)
  rows.push({
    name: `${tag}: worst five touches`,
    value: worst[0]?.figure ?? NaN,
    unit: 'ms',
    note: worst.map((t) => `${t.label}@${t.screen} ${Math.round(t.figure)}`).join(', '),
  })
  if (pass.firstInputMs !== null)
    rows.push({ name: `${tag}: first input (Event Timing)`, value: pass.firstInputMs, unit: 'ms' })
  return rows
}

/** Runs the interaction bench and returns its figures. */
export async function runInteractionBench(options: InteractionBenchOptions = {}): Promise<Row[]> {
  ensureKioskBuild()
  const port = options.port ?? Number(process.env.BENCH_INTERACTION_PORT ?? 9800)
  const rates =
    options.rates ??
    (process.env.BENCH_RATES ? process.env.BENCH_RATES.split(',').map(Number) : [1, 4])
  const traceDir = options.traceDir ?? process.env.BENCH_TRACE
  if (traceDir) mkdirSync(resolve(traceDir), { recursive: true })
  const rows: Row[] = []
  for (const [i, rate] of rates.entries()) {
    const pass = await runPass(rate, port + i, traceDir && resolve(traceDir))
    rows.push(...passRows(pass))
    if (traceDir)
      writeFileSync(
        join(resolve(traceDir), `interactions-x${rate}.touches.json`),
        JSON.stringify(pass.touches, null, 1),
      )
  }
  return rows
}

if (require.main === module) {
  runInteractionBench()
    .then((rows) => {
      for (const r of rows)
        console.log(
          `${r.name}: ${round(r.value)} ${r.unit}${r.target !== undefined ? ` (≤ ${r.target})` : ''}  ${r.note ?? ''}`,
        )
    })
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
