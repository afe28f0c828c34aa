/**
 * Renderer start-up: in Debian's Chromium, the time from navigation to the home screen
 * being interactive, against the floor of an empty Vite + Vue page; and the renderer's initial
 * JavaScript, gzipped. Targets: ≤ 1.5 × the floor; ≤ 150 KB.
 *
 * "Home interactive", defined: navigation start → the first animation frame with attract marked
 * `data-ready` (terminal.info answered, screen rendered), plus first touch → the first frame with
 * home's tiles (the touch comes once attract is painted: a person touches what is shown). Both
 * legs are read inside the page by probes installed before its scripts; Playwright's own scripts
 * are kept out of the page while it starts (see `readyProbe`). The floor is navigation start →
 * the first frame with its root element rendered by a mounted Vue app. The stack floor
 * is the same for a page with the renderer libraries the kiosk uses (Vue, Pinia,
 * vue-router, vue-i18n, VueUse) set up as the kiosk sets them up, around one translated line and
 * no app code: what any kiosk on this stack pays before its own code, so the ratio can be read
 * against what is the app's. The stack floor is also served by the web host, as the kiosk is (its
 * security headers, token check and server): what serving costs any page there is then not read as
 * the kiosk's own. All are read from `performance.now()` inside the page
 * (0 = navigation start), each run in a fresh browser context (cold HTTP cache, as after a
 * terminal boot), taking turns; medians.
 *
 * Needs a build of the kiosk (`out/`); builds it when missing. Runnable alone:
 * `node --import tsx tests/bench/startup.bench.ts`.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test'
import {
  ensureKioskBuild,
  launchChromium,
  median,
  ROOT,
  startKioskHost,
  VIEWPORT,
} from './browser-host'

export interface Row {
  name: string
  value: number
  unit: string
  target?: number
  targetKind?: 'max' | 'min'
  note?: string
}

export interface StartupBenchOptions {
  /** Measured runs of each page (default 7, or `BENCH_STARTUP_RUNS`). */
  runs?: number
  /** Port for the web host (default 8871). */
  port?: number
}

/** The renderer build to measure; the web host serves the same folder (`KIOSK_RENDERER_DIR`). */
const RENDERER_DIR = resolve(process.env.KIOSK_RENDERER_DIR ?? join(ROOT, 'out/renderer'))
const FLOOR_FIXTURE = join(__dirname, 'fixtures/floor')
const STACK_FLOOR_FIXTURE = join(__dirname, 'fixtures/stack-floor')
/** vue-i18n's composition-only production flags, as electron.vite.config.ts sets them. */
const VUE_I18N_FLAGS = {
  __VUE_I18N_LEGACY_API__: 'false',
  __VUE_I18N_FULL_INSTALL__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_DEVTOOLS__: 'false',
}

/** Gzipped size in KB of the scripts a built index.html loads at start (incl. modulepreload). */
export function initialScriptKb(outDir: string): { kb: number; files: string[] } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const refs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!)
  const files = [...new Set(refs)].map((ref) => join(outDir, ref.replace(/^\.?\//, '')))
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0)
  return { kb: bytes / 1024, files }
}

/** Builds a fixture page with Vite and serves it (vite preview, loopback). */
async function startFixture(
  root: string,
  outDir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const vite = await import('vite')
  const { default: vue } = await import('@vitejs/plugin-vue')
  await vite.build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [vue()],
    define: VUE_I18N_FLAGS,
    build: { outDir, emptyOutDir: true },
  })
  const server = await vite.preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error(`preview server for ${root} has no URL`)
  return { url, close: () => server.close() }
}

/**
 * In-page probe, installed before the page's own scripts (an init script): the time of the first
 * animation frame at which `selector` matches, on the page's `performance.now()` clock
 * (0 = navigation start). Read through the DevTools protocol, never through Playwright's
 * `waitForFunction`: that injects Playwright's selector engine into the page during start-up, one
 * script evaluation of 27–74 ms on this machine's main thread (Chromium traces), which the
 * kiosk's and the floors' start-ups then waited behind, by different amounts from run to run.
 */
const readyProbe = (selector: string): string =>
  `(() => {
    const check = () => {
      if (document.querySelector(${JSON.stringify(selector)})) window.__benchReadyAt = performance.now()
      else requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  })()`

/** Evaluates `expression` in the page through CDP (no Playwright script in the page). */
async function cdpValue<T>(cdp: CDPSession, expression: string): Promise<T | undefined> {
  const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true })
  return result.value as T | undefined
}

/** Polls `expression` until it is a number (the probes' results), every 20 ms, at most 30 s. */
async function pollNumber(cdp: CDPSession, expression: string): Promise<number> {
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    const value = await cdpValue<unknown>(cdp, expression)
    if (typeof value === 'number') return value
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`timed out waiting for ${expression}`)
}

/** A fresh page with the ready probe for `selector`, and its CDP session. */
async function probedPage(
  context: BrowserContext,
  selector: string,
): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage()
  await page.addInitScript(readyProbe(selector))
  return { page, cdp: await context.newCDPSession(page) }
}

/** The page's first contentful paint, on its clock (undefined until there is one). */
const FIRST_PAINT = `performance.getEntriesByName('first-contentful-paint')[0]?.startTime`

/** navigation → mounted Vue root (floor, stack floor), and → its first contentful paint, in ms. */
async function floorRun(
  browser: Browser,
  url: string,
): Promise<{ ready: number; painted: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const { page, cdp } = await probedPage(context, '[data-ready]')
  await page.goto(url, { waitUntil: 'commit' })
  const ready = await pollNumber(cdp, 'window.__benchReadyAt')
  const painted = await pollNumber(cdp, FIRST_PAINT)
  await context.close()
  return { ready, painted }
}

/**
 * In-page probe for the first touch: the touch's time (its `pointerdown`), and the first animation
 * frame at which home's tiles are there, on the page's clock, so the figure holds the kiosk's
 * answer only (not Playwright's round trips around a tap: ~35 ms more, measured).
 */
const TOUCH_PROBE = `(() => {
  window.addEventListener('pointerdown', (e) => { window.__benchTouchAt ??= e.timeStamp }, true)
  const check = () => {
    if (window.__benchTouchAt !== undefined && document.querySelector('[data-testid="service-tile"]'))
      window.__benchHomeAt = performance.now() - window.__benchTouchAt
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`

/** navigation → attract ready, plus first touch → home tiles rendered, in ms. */
async function kioskRun(
  browser: Browser,
  url: string,
): Promise<{ attract: number; painted: number; home: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT, hasTouch: true })
  const { page, cdp } = await probedPage(context, 'main[data-ready]')
  await page.goto(url, { waitUntil: 'commit' })
  const attract = await pollNumber(cdp, 'window.__benchReadyAt')
  // A person touches what is on the screen: the tap comes once attract is painted.
  const painted = await pollNumber(cdp, FIRST_PAINT)
  const start = await cdpValue<{ x: number; y: number }>(
    cdp,
    `(() => {
      const r = document.querySelector('[data-testid="touch-to-start"]').getBoundingClientRect()
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
    })()`,
  )
  await cdpValue(cdp, TOUCH_PROBE)
  await page.touchscreen.tap(start!.x, start!.y)
  const home = await pollNumber(cdp, 'window.__benchHomeAt')
  await context.close()
  return { attract, painted, home }
}

/**
 * After a renderer crash: the renderer process is killed (CDP `Page.crash`) on attract and the
 * page is loaded again in a new renderer of the same browser context, as the shell reloads after
 * `render-process-gone` (HTTP cache warm, as the app's files are on disk in Electron; the core
 * still running). Playwright gives up on a crashed page, hence a new one. navigation → attract
 * ready, in ms.
 */
async function crashReloadRun(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, hasTouch: true })
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('main[data-ready]').waitFor()
  const cdp = await context.newCDPSession(page)
  const crashed = page.waitForEvent('crash')
  void cdp.send('Page.crash').catch(() => undefined)
  await crashed
  const reloaded = await probedPage(context, 'main[data-ready]')
  await reloaded.page.goto(url, { waitUntil: 'commit' })
  const ms = await pollNumber(reloaded.cdp, 'window.__benchReadyAt')
  await context.close()
  return ms
}

/**
 * Main-thread work of the renderer while attract waits for someone (ms of tasks per second, CDP
 * `Performance.getMetrics` TaskDuration over `seconds`). Attract is on screen most of the day.
 */
async function attractIdleLoad(browser: Browser, url: string, seconds = 5): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, hasTouch: true })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.goto(url)
  await page.locator('main[data-ready]').waitFor()
  await page.waitForTimeout(1000)
  const taskSeconds = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value
  const before = await taskSeconds()
  await page.waitForTimeout(seconds * 1000)
  const busy = (await taskSeconds()) - before
  await context.close()
  return (busy * 1000) / seconds
}

/**
 * The content floor: the stack floor's page with a copy of attract as the kiosk drew it (its markup
 * and style sheets, none of its scripts) in front of the stack's one line, written to a folder of
 * its own. It costs what showing attract's pixels costs on this stack (its CSS, its CJK text, its
 * icons laid out), so the kiosk's attract over it is the kiosk's own logic: stores, router, the
 * shell's composables, building the screen through Vue rather than from HTML. Taken from the
 * running kiosk, so it follows attract as it changes.
 */
async function writeContentFloor(
  browser: Browser,
  kioskUrl: string,
  stackOut: string,
): Promise<string> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  await page.goto(kioskUrl)
  await page.locator('main[data-ready]').waitFor()
  const { html, sheets } = await page.evaluate(() => ({
    html: document.getElementById('app')!.innerHTML,
    sheets: [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) =>
      l.getAttribute('href')!,
    ),
  }))
  await context.close()
  const out = mkdtempSync(join(tmpdir(), 'kiosk-bench-content-floor-'))
  cpSync(stackOut, out, { recursive: true })
  const links = sheets.map((href) => {
    const name = `kiosk-${basename(href)}`
    copyFileSync(join(RENDERER_DIR, href), join(out, 'assets', name))
    return `<link rel="stylesheet" href="/assets/${name}">`
  })
  // The copy must not be taken for the floor's own ready mark, nor be touched.
  const copy = html.replace(/\sdata-(ready|testid)="[^"]*"/g, '')
  const index = join(out, 'index.html')
  writeFileSync(
    index,
    readFileSync(index, 'utf8')
      .replace('</head>', `${links.join('')}</head>`)
      .replace(
        '<div id="app"></div>',
        `<div style="height: 100%" aria-hidden="true">${copy}</div><div id="app"></div>`,
      ),
  )
  return out
}

/** Runs the start-up benchmark and returns its figures. */
export async function runStartupBench(options: StartupBenchOptions = {}): Promise<Row[]> {
  const runs = options.runs ?? Number(process.env.BENCH_STARTUP_RUNS ?? 7)
  ensureKioskBuild()
  const floorOut = mkdtempSync(join(tmpdir(), 'kiosk-bench-floor-'))
  const stackOut = mkdtempSync(join(tmpdir(), 'kiosk-bench-stack-floor-'))
  const floor = await startFixture(FLOOR_FIXTURE, floorOut)
  const stack = await startFixture(STACK_FLOOR_FIXTURE, stackOut)
  const port = options.port ?? Number(process.env.BENCH_STARTUP_PORT ?? 8871)
  const host = await startKioskHost(port)
  // The stack floor served as the kiosk is: by the web host (its headers, its token, its server).
  const stackHosted = await startKioskHost(port + 1, { KIOSK_RENDERER_DIR: stackOut })
  const browser = await launchChromium()
  const contentOut = await writeContentFloor(browser, host.url, stackOut)
  const contentHosted = await startKioskHost(port + 2, { KIOSK_RENDERER_DIR: contentOut })
  try {
    // One warm-up of each (first launch of the renderer process, disk cache of the OS).
    await floorRun(browser, floor.url)
    await floorRun(browser, stack.url)
    await floorRun(browser, stackHosted.url)
    await floorRun(browser, contentHosted.url)
    await kioskRun(browser, host.url)
    const floorMs: number[] = []
    const stackMs: number[] = []
    const stackHostedMs: number[] = []
    const kioskMs: number[] = []
    const attractMs: number[] = []
    const homeMs: number[] = []
    const stackPaintMs: number[] = []
    const contentMs: number[] = []
    const contentPaintMs: number[] = []
    const attractPaintMs: number[] = []
    for (let i = 0; i < runs; i++) {
      floorMs.push((await floorRun(browser, floor.url)).ready)
      const s = await floorRun(browser, stack.url)
      stackMs.push(s.ready)
      stackPaintMs.push(s.painted)
      stackHostedMs.push((await floorRun(browser, stackHosted.url)).ready)
      const c = await floorRun(browser, contentHosted.url)
      contentMs.push(c.ready)
      contentPaintMs.push(c.painted)
      const k = await kioskRun(browser, host.url)
      attractMs.push(k.attract)
      attractPaintMs.push(k.painted)
      homeMs.push(k.home)
      kioskMs.push(k.attract + k.home)
    }
    const crashMs: number[] = []
    for (let i = 0; i < Math.min(runs, 5); i++)
      crashMs.push(await crashReloadRun(browser, host.url))
    const idleMsPerSecond = await attractIdleLoad(browser, host.url)
    const kioskJs = initialScriptKb(RENDERER_DIR)
    const floorJs = initialScriptKb(floorOut)
    const stackJs = initialScriptKb(stackOut)
    const floorMedian = median(floorMs)
    const stackMedian = median(stackMs)
    const kioskMedian = median(kioskMs)
    return [
      {
        name: 'floor: navigation → empty Vue app mounted (median)',
        value: floorMedian,
        unit: 'ms',
        note: `${runs} runs, ${floorJs.kb.toFixed(1)} KB gz JS`,
      },
      {
        name: 'stack floor: navigation → Vue + Pinia + router + i18n + VueUse screen (median)',
        value: stackMedian,
        unit: 'ms',
        note: `${runs} runs, ${stackJs.kb.toFixed(1)} KB gz JS`,
      },
      {
        name: 'stack floor served by the web host, as the kiosk is (median)',
        value: median(stackHostedMs),
        unit: 'ms',
        note: `${runs} runs; its headers (COOP, CSP…), token and server`,
      },
      {
        name: 'content floor: the stack floor with a copy of attract (markup, styles), web host (median)',
        value: median(contentMs),
        unit: 'ms',
        note: `${runs} runs; kiosk attract ready / content floor: ${(median(attractMs) / median(contentMs)).toFixed(2)}×`,
      },
      { name: 'kiosk: navigation → attract ready (median)', value: median(attractMs), unit: 'ms' },
      { name: 'kiosk: first touch → home shown (median)', value: median(homeMs), unit: 'ms' },
      {
        name: 'kiosk: navigation → attract first painted (FCP, median)',
        value: median(attractPaintMs),
        unit: 'ms',
        note: `content floor's FCP ${median(contentPaintMs).toFixed(0)} ms; stack floor's FCP ${median(stackPaintMs).toFixed(0)} ms; ratio ${(median(attractPaintMs) / median(stackPaintMs)).toFixed(2)}× (read, no target)`,
      },
      {
        name: 'kiosk: navigation → home interactive (median)',
        value: kioskMedian,
        unit: 'ms',
        note: `${runs} runs`,
      },
      {
        name: 'kiosk: after a renderer crash, reload → attract ready (median)',
        value: median(crashMs),
        unit: 'ms',
        note: `${crashMs.length} runs; budget: 1.5 × the stack floor = ${(1.5 * stackMedian).toFixed(0)} ms`,
        target: 1.5 * stackMedian,
        targetKind: 'max',
      },
      {
        name: 'kiosk / stack floor: navigation → home interactive',
        value: kioskMedian / stackMedian,
        unit: '×',
        target: 1.5,
        targetKind: 'max',
      },
      {
        name: 'kiosk / stack floor served the same way (web host): home interactive',
        value: kioskMedian / median(stackHostedMs),
        unit: '×',
        note: `attract ready alone: ${(median(attractMs) / median(stackHostedMs)).toFixed(2)}×`,
      },
      {
        name: 'start-up ratio kiosk / floor',
        value: kioskMedian / floorMedian,
        unit: '×',
        target: 1.5,
        targetKind: 'max',
      },
      {
        name: 'stack floor / floor (the libraries alone)',
        value: stackMedian / floorMedian,
        unit: '×',
      },
      {
        name: 'attract idle: renderer main-thread work',
        value: idleMsPerSecond,
        unit: 'ms/s',
        target: 50,
        targetKind: 'max',
        note: 'CDP TaskDuration over 5 s on attract; a repainting animation here costs ~190 ms/s',
      },
      {
        name: 'renderer initial JS, gzipped',
        value: kioskJs.kb,
        unit: 'KB',
        target: 150,
        targetKind: 'max',
        note: kioskJs.files.map((f) => f.slice(dirname(f).length + 1)).join(', '),
      },
    ]
  } finally {
    await browser.close()
    await host.close()
    await stackHosted.close()
    await contentHosted.close()
    await floor.close()
    await stack.close()
    rmSync(floorOut, { recursive: true, force: true })
    rmSync(stackOut, { recursive: true, force: true })
    rmSync(contentOut, { recursive: true, force: true })
  }
}

if (require.main === module) {
  runStartupBench()
    .then((rows) =>
      console.table(
        rows.map(({ name, value, unit, target }) => ({
          name,
          value: Number(value.toFixed(2)),
          unit,
          target,
        })),
      ),
    )
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
