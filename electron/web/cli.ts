/**
 * `npm run start:web`: the kiosk served through the web host. Starts the bundled central service
 * when no `KIOSK_CENTRAL_URL` is configured (demo mode), creates the core, serves the renderer and
 * prints one line with the URL to open.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError, configFromEnv } from '../core/config'
import { createCore } from '../core/core'
import { startCentralIfNeeded } from '../central/launch'
import { startWebHost } from './host'
import { DEMO_PIN_NOTICE } from '../core/supervisor/pin'
import { version } from '../../package.json'

/** The renderer build next to this bundle (out/main → out/renderer), else the repo's out/. */
function rendererDir(): string {
  if (process.env.KIOSK_RENDERER_DIR) return resolve(process.env.KIOSK_RENDERER_DIR)
  const beside = resolve(__dirname, '../renderer')
  return existsSync(resolve(beside, 'index.html')) ? beside : resolve('out/renderer')
}

async function main(): Promise<void> {
  const config = configFromEnv(process.env, { host: 'web', version })
  const central = await startCentralIfNeeded(config, process.env)
  const core = createCore({ ...config, centralUrl: central.url })
  await core.start()
  const host = await startWebHost({
    core,
    rendererDir: rendererDir(),
    port: Number(process.env.KIOSK_WEB_PORT ?? 8788),
    token: process.env.KIOSK_WEB_TOKEN ?? randomBytes(24).toString('base64url'),
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
}

main().catch((err) => {
  const message = err instanceof ConfigError ? err.message : String(err?.stack ?? err)
  process.stderr.write(`hall-kiosk web host failed to start: ${message}\n`)
  process.exit(1)
})
