/**
 * `npm run start:web`: the kiosk served through the web host. Starts the bundled central service
 * when no `KIOSK_CENTRAL_URL` is configured (demo mode), creates the core, serves the renderer and
 * prints one line with the URL to open. Configuration: the hall config file, then the environment
 * (`core/hall-config.ts`); a bad one starts an out-of-service core that names the bad fields on
 * the attract screen instead of exiting.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCore, type Core } from '../core/core'
import { loadKioskConfig, markMisconfigured, raiseStartupIssues } from '../core/hall-config'
import { findKioskResources } from '../core/package-resources'
import { startCentralIfNeeded, type RunningCentral } from '../central/launch'
import { startWebHost } from './host'
import { WebTokenError, webTokenFromEnv } from './token'
import { DEMO_PIN_NOTICE } from '../core/supervisor/pin'
import { version } from '../../package.json'

/** The renderer build next to this bundle (out/main → out/renderer), else the repo's out/. */
function rendererDir(): string {
  if (process.env.KIOSK_RENDERER_DIR) return resolve(process.env.KIOSK_RENDERER_DIR)
  const beside = resolve(__dirname, '../renderer')
  return existsSync(resolve(beside, 'index.html')) ? beside : resolve('out/renderer')
}

async function main(): Promise<void> {
  // Before anything starts: a short or empty KIOSK_WEB_TOKEN is a mistake to fix, not to run with.
  const token = webTokenFromEnv(process.env)
  const loaded = loadKioskConfig({
    env: process.env,
    argv: process.argv.slice(2),
    host: 'web',
    version,
    // The build output's resources (out/main → out/resources), the same files the package ships.
    resources: findKioskResources([resolve(__dirname, '../resources')]),
  })
  let central: RunningCentral = { url: null, bundled: false, stop: async () => {} }
  let core: Core
  if (loaded.ok) {
    central = await startCentralIfNeeded(loaded.settings.core, process.env)
    core = await createCore({ ...loaded.settings.core, centralUrl: central.url })
  } else {
    process.stderr.write(
      `hall-kiosk: configuration invalid${loaded.source ? ` (${loaded.source})` : ''}, ` +
        `out of service: ${loaded.problems.join('; ')}\n`,
    )
    core = await createCore(loaded.fallback)
  }
  // Which sql.js wasm and CJK font this run uses (the build's resources, or the checkout's).
  core.internals.log.info('host.resources', {
    wasmPath: (loaded.ok ? loaded.settings.core : loaded.fallback).wasmPath ?? null,
    fontPath: (loaded.ok ? loaded.settings.core : loaded.fallback).fontPath ?? null,
  })
  await core.start()
  if (loaded.ok) raiseStartupIssues(core, loaded.settings.issues)
  else markMisconfigured(core, loaded.fields, loaded.issue)
  const host = await startWebHost({
    core,
    rendererDir: rendererDir(),
    port: Number(process.env.KIOSK_WEB_PORT ?? 8788),
    token,
  })
  process.stdout.write(`hall-kiosk web host ready: ${host.pageUrl}\n`)
  if (core.internals.supervisor.pinSource === 'demo') process.stdout.write(`${DEMO_PIN_NOTICE}\n`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await host.close()
    await core.stop()
    await central.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // Staff's restart: stop cleanly and exit 75 so the service manager (systemd
  // Restart=on-failure) starts the kiosk again; "exit the kiosk" is refused on this host.
  core.onEvent((message) => {
    if (message.event !== 'host.command' || stopping) return
    stopping = true
    void (async () => {
      await host.close()
      await core.stop()
      await central.stop()
      process.exit(message.payload.command === 'restart' ? 75 : 0)
    })()
  })
}

main().catch((err) => {
  const message = err instanceof WebTokenError ? err.message : String(err?.stack ?? err)
  process.stderr.write(`hall-kiosk web host failed to start: ${message}\n`)
  process.exit(1)
})
