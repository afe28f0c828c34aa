/**
 * Recovery drills (the terminal recovers by itself): the kiosk never shows a blank
 * page. These drills start and kill their own hosts (not the shared ones of playwright.config.ts):
 * the web host is killed mid-session and restarted; the terminal starts with no central service;
 * the central service goes away and comes back; the data folder's disk (a small tmpfs) fills up.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statfsSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { checkScreen } from './support/screen'
import { writeQaHallConfig } from './support/qa-hall-config'

const OUT = process.env.KIOSK_OUT_DIR ?? 'out'
const BASE = Number(process.env.KIOSK_E2E_PORT ?? 8861) + 40
const TOKEN = 'recovery-token-0123456789abcdef0123456789abcdef'
const KEY = 'recovery-terminal-key-0123456789'
const STAFF_PIN = '135792'

/** Starts `node <out>/main/<entry>.js` and resolves once it printed its ready line. */
function startProcess(
  entry: 'web' | 'central',
  env: Record<string, string>,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // A terminal on a centre of its own runs QA (and the test clock of opening hours) only where
    // its hall config allows it; one with a staff PIN of its own stays a production terminal.
    const hall =
      entry === 'web' && env.KIOSK_CENTRAL_URL && !env.KIOSK_SUPERVISOR_PIN_HASH
        ? { KIOSK_CONFIG_FILE: writeQaHallConfig(env.KIOSK_TERMINAL_ID) }
        : {}
    const child = spawn(process.execPath, [join(OUT, 'main', `${entry}.js`)], {
      env: { ...process.env, ...hall, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const timer = setTimeout(() => reject(new Error(`${entry} did not start: ${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk
      if (/ready|listening/.test(output)) {
        clearTimeout(timer)
        resolve(child)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk))
    child.on('exit', (code) => reject(new Error(`${entry} exited ${code}: ${output}`)))
  })
}

function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!child || child.exitCode !== null) return Promise.resolve()
  return new Promise<void>((resolve) => {
    child.removeAllListeners('exit')
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

const children: ChildProcess[] = []
test.afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => stop(c, 'SIGKILL')))
})

// One viewport is enough for process drills; the screens themselves are checked in both.
test.skip(({ viewport }) => (viewport?.width ?? 0) < (viewport?.height ?? 0), 'landscape only')

test('killing the web host mid-session shows recovering, then attract with the session wiped', async ({
  page,
}) => {
  const port = BASE
  const env = {
    KIOSK_WEB_PORT: String(port),
    KIOSK_WEB_TOKEN: TOKEN,
    KIOSK_DATA_DIR: mkdtempSync(join(tmpdir(), 'kiosk-recovery-')),
    KIOSK_CENTRAL_PORT: '0',
  }
  children.push(await startProcess('web', env))
  await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}`)
  await page.getByTestId('touch-to-start').tap()
  await expect(page.locator('main[data-screen="home"]')).toBeVisible()

  await stop(children.pop(), 'SIGKILL')
  await expect(page.locator('main[data-screen="recovering"]')).toBeVisible()
  await checkScreen(page, 'recovering')

  children.push(await startProcess('web', env))
  await expect(page.locator('main[data-screen="attract"][data-ready="true"]')).toBeVisible({
    timeout: 20_000,
  })
  // The new core has no session: touching starts a fresh one, nothing of the old is shown.
  await expect(page.locator('main[data-screen="home"]')).toHaveCount(0)
})

test('starting with no central service shows home with an offline notice, never a blank page', async ({
  page,
}) => {
  const port = BASE + 1
  children.push(
    await startProcess('web', {
      KIOSK_WEB_PORT: String(port),
      KIOSK_WEB_TOKEN: TOKEN,
      KIOSK_DATA_DIR: mkdtempSync(join(tmpdir(), 'kiosk-nocentral-')),
      KIOSK_CENTRAL_URL: 'http://127.0.0.1:9', // discard port: nothing answers
      KIOSK_TERMINAL_KEY: KEY,
      KIOSK_QA: '1',
    }),
  )
  await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}`)
  await expect(page.locator('main[data-screen="attract"][data-ready="true"]')).toBeVisible()
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline', {
    timeout: 20_000,
  })
  await page.getByTestId('touch-to-start').tap()
  await expect(page.locator('main[data-screen="home"]')).toBeVisible()
  // Services that need the centre say so in words; the tiles are there, not a blank page.
  const tiles = page.getByTestId('service-tile')
  await expect(tiles).toHaveCount(10)
  await expect(page.locator('[data-reason="CENTRAL_OFFLINE"]').first()).toBeVisible()
  await checkScreen(page, 'home-offline')
})

test('the central service going away degrades the tiles; its return restores them', async ({
  page,
}) => {
  const centralPort = BASE + 2
  const port = BASE + 3
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-outage-'))
  const centralEnv = {
    KIOSK_CENTRAL_PORT: String(centralPort),
    KIOSK_CENTRAL_STATE: join(dataDir, 'central-state.json'),
    KIOSK_TERMINAL_ID: 'FZ-GJJ-T099',
    KIOSK_TERMINAL_KEY: KEY,
  }
  children.push(await startProcess('central', centralEnv))
  children.push(
    await startProcess('web', {
      KIOSK_WEB_PORT: String(port),
      KIOSK_WEB_TOKEN: TOKEN,
      KIOSK_DATA_DIR: join(dataDir, 'terminal'),
      KIOSK_CENTRAL_URL: `http://127.0.0.1:${centralPort}`,
      KIOSK_TERMINAL_ID: 'FZ-GJJ-T099',
      KIOSK_TERMINAL_KEY: KEY,
    }),
  )
  await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}`)
  const state = page.getByTestId('connection-state')
  await expect(state).toHaveAttribute('data-state', 'online', { timeout: 20_000 })

  await stop(children.shift(), 'SIGKILL')
  await expect(state).toHaveAttribute('data-state', 'offline', { timeout: 90_000 })
  await page.getByTestId('touch-to-start').tap()
  await expect(page.locator('[data-reason="CENTRAL_OFFLINE"]').first()).toBeVisible()

  children.push(await startProcess('central', centralEnv))
  await expect(state).toHaveAttribute('data-state', 'online', { timeout: 90_000 })
  await expect(page.locator('[data-reason="CENTRAL_OFFLINE"]')).toHaveCount(0)
})

/**
 * Mounts a small tmpfs for the drill below; null (with the reason) where mounting is not allowed
 * (not root, or a container without CAP_SYS_ADMIN).
 */
function mountTmpfs(dir: string, size: string): string | null {
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
    encoding: 'utf8',
  })
  if (result.error) return result.error.message
  return result.status === 0 ? null : result.stderr.trim() || `mount exited ${result.status}`
}

/** Fills the file system holding `dir` to the last byte; returns the filler's path. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler.bin')
  const { bavail, bsize } = statfsSync(dir)
  const fd = openSync(filler, 'w')
  try {
    if (bavail > 1) writeSync(fd, Buffer.alloc((bavail - 1) * bsize))
    for (;;) writeSync(fd, Buffer.alloc(512)) // until ENOSPC
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
  return filler
}

test('a full data disk: the store reports it, the resident is told and loses nothing, the kiosk stays up', async ({
  page,
}) => {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-diskfull-'))
  const mnt = join(root, 'data')
  mkdirSync(mnt)
  const refused = mountTmpfs(mnt, '24m')
  test.skip(refused !== null, `cannot mount a tmpfs here (${refused}); the drill needs root`)
  try {
    const centralPort = BASE + 4
    const port = BASE + 5
    const centralState = join(root, 'central-state.json')
    children.push(
      await startProcess('central', {
        KIOSK_CENTRAL_PORT: String(centralPort),
        KIOSK_CENTRAL_STATE: centralState,
        KIOSK_TERMINAL_ID: 'FZ-GJJ-T098',
        KIOSK_TERMINAL_KEY: KEY,
      }),
    )
    // A configured terminal (not demo): staff enter with a PIN of the hall's own.
    const pinHash = spawnSync(process.execPath, ['build/scripts/hash-pin.mjs', '--stdin'], {
      input: STAFF_PIN,
      encoding: 'utf8',
    }).stdout.trim()
    children.push(
      await startProcess('web', {
        KIOSK_WEB_PORT: String(port),
        KIOSK_WEB_TOKEN: TOKEN,
        KIOSK_DATA_DIR: mnt,
        KIOSK_SUPERVISOR_PIN_HASH: pinHash.replace(/^KIOSK_SUPERVISOR_PIN_HASH=/, ''),
        KIOSK_CENTRAL_URL: `http://127.0.0.1:${centralPort}`,
        KIOSK_TERMINAL_ID: 'FZ-GJJ-T098',
        KIOSK_TERMINAL_KEY: KEY,
      }),
    )
    await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}`)
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online', {
      timeout: 20_000,
    })
    const filler = fillDisk(mnt)
    const indicator = page.getByTestId('issue-indicator')
    await expect(indicator).toHaveCount(0)

    // The journal keeps 128 KiB ahead of its records: short visits use it up (about 35 here).
    // Their audit rows fail first; a visit goes on without its audit row, and staff are told.
    // Two more visits after the first failure leave less room than one audit row.
    const visit = async () => {
      await page.getByTestId('touch-to-start').tap()
      await expect(page.locator('main[data-screen="home"]')).toBeVisible()
      await page.getByTestId('nav-finish').tap()
      await expect(page.locator('main[data-screen="attract"]')).toBeVisible()
    }
    for (let n = 0; n < 150 && !(await indicator.isVisible()); n++) await visit()
    await expect(indicator).toBeVisible()
    await visit()
    await visit()

    // A resident writes a complaint; saving it fails: said in words, the text is kept.
    await page.getByTestId('touch-to-start').tap()
    await expect(page.locator('main[data-screen="home"]')).toBeVisible()
    await page.getByTestId('service-tile').filter({ hasText: '投诉反馈' }).tap()
    await page.getByTestId('feedback-category-suggestion').tap()
    await page.locator('[data-skbtn="{lang}"]').tap()
    for (const letter of 'queue') await page.locator(`[data-skbtn="${letter}"]`).tap()
    await expect(page.getByTestId('feedback-text')).toHaveValue('queue')
    await page.getByTestId('feedback-submit').tap()
    await expect(page.getByTestId('feedback-error')).toContainText('终端暂时无法保存')
    await expect(page.getByTestId('feedback-text')).toHaveValue('queue')
    await checkScreen(page, 'help-feedback-disk-full', { exclude: ['.simple-keyboard'] })

    // Space comes back (staff cleared the disk): the same text goes through, and reaches the centre.
    unlinkSync(filler)
    await page.getByTestId('feedback-submit').tap()
    const ticket = page.getByTestId('feedback-ticket')
    await expect(ticket).toHaveText(/^FK\d{8}-[A-Z2-9]{6}$/)
    const ticketNo = (await ticket.textContent())!.trim()
    await expect
      .poll(() => readFileSync(centralState, 'utf8').includes(ticketNo), { timeout: 30_000 })
      .toBe(true)

    // The dashboard names what happened, in words.
    for (let i = 0; i < 5; i++) await page.touchscreen.tap(24, 24)
    for (const digit of STAFF_PIN) await page.getByTestId(`pin-${digit}`).tap()
    await page.getByTestId('pin-enter').tap()
    const issues = page.getByTestId('staff-issues')
    const failed = issues.locator('[data-code="STORE_WRITE_FAILED"]')
    await expect(failed).toContainText('本地数据无法写入磁盘')
    await expect(failed).toContainText('原因代码 ENOSPC')
    await expect(issues.locator('[data-code="STORE_WRITE_RESTORED"]')).toBeVisible()
    await checkScreen(page, 'supervisor-disk-full')

    // Staff dealt with it: clearing the list takes the ⚠ away too.
    await page.getByTestId('staff-clear-issues').tap()
    await expect(page.getByTestId('staff-outcome')).toContainText('已清除')
    await expect(page.getByTestId('staff-outcome')).not.toContainText('其余')
    await expect(issues.locator('[data-code]')).toHaveCount(0)
    await expect(indicator).toHaveCount(0)
    await checkScreen(page, 'supervisor-issues-cleared')
  } finally {
    await Promise.all(children.splice(0).map((c) => stop(c, 'SIGKILL')))
    spawnSync('umount', ['-l', mnt])
  }
})
