/**
 * Soak run: simulated residents visit the terminal through every service in
 * turn, hundreds of sessions, in one page that never reloads (a kiosk never does), against a web
 * host of its own. Every N sessions, on the attract screen, it samples the renderer's JS heap
 * after a forced GC, its DOM node and listener counts, and the web host's RSS; prints them as a
 * table, writes `test-results/soak/soak.json` and a chart `soak.svg`, and judges the growth
 * against the targets. Then the privacy sweep (item 4) looks for the demo residents' data.
 *
 *   npm run build && npm run soak -- --sessions 300      (or --minutes 20)
 *   npm run soak -- --build --sessions 20                (builds into .out-soak first)
 *
 * Options: --sessions N, --minutes M (whichever comes first; default 300 sessions),
 * --sample-every N (10), --warmup N (one cycle of visits), --port P (8950), --idle S (8),
 * --warning S (4), --max-errors N (5), --only TEXT (visits whose name contains it),
 * --snapshots (heap snapshots at the baseline and the end: what grew, by constructor),
 * --results DIR (test-results/soak), --build. KIOSK_OUT_DIR picks the build (default `out`).
 * Exits non-zero on a failed target, a visit that failed (screenshot in test-results/soak/) or a
 * privacy hit.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test'
import { Kiosk, expect } from '../e2e/support/kiosk'
import { censusGrowth, censusOf, heapCensus, type HeapCensus } from './heap-diff'
import { startSoakHost, type SoakHost } from './host'
import { describeHits, privacySweep, sweepRenderer } from './privacy-sweep'
import {
  chartSvg,
  samplesTable,
  slope,
  table,
  verdicts,
  verdictTable,
  TARGETS,
  type Sample,
} from './report'
import { runVisit, VISITS } from './visits'

/** Chromium as the e2e suite runs it, plus `--expose-gc` for the heap samples. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--js-flags=--expose-gc',
]

interface Options {
  sessions: number
  minutes: number | null
  sampleEvery: number
  warmup: number
  port: number
  idle: number
  warning: number
  maxErrors: number
  build: boolean
  /** Only the visits whose name contains this (to chase one visit's problem). */
  only: string | null
  /** Heap snapshots at the baseline and the end, and what grew between them, by constructor. */
  snapshots: boolean
  results: string
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sessions: { type: 'string' },
      minutes: { type: 'string' },
      'sample-every': { type: 'string', default: '10' },
      warmup: { type: 'string', default: String(VISITS.length) },
      port: { type: 'string', default: '8950' },
      idle: { type: 'string', default: '8' },
      warning: { type: 'string', default: '4' },
      'max-errors': { type: 'string', default: '5' },
      build: { type: 'boolean', default: false },
      only: { type: 'string' },
      snapshots: { type: 'boolean', default: false },
      results: { type: 'string', default: 'test-results/soak' },
    },
  })
  const minutes = values.minutes ? Number(values.minutes) : null
  return {
    // A time bound alone runs until the time is up.
    sessions: values.sessions
      ? Number(values.sessions)
      : minutes !== null
        ? Number.MAX_SAFE_INTEGER
        : 300,
    minutes,
    sampleEvery: Number(values['sample-every']),
    warmup: Number(values.warmup),
    port: Number(values.port),
    idle: Number(values.idle),
    warning: Number(values.warning),
    maxErrors: Number(values['max-errors']),
    build: values.build,
    only: values.only ?? null,
    snapshots: values.snapshots,
    results: resolve(values.results),
  }
}

/** The attract screen at rest: ready, no "data cleared" notice, no dialog. */
async function atRest(kiosk: Kiosk): Promise<void> {
  await expect(kiosk.page.locator('main[data-screen="attract"][data-ready="true"]')).toBeVisible({
    timeout: 30_000,
  })
  // The notice shows for 6 s after a session; sampling with it would count its nodes.
  await expect(kiosk.page.getByTestId('cleared')).toHaveCount(0, { timeout: 15_000 })
  await expect(kiosk.page.getByTestId('idle-dialog')).toHaveCount(0)
}

async function sample(
  kiosk: Kiosk,
  cdp: CDPSession,
  host: SoakHost,
  session: number,
  startedAt: number,
): Promise<Sample> {
  await atRest(kiosk)
  // Twice: the first pass may only queue finalizers and weak callbacks that free more.
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = await cdp.send('Runtime.getHeapUsage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN
  return {
    session,
    heapBytes: heap.usedSize,
    nodes: metric('Nodes'),
    documentNodes: await kiosk.page.evaluate(DOCUMENT_NODES_SOURCE),
    listeners: metric('JSEventListeners'),
    // A full GC in the host first: RSS read over uncollected garbage swings by tens of MB.
    ...(await hostAfterGc(host)),
    elapsedSeconds: (Date.now() - startedAt) / 1000,
    disk: {
      store: folderBytes(join(host.dataDir, 'store')),
      logs: folderBytes(join(host.dataDir, 'logs')),
      central: folderBytes(join(host.dataDir, 'central')),
    },
  }
}

async function hostAfterGc(host: SoakHost): Promise<{ rssBytes: number; coreHeapBytes: number }> {
  await host.collectGarbage()
  await host.collectGarbage()
  return { rssBytes: host.rssBytes(), coreHeapBytes: await host.jsHeapUsedBytes() }
}

/** Bytes of the files directly in a folder (0 when it does not exist). */
function folderBytes(dir: string): number {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((sum, e) => sum + statSync(join(dir, e.name)).size, 0)
  } catch {
    return 0
  }
}

/** Every node in the document (as source text: see privacy-sweep.ts on tsx and evaluate). */
const DOCUMENT_NODES_SOURCE = `(() => {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL)
  let count = 1
  while (walker.nextNode()) count++
  return count
})()`

/** After a failed visit: finish the session if there is one, else wait for attract, else reload. */
async function recover(kiosk: Kiosk): Promise<'finished' | 'waited' | 'reloaded'> {
  const { page } = kiosk
  try {
    if (await page.getByTestId('idle-continue').isVisible())
      await page.getByTestId('idle-continue').tap()
    if (await page.getByTestId('staff-leave').isVisible()) {
      await page.getByTestId('staff-leave').tap()
      await atRest(kiosk)
      return 'finished'
    }
    const finish = page.getByTestId('nav-finish')
    if (await finish.isVisible()) {
      await finish.tap()
      await atRest(kiosk)
      return 'finished'
    }
    await atRest(kiosk)
    return 'waited'
  } catch {
    // Only when the page is stuck: a reload is what the shell's crash recovery would do.
    await kiosk.open()
    return 'reloaded'
  }
}

interface VisitOutcome {
  session: number
  visit: string
  resident: string | null
  ending: string
  seconds: number
  note?: string
  error?: string
  screenshot?: string
  recovery?: string
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2))
  const RESULTS = options.results
  mkdirSync(RESULTS, { recursive: true })
  // Only this script's own files: --results may name a folder that holds other things.
  for (const name of readdirSync(RESULTS)) {
    if (/^(soak\.(json|svg)|host\.log|failed-\d+\.png|attract-\w+\.html)$/.test(name))
      rmSync(join(RESULTS, name))
  }

  let outDir = process.env.KIOSK_OUT_DIR ?? 'out'
  if (options.build) {
    outDir = process.env.KIOSK_OUT_DIR ?? '.out-soak'
    process.stdout.write(`building into ${outDir} …\n`)
    execFileSync('npx', ['electron-vite', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, KIOSK_OUT_DIR: outDir },
    })
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-soak-'))
  const coreSnapshotDir = mkdtempSync(join(tmpdir(), 'kiosk-soak-core-heap-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'kiosk-soak-profile-'))
  const host = await startSoakHost({
    outDir,
    port: options.port,
    dataDir,
    idleSeconds: options.idle,
    warningSeconds: options.warning,
    logFile: join(RESULTS, 'host.log'),
    inspect: true,
    ...(options.snapshots ? { heapSnapshotDir: coreSnapshotDir } : {}),
  })
  process.stdout.write(
    `soak: web host pid ${host.pid} on ${host.url} (build ${outDir}, data ${dataDir}); ` +
      `the host process runs the core and the bundled central service together, so its RSS is both.\n` +
      `soak: ${options.minutes !== null ? `up to ${options.minutes} min` : ''}` +
      `${options.sessions < Number.MAX_SAFE_INTEGER ? ` ${options.sessions} sessions` : ''}, ` +
      `sample every ${options.sampleEvery}, warm-up ${options.warmup}, idle ${options.idle}+${options.warning} s\n`,
  )

  let context: BrowserContext | null = null
  const outcomes: VisitOutcome[] = []
  const samples: Sample[] = []
  const pageProblems: string[] = []
  let exitCode: number
  try {
    // A persistent profile in a folder of our own, so the sweep can read what Chromium stored.
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      viewport: { width: 1920, height: 1080 },
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    const page: Page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (err) => pageProblems.push(`pageerror: ${err.message}`))
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageProblems.push(`console: ${msg.text()}`)
    })
    const kiosk = new Kiosk(page, host)
    await kiosk.open()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')

    const visits = options.only ? VISITS.filter((v) => v.name.includes(options.only!)) : VISITS
    if (visits.length === 0) throw new Error(`no visit matches --only ${options.only}`)
    let baselineCensus: HeapCensus | null = null
    let baselineCoreCensus: HeapCensus | null = null
    let baselineHtml: string | null = null
    const startedAt = Date.now()
    const deadline = options.minutes !== null ? startedAt + options.minutes * 60_000 : Infinity
    samples.push(await sample(kiosk, cdp, host, 0, startedAt))
    let errors = 0
    let session = 0
    while (session < options.sessions && Date.now() < deadline && errors < options.maxErrors) {
      session++
      const visit = visits[(session - 1) % visits.length]!
      const began = Date.now()
      const outcome: VisitOutcome = {
        session,
        visit: visit.name,
        resident: visit.resident,
        ending: visit.ending,
        seconds: 0,
      }
      try {
        const note = await runVisit(kiosk, visit)
        if (note) outcome.note = note
      } catch (err) {
        errors++
        outcome.error = String((err as Error).message ?? err)
          .split('\n')
          .slice(0, 6)
          .join(' | ')
        outcome.screenshot = join(RESULTS, `failed-${session}.png`)
        await page.screenshot({ path: outcome.screenshot }).catch(() => undefined)
        outcome.recovery = await recover(kiosk)
        process.stdout.write(`  ✗ session ${session} ${visit.name}: ${outcome.error}\n`)
      }
      outcome.seconds = (Date.now() - began) / 1000
      outcomes.push(outcome)
      process.stdout.write(
        `  ${outcome.error ? '✗' : '✓'} ${String(session).padStart(4)} ${visit.name}` +
          ` (${visit.resident ?? '—'}, ${visit.ending}${outcome.note ? `, ${outcome.note}` : ''})` +
          ` ${outcome.seconds.toFixed(1)} s\n`,
      )
      if (session % options.sampleEvery === 0) {
        const s = await sample(kiosk, cdp, host, session, startedAt)
        samples.push(s)
        if (!baselineHtml && session >= options.warmup) baselineHtml = await page.content()
        if (options.snapshots && !baselineCensus && session >= options.warmup) {
          baselineCensus = await heapCensus(cdp)
          baselineCoreCensus = censusOf(await host.heapSnapshot())
        }
        process.stdout.write(
          `  · sample @${session}: heap ${(s.heapBytes / 1048576).toFixed(2)} MB, ${s.nodes} nodes, ` +
            `${s.listeners} listeners, host RSS ${(s.rssBytes / 1048576).toFixed(1)} MB\n`,
        )
      }
    }
    if (samples.at(-1)!.session !== session)
      samples.push(await sample(kiosk, cdp, host, session, startedAt))
    const growthTable = (growth: ReturnType<typeof censusGrowth>) =>
      table([
        ['group', 'count', 'KiB'],
        ...growth.map((g) => [g.group, String(g.count), (g.bytes / 1024).toFixed(1)]),
      ])
    if (baselineCensus) {
      const growth = censusGrowth(baselineCensus, await heapCensus(cdp))
      process.stdout.write(
        `\nRenderer heap growth by kind and constructor since the baseline (snapshots):\n` +
          `${growthTable(growth)}\n`,
      )
    }
    if (baselineCoreCensus) {
      const end = censusOf(await host.heapSnapshot())
      process.stdout.write(
        `\nWeb host (core + central) JS heap in the snapshots: ` +
          `${(baselineCoreCensus.totalBytes / 1048576).toFixed(1)} MB at the baseline, ` +
          `${(end.totalBytes / 1048576).toFixed(1)} MB at the end; growth by kind and constructor:\n` +
          `${growthTable(censusGrowth(baselineCoreCensus, end, 25))}\n`,
      )
    }

    // ---- figures and verdicts -------------------------------------------------------------
    const baseline = samples.find((s) => s.session >= options.warmup) ?? samples.at(-1)!
    const last = samples.at(-1)!
    // The attract screen's DOM at the baseline and at the end, to diff when the node count moved.
    writeFileSync(join(RESULTS, 'attract-baseline.html'), baselineHtml ?? '')
    writeFileSync(join(RESULTS, 'attract-last.html'), await page.content())
    const list = verdicts(baseline, last)
    const after = samples.filter((s) => s.session >= baseline.session)
    const per100 = (value: (s: Sample) => number) =>
      slope(after.map((s) => [s.session, value(s)])) * 100
    const failed = outcomes.filter((o) => o.error)
    const walkAways = outcomes.filter((o) => o.ending === 'walk-away').length
    const meanSeconds = outcomes.reduce((s, o) => s + o.seconds, 0) / Math.max(1, outcomes.length)

    process.stdout.write(`\nSamples (on the attract screen, after GC):\n${samplesTable(samples)}\n`)
    process.stdout.write(
      `\nHost RSS is the web host process: the core and the bundled central service run in it ` +
        `together (the centre keeps every application it accepts in its state by design).\n`,
    )
    process.stdout.write(
      `\n${session} sessions (${walkAways} walked away, ${failed.length} failed), mean ${meanSeconds.toFixed(1)} s each, ` +
        `baseline = sample @${baseline.session} (after warm-up), session-0 attract: ${samples[0]!.nodes} nodes, ${samples[0]!.listeners} listeners\n`,
    )
    process.stdout.write(
      `Trend after warm-up (least squares, per 100 sessions): heap ${(per100((s) => s.heapBytes) / 1048576).toFixed(2)} MB, ` +
        `nodes ${per100((s) => s.nodes).toFixed(1)}, listeners ${per100((s) => s.listeners).toFixed(1)}, ` +
        `RSS ${(per100((s) => s.rssBytes) / 1048576).toFixed(1)} MB\n\n`,
    )
    process.stdout.write(`${verdictTable(list)}\n`)

    const perVisit = new Map<string, { count: number; seconds: number; failed: number }>()
    for (const o of outcomes) {
      const key = `${o.visit} (${o.resident ?? '—'})`
      const entry = perVisit.get(key) ?? { count: 0, seconds: 0, failed: 0 }
      entry.count++
      entry.seconds += o.seconds
      if (o.error) entry.failed++
      perVisit.set(key, entry)
    }
    process.stdout.write(
      `\n${table([
        ['visit', 'runs', 'failed', 'mean s'],
        ...[...perVisit].map(([name, e]) => [
          name,
          String(e.count),
          String(e.failed),
          (e.seconds / e.count).toFixed(1),
        ]),
      ])}\n`,
    )

    writeFileSync(
      join(RESULTS, 'soak.svg'),
      chartSvg(samples, baseline, {
        title: `hall-kiosk soak: ${session} sessions, sample every ${options.sampleEvery}`,
      }),
    )

    // ---- privacy sweep (item 4) -------------------------------------------------------------
    // The renderer while it still runs (at attract); then the browser closes (its profile is
    // flushed to disk) and the host stops (the store folds its journal): sweep what stays.
    await atRest(kiosk)
    const rendererSweep = await sweepRenderer(page, context)
    await context.close()
    context = null
    await host.stop()
    const sweep = await privacySweep({
      dataDir,
      extraFolders: [{ label: 'chromium-profile', dir: profileDir }],
    })
    sweep.hits.push(...rendererSweep.hits)
    sweep.scanned.rendererPlaces = rendererSweep.places
    process.stdout.write(
      `\nPrivacy sweep: ${sweep.scanned.files} files (${(sweep.scanned.bytes / 1024).toFixed(0)} KiB, ` +
        `terminal data folder + Chromium profile), ${sweep.scanned.storeCells} store cells, ` +
        `${sweep.scanned.rendererPlaces} renderer places; excluded ${sweep.excluded.join('; ')}\n` +
        (sweep.hits.length === 0
          ? 'Privacy sweep: 0 hits (no full ID number, phone number or name of a demo resident)\n'
          : `Privacy sweep: ${sweep.hits.length} hits\n${describeHits(sweep.hits)}\n`),
    )
    if (pageProblems.length) {
      process.stdout.write(
        `\nPage errors (${pageProblems.length}):\n${[...new Set(pageProblems)].slice(0, 20).join('\n')}\n`,
      )
    }

    writeFileSync(
      join(RESULTS, 'soak.json'),
      JSON.stringify(
        {
          options,
          host: { pid: host.pid, note: 'web host process = core + bundled central service' },
          targets: TARGETS,
          sessions: session,
          baselineSession: baseline.session,
          samples,
          verdicts: list,
          outcomes,
          pageProblems,
          privacy: { hits: sweep.hits, scanned: sweep.scanned, excluded: sweep.excluded },
        },
        null,
        2,
      ),
    )
    process.stdout.write(`\nWrote ${join(RESULTS, 'soak.json')} and ${join(RESULTS, 'soak.svg')}\n`)

    const reasons = [
      ...list.filter((v) => !v.pass).map((v) => `target missed: ${v.name}`),
      ...(failed.length ? [`${failed.length} visits failed`] : []),
      ...(errors >= options.maxErrors ? [`stopped after ${errors} errors`] : []),
      ...(sweep.hits.length ? [`${sweep.hits.length} privacy hits`] : []),
      ...(pageProblems.length ? [`${pageProblems.length} page errors`] : []),
      ...(session < VISITS.length ? ['fewer sessions than one cycle of visits'] : []),
    ]
    process.stdout.write(
      reasons.length ? `\nSOAK FAILED: ${reasons.join('; ')}\n` : '\nSOAK PASSED\n',
    )
    exitCode = reasons.length ? 1 : 0
  } finally {
    await context?.close().catch(() => undefined)
    await host.stop()
    rmSync(profileDir, { recursive: true, force: true })
    rmSync(coreSnapshotDir, { recursive: true, force: true })
  }
  // The terminal's data folder stays when something failed, for a look at what it holds.
  if (exitCode === 0) rmSync(dataDir, { recursive: true, force: true })
  else process.stdout.write(`The terminal's data folder is kept: ${dataDir}\n`)
  return exitCode
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`soak: ${String((err as Error)?.stack ?? err)}\n`)
    process.exit(1)
  },
)
