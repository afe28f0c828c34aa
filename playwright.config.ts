/**
 * End-to-end tests in Debian's Chromium against the web host (`node out/main/web.js`), which
 * serves the built renderer and the core's API. `out/` must be built first (`npm run test:e2e`
 * builds). Each worker has two hosts of its own: the default timings, and a short idle for the
 * countdown tests (tests/e2e/support/hosts.ts). Two workers by default (`KIOSK_E2E_WORKERS`).
 * `KIOSK_E2E_NO_SERVER=1` uses hosts already running on the same ports.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'
import { dataDirVariable, e2eWorkers, kioskHosts, type KioskHost } from './tests/e2e/support/hosts'

/**
 * Opening hours are judged as from a weekday morning, whatever hour the suite runs at; terminals
 * the specs start themselves inherit it from the environment (notices.spec moves it with qa.setClock).
 */
const QA_HOURS_CLOCK = '2026-12-07T10:00:00+08:00'
process.env.KIOSK_QA_HOURS_CLOCK ??= QA_HOURS_CLOCK

/**
 * One data folder per host, made once by the runner; workers evaluate this file again but inherit
 * the variable, so specs find the same folder (`hostDataDir` in tests/e2e/support/hosts.ts).
 */
function dataDir(host: KioskHost): string {
  const key = dataDirVariable(host)
  return (process.env[key] ??= mkdtempSync(join(tmpdir(), 'kiosk-e2e-')))
}

const webServer = (host: KioskHost) => ({
  command: `node ${process.env.KIOSK_OUT_DIR ?? 'out'}/main/web.js`,
  url: `${host.url}/`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env: {
    KIOSK_WEB_PORT: String(host.port),
    KIOSK_WEB_TOKEN: host.token,
    KIOSK_DATA_DIR: dataDir(host),
    KIOSK_CENTRAL_PORT: '0',
    KIOSK_IDLE_SECONDS: String(host.idleSeconds),
    KIOSK_IDLE_WARNING_SECONDS: String(host.warningSeconds),
    KIOSK_QA: '1',
    KIOSK_QA_HOURS_CLOCK: QA_HOURS_CLOCK,
    // The suites sign the same demo residents in many times; the demo limit is 10 an hour.
    KIOSK_CENTRAL_SMS_PER_HOUR: '1000',
  },
})

const WORKERS = e2eWorkers()
const hosts = Array.from({ length: WORKERS }, (_, i) => kioskHosts(i))

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: WORKERS,
  retries: 0,
  // Two workers share two cores: a 30 s drill can take twice that while the other worker renders
  // screens. The limit is there to catch hangs, not to time anything (benchmarks do that).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    // The kiosk's two animations are decorative (attract halo, card-reader hint) and honour
    // prefers-reduced-motion; screenshots freeze them anyway. Without them Chromium's software
    // compositor draws ~22 % less (CPU of its processes over the identity walk-through: 44.6 →
    // 34.6 s), which two workers on two cores feel. The soak and the bench keep them on.
    reducedMotion: 'reduce',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Face check: a synthetic camera, and getUserMedia allowed without a prompt.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  projects: [
    { name: 'landscape', use: { viewport: { width: 1920, height: 1080 }, hasTouch: true } },
    { name: 'portrait', use: { viewport: { width: 1080, height: 1920 }, hasTouch: true } },
  ],
  webServer:
    process.env.KIOSK_E2E_NO_SERVER === '1'
      ? undefined
      : hosts.flatMap((pair) => [webServer(pair.standard), webServer(pair.shortIdle)]),
})
