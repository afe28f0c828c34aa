#!/usr/bin/env node
/**
 * `npm start`: builds the kiosk and runs it in demo mode. Electron where its binary exists; where
 * it cannot be obtained (it is downloaded from GitHub, which some networks cannot reach) it says so
 * in one line and serves the same kiosk through the web host, opening the system Chromium in app
 * mode if there is one. Without `KIOSK_FLEET_URL` it also starts the hall's fleet service in demo mode
 * (embedded PGlite, the demo terminal and simulated ones, demo staff accounts printed) and points
 * the kiosk at it (docs/fleet.md).
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const bin = (name) => join(root, 'node_modules', '.bin', name)

/** The Electron executable if it is really there, without triggering electron's download. */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
    return existsSync(candidate) ? candidate : null
  }
  if (!relative) return null
  const candidate = join(pkg, 'dist', relative)
  return existsSync(candidate) ? candidate : null
}

function chromiumBinary() {
  for (const candidate of [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]) {
    if (existsSync(candidate)) return candidate
  }
  return null
}

const build = spawnSync(bin('electron-vite'), ['build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (build.status !== 0) {
  console.error('hall-kiosk: the build failed (see above).')
  process.exit(build.status ?? 1)
}

/** The demo fleet service, unless the kiosk is given one; its URL goes into the kiosk's environment. */
const env = { ...process.env }
let fleet = null
if (!env.KIOSK_FLEET_URL) {
  const port = env.FLEET_PORT ?? '8791'
  fleet = spawn(process.execPath, [join(root, 'out', 'main', 'fleet.js')], {
    cwd: root,
    env: { ...env, FLEET_DEMO: '1', FLEET_PORT: port },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  env.KIOSK_FLEET_URL = `http://127.0.0.1:${port}`
  process.on('exit', () => fleet.kill('SIGTERM'))
}

const electron = electronBinary()
if (electron) {
  const child = spawn(electron, ['.', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env,
  })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    'hall-kiosk: the Electron binary is not available here (it cannot be downloaded), so the same kiosk is served through the web host instead.',
  )
  const web = spawn(process.execPath, [join(root, 'out', 'main', 'web.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const stop = () => {
    web.kill('SIGTERM')
    fleet?.kill('SIGTERM')
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  web.on('exit', (code) => process.exit(code ?? 0))
  let buffered = ''
  web.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    buffered += chunk
    const match = /ready: (\S+)/.exec(buffered)
    if (!match) return
    buffered = ''
    const chromium = chromiumBinary()
    const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY
    if (!chromium || !display) {
      console.log(`hall-kiosk: open ${match[1]} in Chromium (kiosk: --app=<url> --kiosk).`)
      return
    }
    const profile = mkdtempSync(join(tmpdir(), 'hall-kiosk-chromium-'))
    spawn(
      chromium,
      [
        `--app=${match[1]}`,
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--window-size=1920,1080',
      ],
      { stdio: 'ignore', detached: true },
    ).unref()
  })
}
